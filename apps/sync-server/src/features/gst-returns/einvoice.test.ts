import { type EinvoiceJson, einvoiceJsonSchema } from '@kiryana/shared';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../testing/test-databases';
import { type AdminTestApp, errorCodeOf, openAdminTestApp } from '../admin-api/admin-test-kit';
import { bill, gstinOf, item, push, returnOf, saleOn, validatorOf } from './gst-returns-test-kit';
import { createOfflineIrp, irnOf } from './irp-client';

const BUYER = gstinOf('29AABCT1332L1Z');
const validate = validatorOf(einvoiceJsonSchema);

type Status = {
  status: string;
  irn: string | null;
  ackNo: string | null;
  signedQrCode: string | null;
  payload: EinvoiceJson;
};

describe('the offline IRP stand-in', () => {
  it('computes the IRN of the published example', async () => {
    const einvoice = {
      SellerDtls: { Gstin: '29AAFCC9980M1ZR' },
      DocDtls: { Typ: 'INV', No: '2019-20/KA/1', Dt: '01/06/2019' },
      BuyerDtls: { Gstin: BUYER },
      ItemList: [{ HsnCd: '1905' }],
      ValDtls: { TotInvVal: 1 },
    } as unknown as EinvoiceJson;
    const irn = '23f498ee41441ecad30f72ba5b9907506c3df70a17b0e0dff46b76a786400662';
    expect(irnOf(einvoice, '2019-06-01')).toBe(irn);
    const answer = await createOfflineIrp(() => Date.UTC(2019, 5, 1, 6, 0, 0)).register(
      einvoice,
      '2019-06-01',
    );
    expect(answer.irn).toBe(irn);
    expect(answer.ackNo).toMatch(/^1[0-9]{14}$/);
    expect(answer.ackDate).toBe('2019-06-01 11:30:00');
    const claims = decodeJwt(answer.signedQrCode);
    expect(claims.iss).toBe('kiryana-offline-irp-stand-in');
    expect(JSON.parse(String(claims.data))).toMatchObject({ Irn: irn, DocNo: '2019-20/KA/1' });
  });
});

describe.each(testDatabases())('e-invoices on $name', (database) => {
  let t: AdminTestApp;
  let b2bId = '';
  let creditId = '';
  let b2cId = '';
  beforeAll(async () => {
    t = await openAdminTestApp(database);
    await t.db.query(`UPDATE stores SET einvoicing = true WHERE id IN ('s1a', 's2a')`);
    const b2b = saleOn(
      's1a',
      '2026-03-04',
      'T1/25/000004',
      bill([item('p2', 4, 11800, 1800, '2201')], 'inter'),
      {
        supplyType: 'inter',
        buyer: {
          gstin: BUYER,
          name: 'Bangalore Mart',
          stateCode: '29',
          address: 'Jayanagar, Bengaluru',
        },
        placeOfSupply: '29',
        invoiceKind: 'tax-invoice',
      },
    );
    const credit = returnOf(b2b, '2026-03-05', 'T1/CN/000001', [
      item('p2', 1, 11800, 1800, '2201'),
    ]);
    const b2c = saleOn('s1a', '2026-03-04', 'T1/25/000005', bill([item('p1', 1, 4000)], 'intra'));
    await push(t, 's1a', [b2b, credit, b2c]);
    [b2bId, creditId, b2cId] = [b2b.id, credit.id, b2c.id];
  });
  afterAll(async () => {
    await t.close();
  });

  it('builds the e-invoice of a B2B sale, valid against its schema', async () => {
    const res = await t.as('hq', `/v1/admin/sales/${b2bId}/einvoice`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Status;
    expect(body.status).toBe('not-registered');
    expect(validate(body.payload)).toEqual([]);
    expect(body.payload.DocDtls).toEqual({ Typ: 'INV', No: 'T1/25/000004', Dt: '04/03/2026' });
    expect(body.payload.BuyerDtls).toMatchObject({ Gstin: BUYER, Pos: '29', Stcd: '29' });
    expect(body.payload.ValDtls.TotInvVal).toBe(472);
    expect(body.payload.ValDtls.IgstVal).toBe(72);
  });

  it('registers once: a replay answers the stored IRN, audited once', async () => {
    const first = await t.json('hq', 'POST', `/v1/admin/sales/${b2bId}/einvoice/register`, {});
    expect(first.status).toBe(200);
    const registered = (await first.json()) as Status;
    expect(registered.status).toBe('registered');
    expect(registered.irn).toBe(irnOf(registered.payload, '2026-03-04'));
    const again = (await (
      await t.json('hq', 'POST', `/v1/admin/sales/${b2bId}/einvoice/register`, {})
    ).json()) as Status;
    expect([again.irn, again.ackNo, again.signedQrCode]).toEqual([
      registered.irn,
      registered.ackNo,
      registered.signedQrCode,
    ]);
    const audit = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE kind = 'einvoice.registered' AND subject = $1`,
      [b2bId],
    );
    expect(audit.rows[0]?.n).toBe(1);
    const read = (await (await t.as('hq', `/v1/admin/sales/${b2bId}/einvoice`)).json()) as Status;
    expect(read.irn).toBe(registered.irn);
  });

  it('registers the credit note of a B2B invoice as CRN', async () => {
    const res = await t.json('hq', 'POST', `/v1/admin/sales/${creditId}/einvoice/register`, {});
    const body = (await res.json()) as Status;
    expect(body.payload.DocDtls.Typ).toBe('CRN');
    expect(body.status).toBe('registered');
  });

  it('refuses a B2C sale, a store without e-invoicing, and readers out of reach', async () => {
    const b2c = await t.as('hq', `/v1/admin/sales/${b2cId}/einvoice`);
    expect(b2c.status).toBe(409);
    expect(await errorCodeOf(b2c)).toBe('EINVOICE_NOT_APPLICABLE');
    await t.db.query(`UPDATE stores SET einvoicing = false WHERE id = 's1a'`);
    const off = await t.as('hq', `/v1/admin/sales/${creditId}/einvoice`);
    expect(await errorCodeOf(off)).toBe('EINVOICE_NOT_APPLICABLE');
    await t.db.query(`UPDATE stores SET einvoicing = true WHERE id = 's1a'`);
    // gst:file is HQ's: a regional manager reads the e-invoice but cannot register it.
    expect((await t.as('regional', `/v1/admin/sales/${b2bId}/einvoice`)).status).toBe(200);
    expect(
      (await t.json('regional', 'POST', `/v1/admin/sales/${b2bId}/einvoice/register`, {})).status,
    ).toBe(403);
    expect((await t.as('hq', '/v1/admin/sales/not-a-uuid/einvoice')).status).toBe(400);
    expect(
      (await t.as('hq', '/v1/admin/sales/0190a0a0-0000-7000-8000-000000000009/einvoice')).status,
    ).toBe(404);
  });
});
