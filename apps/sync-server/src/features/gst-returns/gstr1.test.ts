import { type Gstr1Json, type Gstr1Item, gstr1JsonSchema } from '@kiryana/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../http/csv';
import { testDatabases } from '../../testing/test-databases';
import { type AdminTestApp, errorCodeOf, openAdminTestApp } from '../admin-api/admin-test-kit';
import { EXCLUDED_HEADER } from './gst-returns.routes';
import {
  bill,
  gstinOf,
  item,
  paiseOf,
  push,
  returnOf,
  saleOn,
  validatorOf,
} from './gst-returns-test-kit';

// s1a and s1b (region r1) share the Maharashtra GSTIN of the test chain; s2a (r2) gets its own.
const GSTIN = '27AAPFU0939F1ZV';
const OTHER_GSTIN = gstinOf('29AAFCC9980M1Z');
const B2B_LOCAL = gstinOf('27AAACR5055K1Z');
const B2B_KARNATAKA = gstinOf('29AABCT1332L1Z');
const validate = validatorOf(gstr1JsonSchema);

/** Taxable value and tax of a list of items, in paise. */
function sums(items: Gstr1Item[]): { taxable: number; tax: number } {
  return items.reduce(
    (acc, i) => ({
      taxable: acc.taxable + paiseOf(i.itm_det.txval),
      tax:
        acc.tax +
        paiseOf(i.itm_det.iamt) +
        paiseOf(i.itm_det.camt) +
        paiseOf(i.itm_det.samt) +
        paiseOf(i.itm_det.csamt),
    }),
    { taxable: 0, tax: 0 },
  );
}

describe.each(testDatabases())('GSTR-1 on $name', (database) => {
  let t: AdminTestApp;
  beforeAll(async () => {
    t = await openAdminTestApp(database);
    await t.db.query(`UPDATE stores SET gstin = $1, state_code = '29' WHERE id = 's2a'`, [
      OTHER_GSTIN,
    ]);
    const b2cIntra = saleOn(
      's1a',
      '2026-03-02',
      'T1/25/000001',
      bill([item('p1', 3, 4000)], 'intra'),
    );
    const b2bIntra = saleOn(
      's1a',
      '2026-03-03',
      'T1/25/000002',
      bill([item('p1', 2, 1050), item('p2', 1, 11800, 1800, '2201')], 'intra'),
      {
        buyer: {
          gstin: B2B_LOCAL,
          name: 'Sharma Traders',
          stateCode: '27',
          address: 'Kothrud, Pune',
        },
        placeOfSupply: '27',
        invoiceKind: 'tax-invoice',
      },
    );
    const b2bInter = saleOn(
      's1a',
      '2026-03-04',
      'T1/25/000004',
      bill([item('p2', 4, 11800, 1800, '2201')], 'inter'),
      {
        supplyType: 'inter',
        buyer: {
          gstin: B2B_KARNATAKA,
          name: 'Bangalore Mart',
          stateCode: '29',
          address: 'Jayanagar, Bengaluru',
        },
        placeOfSupply: '29',
        invoiceKind: 'tax-invoice',
      },
    );
    const b2cl = saleOn(
      's1b',
      '2026-03-10',
      'T1/25/000001',
      bill([item('p3', 100, 1_05_000)], 'inter'),
      {
        supplyType: 'inter',
        buyer: { gstin: null, name: 'R. Rao', stateCode: '29', address: 'Mysuru' },
        placeOfSupply: '29',
        invoiceKind: 'tax-invoice',
      },
    );
    const b2cIntraB = saleOn(
      's1b',
      '2026-03-11',
      'T1/25/000002',
      bill([item('p1', 1, 999)], 'intra'),
    );
    const creditB2b = returnOf(b2bIntra, '2026-03-12', 'T1/CN/000001', [item('p1', 1, 1050)]);
    const creditB2c = returnOf(b2cIntra, '2026-03-13', 'T1/CN/000002', [item('p1', 1, 4000)]);
    await push(t, 's1a', [b2cIntra, b2bIntra, b2bInter]);
    await push(t, 's1b', [b2cl, b2cIntraB]);
    await push(t, 's1a', [creditB2b, creditB2c]);
    // A walk-in bill synced before sale v2 is stored as version 1 (no buyer, place, kind).
    await t.db.query(
      `UPDATE sales SET doc = jsonb_set(doc - 'buyer' - 'placeOfSupply' - 'invoiceKind', '{schemaVersion}', '1')
        WHERE id = ANY($1::uuid[])`,
      [[b2cIntra.id, creditB2c.id]],
    );
    // Another month and another GSTIN stay out.
    await push(t, 's1a', [
      saleOn('s1a', '2026-04-01', 'T1/26/000001', bill([item('p1', 1, 500)], 'intra')),
    ]);
    await push(t, 's2a', [
      saleOn('s2a', '2026-03-05', 'T1/25/000001', bill([item('p1', 1, 700)], 'intra')),
    ]);
  });
  afterAll(async () => {
    await t.close();
  });

  async function gstr1(actor: 'hq' | 'regional' = 'hq'): Promise<Gstr1Json> {
    const res = await t.as(actor, `/v1/admin/gst/gstr1?gstin=${GSTIN}&period=2026-03`);
    expect(res.status).toBe(200);
    return (await res.json()) as Gstr1Json;
  }

  it('validates against the schema and reconciles with the sales report to the paisa', async () => {
    const json = await gstr1('regional');
    expect(validate(json)).toEqual([]);
    expect(json.fp).toBe('032026');
    expect(json.b2b.map((b) => b.ctin).sort()).toEqual([B2B_LOCAL, B2B_KARNATAKA].sort());
    expect(json.b2cl.map((b) => [b.pos, b.inv.map((i) => i.inum)])).toEqual([
      ['29', ['T1/25/000001']],
    ]);
    expect(json.cdnr.flatMap((c) => c.nt.map((n) => n.nt_num))).toEqual(['T1/CN/000001']);
    expect(json.cdnur).toEqual([]);

    const b2b = sums(json.b2b.flatMap((b) => b.inv.flatMap((i) => i.itms)));
    const b2cl = sums(json.b2cl.flatMap((b) => b.inv.flatMap((i) => i.itms)));
    const cdnr = sums(json.cdnr.flatMap((c) => c.nt.flatMap((n) => n.itms)));
    const cdnur = sums(json.cdnur.flatMap((n) => n.itms));
    const b2cs = sums(
      json.b2cs.map((r) => ({
        num: 1,
        itm_det: {
          txval: r.txval,
          rt: r.rt,
          iamt: r.iamt,
          camt: r.camt,
          samt: r.samt,
          csamt: r.csamt,
        },
      })),
    );
    // The regional manager's reach (r1) is exactly this GSTIN's stores s1a and s1b.
    const report = await t.as('regional', '/v1/admin/reports/sales?from=2026-03-01&to=2026-03-31');
    const totals = ((await report.json()) as { totals: { taxableMinor: number; taxMinor: number } })
      .totals;
    expect(totals.taxableMinor).toBeGreaterThan(0);
    expect(b2b.taxable + b2cl.taxable + b2cs.taxable - cdnr.taxable - cdnur.taxable).toBe(
      totals.taxableMinor,
    );
    expect(b2b.tax + b2cl.tax + b2cs.tax - cdnr.tax - cdnur.tax).toBe(totals.taxMinor);

    // The HSN summary carries the same taxable value.
    const hsnTaxable = [...json.hsn.hsn_b2b, ...json.hsn.hsn_b2c].reduce(
      (s, r) => s + paiseOf(r.txval),
      0,
    );
    expect(hsnTaxable).toBe(totals.taxableMinor);
  });

  it('nets the B2C credit note into B2CS and counts the gap of a series as cancelled', async () => {
    const json = await gstr1();
    // Intra B2C at 5 %: s1a 3 × ₹40 less 1 × ₹40 back, s1b 1 × ₹9.99: net ₹89.99 incl. tax.
    const intra = json.b2cs.filter((r) => r.sply_ty === 'INTRA' && r.rt === 5);
    expect(intra).toHaveLength(1);
    expect(paiseOf(intra[0]?.txval) + paiseOf(intra[0]?.camt) + paiseOf(intra[0]?.samt)).toBe(
      8000 + 999,
    );
    const invoices = json.doc_issue.doc_det.find((d) => d.doc_num === 1)?.docs ?? [];
    expect(invoices.map((s) => [s.from, s.to, s.totnum, s.cancel, s.net_issue])).toEqual([
      ['T1/25/000001', 'T1/25/000004', 4, 1, 3],
      ['T1/25/000001', 'T1/25/000002', 2, 0, 2],
    ]);
  });

  it('answers each section as CSV with the same figures', async () => {
    const json = await gstr1();
    const res = await t.as(
      'hq',
      `/v1/admin/gst/gstr1?gstin=${GSTIN}&period=2026-03&format=csv&section=b2cs`,
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const records = parseCsv(await res.text()).map((r) => r.fields);
    expect(records[0]?.slice(0, 3)).toEqual(['supply_type', 'place_of_supply', 'type']);
    expect(records.slice(1).map((r) => paiseOf(Number(r[4])))).toEqual(
      json.b2cs.map((r) => paiseOf(r.txval)),
    );
  });

  it('lists GSTINs in reach and refuses a GSTIN with a store out of reach', async () => {
    const all = (await (await t.as('hq', '/v1/admin/gst/gstins')).json()) as {
      gstins: { gstin: string; storeIds: string[] }[];
    };
    expect(all.gstins.map((g) => [g.gstin, g.storeIds])).toEqual(
      [
        [GSTIN, ['s1a', 's1b']],
        [OTHER_GSTIN, ['s2a']],
      ].sort(),
    );
    const regional = (await (await t.as('regional', '/v1/admin/gst/gstins')).json()) as {
      gstins: { gstin: string }[];
    };
    expect(regional.gstins.map((g) => g.gstin)).toEqual([GSTIN]);
    const other = await t.as('regional', `/v1/admin/gst/gstr1?gstin=${OTHER_GSTIN}&period=2026-03`);
    expect(other.status).toBe(403);
    // A store manager reaches s1a only, not all of its GSTIN.
    expect(
      (await t.as('storeManager', `/v1/admin/gst/gstr1?gstin=${GSTIN}&period=2026-03`)).status,
    ).toBe(403);
    expect((await t.as('cashier', '/v1/admin/gst/gstins')).status).toBe(403);
  });

  it('leaves the bills of a composition store out and names the store', async () => {
    const before = await t.as('hq', `/v1/admin/gst/gstr1?gstin=${OTHER_GSTIN}&period=2026-03`);
    expect(((await before.json()) as Gstr1Json).b2cs).toHaveLength(1);
    expect(before.headers.get(EXCLUDED_HEADER)).toBe('');
    await t.db.query(`UPDATE stores SET composition = true WHERE id = 's2a'`);
    const res = await t.as('hq', `/v1/admin/gst/gstr1?gstin=${OTHER_GSTIN}&period=2026-03`);
    const json = (await res.json()) as Gstr1Json;
    expect(res.headers.get(EXCLUDED_HEADER)).toBe('s2a');
    expect([json.b2cs, json.hsn.hsn_b2c, json.doc_issue.doc_det]).toEqual([[], [], []]);
    expect(validate(json)).toEqual([]);
  });

  it('answers bad input with the error envelope', async () => {
    const unknown = await t.as(
      'hq',
      `/v1/admin/gst/gstr1?gstin=${gstinOf('07AAACR5055K1Z')}&period=2026-03`,
    );
    expect(unknown.status).toBe(404);
    expect(await errorCodeOf(unknown)).toBe('NOT_FOUND');
    for (const query of [
      `gstin=${GSTIN}&period=2026-13`,
      `gstin=${GSTIN}&period=March`,
      `gstin=NOTAGSTIN&period=2026-03`,
      `gstin=${GSTIN}&period=2026-03&format=csv`,
      `gstin=${GSTIN}&period=2026-03&format=csv&section=exp`,
    ]) {
      const res = await t.as('hq', `/v1/admin/gst/gstr1?${query}`);
      expect(res.status, query).toBe(400);
      expect(await errorCodeOf(res)).toBe('VALIDATION_FAILED');
    }
  });
});
