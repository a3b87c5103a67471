import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../testing/test-databases';
import { type AdminTestApp, errorCodeOf, openAdminTestApp } from '../admin-api/admin-test-kit';
import { bill, gstinOf, item, push, returnOf, saleOn } from '../gst-returns/gst-returns-test-kit';

const BUYER = gstinOf('33AABCT1332L1Z');
const dir = mkdtempSync(join(tmpdir(), 'invoice-route-'));

/** The text of a PDF response as poppler lays it out, runs of spaces collapsed. */
async function textOf(res: Response): Promise<string> {
  const file = join(dir, `${String(Date.now())}-${String(Math.random()).slice(2)}.pdf`);
  writeFileSync(file, new Uint8Array(await res.arrayBuffer()));
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(
    /[ \t]+/g,
    ' ',
  );
}

describe.each(testDatabases())('invoice PDFs on $name', (database) => {
  let t: AdminTestApp;
  let saleId = '';
  let creditId = '';
  let otherStoreSaleId = '';
  beforeAll(async () => {
    t = await openAdminTestApp(database);
    const b2b = saleOn(
      's1a',
      '2026-03-04',
      'T1/25/000004',
      bill([item('p2', 4, 11800, 1800, '2201'), item('p1', 2, 4000)], 'inter'),
      {
        supplyType: 'inter',
        buyer: {
          gstin: BUYER,
          name: 'Hotel Annapoorna',
          stateCode: '33',
          address: 'Mount Road, Chennai',
        },
        placeOfSupply: '33',
        invoiceKind: 'tax-invoice',
      },
    );
    const credit = returnOf(b2b, '2026-03-06', 'T1/CN/000001', [
      item('p2', 1, 11800, 1800, '2201'),
    ]);
    const elsewhere = saleOn(
      's2a',
      '2026-03-04',
      'T9/25/000001',
      bill([item('p1', 1, 4000)], 'intra'),
    );
    await push(t, 's1a', [b2b, credit]);
    await push(t, 's2a', [elsewhere]);
    [saleId, creditId, otherStoreSaleId] = [b2b.id, credit.id, elsewhere.id];
  });
  afterAll(async () => {
    await t.close();
  });

  it('prints the tax invoice of a B2B inter-state sale', async () => {
    const res = await t.as('hq', `/v1/admin/sales/${saleId}/invoice.pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="T1-25-000004.pdf"');
    const text = await textOf(res);
    expect(text).toContain('TAX INVOICE');
    expect(text).toContain('Invoice No.: T1/25/000004');
    expect(text).toContain('Date: 04-03-2026');
    expect(text).toContain('GSTIN: 27AAPFU0939F1ZV');
    expect(text).toContain('State: Maharashtra (27)');
    expect(text).toContain(`GSTIN: ${BUYER}`);
    expect(text).toContain('Hotel Annapoorna');
    expect(text).toContain('Tamil Nadu (33)');
    expect(text).toMatch(/2201 4 NOS 118\.00 472\.00 0\.00 400\.00 18% 72\.00 472\.00/);
    expect(text).toContain('Tax payable on reverse charge: No');
    expect(text).toContain('Total ₹ 552.00');
    expect(text).toContain('Rupees Five Hundred and Fifty Two Only');
    expect(text).toContain('Authorised signatory');
  });

  it('prints the credit note of a return with the invoice it reverses', async () => {
    const res = await t.as('regional', `/v1/admin/sales/${creditId}/invoice.pdf`);
    expect(res.status).toBe(200);
    const text = await textOf(res);
    expect(text).toContain('CREDIT NOTE');
    expect(text).toContain('Credit Note No.: T1/CN/000001');
    expect(text).toContain('Against invoice: T1/25/000004 dated 04-03-2026');
  });

  it('prints Hindi labels on request, and the same bytes for the same sale', async () => {
    const en = new Uint8Array(
      await (await t.as('hq', `/v1/admin/sales/${saleId}/invoice.pdf`)).arrayBuffer(),
    );
    const again = new Uint8Array(
      await (await t.as('hq', `/v1/admin/sales/${saleId}/invoice.pdf`)).arrayBuffer(),
    );
    expect(Buffer.from(again).equals(Buffer.from(en))).toBe(true);
    const hi = await t.as('hq', `/v1/admin/sales/${saleId}/invoice.pdf?lang=hi`);
    expect(hi.status).toBe(200);
    expect(Buffer.from(await hi.arrayBuffer()).equals(Buffer.from(en))).toBe(false);
    expect((await t.as('hq', `/v1/admin/sales/${saleId}/invoice.pdf?lang=fr`)).status).toBe(400);
  });

  it('answers 404 for an unknown sale, 400 for a bad id and 403 out of reach', async () => {
    const unknown = await t.as(
      'hq',
      '/v1/admin/sales/0190a0a0-0000-7000-8000-000000000009/invoice.pdf',
    );
    expect(unknown.status).toBe(404);
    expect(await errorCodeOf(unknown)).toBe('NOT_FOUND');
    expect((await t.as('hq', '/v1/admin/sales/not-a-uuid/invoice.pdf')).status).toBe(400);
    // A store manager of s1a reads its own store's invoices, not another region's.
    expect((await t.as('storeManager', `/v1/admin/sales/${saleId}/invoice.pdf`)).status).toBe(200);
    const outOfReach = await t.as(
      'storeManager',
      `/v1/admin/sales/${otherStoreSaleId}/invoice.pdf`,
    );
    expect(outOfReach.status).toBe(403);
    expect(await errorCodeOf(outOfReach)).toBe('FORBIDDEN');
  });
});
