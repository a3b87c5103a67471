import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { suiteFixture } from '../../testing/suite-fixture';
import { testDatabases } from '../../testing/test-databases';
import { type AdminActor, openAdminTestApp } from '../admin-api/admin-test-kit';

/**
 * What the tax admin API refuses, on a real database: bad input (400), unknown class (404),
 * back-dated into a filed month (409), roles without tax:write or gst:file (403), a second filing
 * of a month (409), and products whose HSN is outside their class (400 HSN_NOT_IN_TAX_CLASS).
 * Every refusal answers the error envelope and changes nothing (rows and audit entries counted).
 */

type Envelope = { error: { code: string; message: string; details?: Record<string, unknown> } };

const rate = (over: Record<string, unknown> = {}) => ({
  factId: randomUUID(),
  rateBp: 1800,
  cessBp: 0,
  effectiveFrom: '2027-04-01',
  description: 'GST 18 %',
  ...over,
});

const product = (over: Record<string, unknown> = {}) => ({
  sku: 'PAN-1',
  nameEn: 'Pan masala 10 g',
  nameHi: 'पान मसाला',
  barcodes: [],
  hsn: '21069020',
  taxClassId: 'gst-pan',
  category: 'misc',
  unit: 'piece',
  soldLoose: false,
  mrpMinor: 1000,
  reorderLevelBase: 0,
  active: true,
  ...over,
});

describe.each(testDatabases())('tax admin API refusals on $name', (database) => {
  const t = suiteFixture(() => openAdminTestApp(database));
  const tables = ['tax_rates', 'tax_classes', 'tax_rate_changes', 'gst_filings', 'audit_log'];
  const counts = async () => {
    const out: Record<string, number> = {};
    for (const table of tables) {
      const { rows } = await t.db.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${table}`);
      out[table] = Number(rows[0]?.n);
    }
    return out;
  };
  /** Sends, expects `status` and `code` in the envelope, and that nothing was written. */
  const refused = async (
    actor: AdminActor,
    method: string,
    path: string,
    body: unknown,
    status: number,
    code: string,
  ): Promise<Envelope> => {
    const before = await counts();
    const res = await t.json(actor, method, path, body);
    expect(res.status, path).toBe(status);
    const envelope = (await res.json()) as Envelope;
    expect(envelope.error.code).toBe(code);
    expect(typeof envelope.error.message).toBe('string');
    expect(await counts()).toEqual(before);
    return envelope;
  };

  it('refuses bad rate changes with the error envelope and nothing changed', async () => {
    const path = '/v1/admin/tax-classes/gst5/rates';
    await refused('hq', 'POST', '/v1/admin/tax-classes/no-such/rates', rate(), 404, 'NOT_FOUND');
    await refused('hq', 'POST', path, rate({ rateBp: -100 }), 400, 'VALIDATION_FAILED');
    await refused(
      'hq',
      'POST',
      path,
      rate({ effectiveFrom: '2027-02-30' }),
      400,
      'VALIDATION_FAILED',
    );
    await refused(
      'hq',
      'POST',
      path,
      rate({ effectiveFrom: '1/4/2027' }),
      400,
      'VALIDATION_FAILED',
    );
    await refused('hq', 'POST', path, rate({ factId: 'not-a-uuid' }), 400, 'VALIDATION_FAILED');
    await refused('hq', 'POST', path, rate({ rateBp: 12.5 }), 400, 'VALIDATION_FAILED');
    await refused(
      'hq',
      'POST',
      '/v1/admin/tax-classes/BAD%20ID/rates',
      rate(),
      400,
      'VALIDATION_FAILED',
    );

    // Back-dated into a filed month, without a reason: 409 naming the filing.
    const filed = await t.json('hq', 'POST', '/v1/admin/gst/filings', {
      gstin: '27AAPFU0939F1ZV',
      period: '2026-11',
      arn: null,
    });
    expect(filed.status).toBe(201);
    const envelope = await refused(
      'hq',
      'POST',
      path,
      rate({ effectiveFrom: '2026-11-20' }),
      409,
      'RATE_CHANGE_IN_FILED_MONTH',
    );
    expect(envelope.error.details).toMatchObject({
      filings: [{ gstin: '27AAPFU0939F1ZV', period: '2026-11' }],
    });
    // A reason too short to say anything is bad input, not a confirmation.
    await refused(
      'hq',
      'POST',
      path,
      rate({ effectiveFrom: '2026-11-20', confirmFiledMonth: { reason: 'ok' } }),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('lets only HQ change rates and classes and mark returns filed; readers read', async () => {
    for (const actor of ['auditor', 'storeManager', 'regional', 'cashier'] as const) {
      await refused(actor, 'POST', '/v1/admin/tax-classes/gst5/rates', rate(), 403, 'FORBIDDEN');
      await refused(
        actor,
        'POST',
        '/v1/admin/tax-classes',
        { taxClassId: 'gst-x', description: 'X', hsnPrefixes: [] },
        403,
        'FORBIDDEN',
      );
      await refused(
        actor,
        'POST',
        '/v1/admin/gst/filings',
        { gstin: '27AAPFU0939F1ZV', period: '2026-12', arn: null },
        403,
        'FORBIDDEN',
      );
    }
    for (const actor of ['auditor', 'storeManager', 'regional'] as const) {
      expect((await t.as(actor, '/v1/admin/tax-classes')).status).toBe(200);
      expect((await t.as(actor, '/v1/admin/gst/filings')).status).toBe(200);
    }
    expect((await t.as('cashier', '/v1/admin/tax-classes')).status).toBe(403);
  });

  it('files a month once per GSTIN, for GSTINs of the chain only, audited', async () => {
    const body = { gstin: '27AAPFU0939F1ZV', period: '2026-08', arn: 'AA270826000001X' };
    const first = await t.json('hq', 'POST', '/v1/admin/gst/filings', body);
    expect(first.status).toBe(201);
    expect(await first.json()).toMatchObject({ ...body, filedBy: expect.any(String) as string });
    await refused('hq', 'POST', '/v1/admin/gst/filings', body, 409, 'CONFLICT');
    await refused(
      'hq',
      'POST',
      '/v1/admin/gst/filings',
      { ...body, gstin: '29AAPFU0939F1ZV' },
      400,
      'VALIDATION_FAILED',
    );
    await refused(
      'hq',
      'POST',
      '/v1/admin/gst/filings',
      { ...body, period: '2026-13' },
      400,
      'VALIDATION_FAILED',
    );
    const list = (await (await t.as('auditor', '/v1/admin/gst/filings')).json()) as {
      filings: { period: string }[];
    };
    expect(list.filings.map((f) => f.period)).toContain('2026-08');
    const { rows } = await t.db.query<{ subject: string }>(
      "SELECT subject FROM audit_log WHERE kind = 'gst.filed' ORDER BY seq",
    );
    expect(rows.map((r) => r.subject)).toContain('27AAPFU0939F1ZV/2026-08');
  });

  it('refuses a product whose HSN is outside its class’s prefixes, on create, update and import', async () => {
    const created = await t.json('hq', 'POST', '/v1/admin/tax-classes', {
      taxClassId: 'gst-pan',
      description: 'Pan masala',
      hsnPrefixes: ['21069020'],
    });
    expect(created.status).toBe(201);
    await refused(
      'hq',
      'POST',
      '/v1/admin/tax-classes',
      {
        taxClassId: 'gst-pan',
        description: 'Again',
        hsnPrefixes: [],
      },
      409,
      'CONFLICT',
    );
    // A class needs a rate before products may use it.
    expect(
      (await t.json('hq', 'POST', '/v1/admin/tax-classes/gst-pan/rates', rate({ rateBp: 4000 })))
        .status,
    ).toBe(201);
    const before = await t.db.query('SELECT 1 FROM products');
    const res = await t.json('hq', 'POST', '/v1/admin/products', product({ hsn: '0902' }));
    expect(res.status).toBe(400);
    const envelope = (await res.json()) as Envelope;
    expect(envelope.error.code).toBe('HSN_NOT_IN_TAX_CLASS');
    expect(envelope.error.details).toMatchObject({ allowedPrefixes: ['21069020'] });
    expect((await t.db.query('SELECT 1 FROM products')).rows).toHaveLength(before.rows.length);

    const ok = await t.json('hq', 'POST', '/v1/admin/products', product());
    expect(ok.status).toBe(201);
    const { id } = (await ok.json()) as { id: string };
    const update = await t.json('hq', 'PUT', `/v1/admin/products/${id}`, product({ hsn: '2106' }));
    expect(update.status).toBe(400);
    expect(((await update.json()) as Envelope).error.code).toBe('HSN_NOT_IN_TAX_CLASS');

    // Widening the class lets the product through; an empty list means any HSN.
    const widened = await t.json('hq', 'PUT', '/v1/admin/tax-classes/gst-pan', {
      description: 'Pan masala and the like',
      hsnPrefixes: [],
    });
    expect(widened.status).toBe(200);
    expect(
      (await t.json('hq', 'PUT', `/v1/admin/products/${id}`, product({ hsn: '2106' }))).status,
    ).toBe(200);
    const audit = await t.db.query<{ n: string }>(
      "SELECT count(*)::text AS n FROM audit_log WHERE subject = 'tax_classes'",
    );
    expect(Number(audit.rows[0]?.n)).toBeGreaterThanOrEqual(2);
  });
});
