import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Queryable } from '../../db/db';
import { testDatabases } from '../../testing/test-databases';
import { type AdminTestApp, openAdminTestApp } from '../admin-api/admin-test-kit';
import { gstSummarySql, salesReportSql } from './report.queries';

async function line(
  q: Queryable,
  row: {
    store: string;
    date: string;
    product: string;
    net: number;
    kind?: string;
    rate?: number;
    hsn?: string;
  },
) {
  const rate = row.rate ?? 500;
  const taxable = Math.floor((row.net * 10_000) / (10_000 + rate));
  const tax = row.net - taxable;
  await q.query(
    `INSERT INTO sale_lines (store_id, business_date, sale_id, line_no, kind, product_id, qty_base, net_minor,
       taxable_minor, cgst_minor, sgst_minor, igst_minor, cess_minor, gst_rate_bp, hsn)
     VALUES ($1, $2, gen_random_uuid(), 1, $3, $4, 1, $5, $6, $7, $8, 0, 0, $9, $10)`,
    [
      row.store,
      row.date,
      row.kind ?? 'sale',
      row.product,
      row.net,
      taxable,
      Math.floor(tax / 2),
      tax - Math.floor(tax / 2),
      rate,
      row.hsn ?? '1905',
    ],
  );
}

/** Every table a plan reads (partitions by their own names). */
function relationsOf(plan: unknown): string[] {
  const found: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (typeof record['Relation Name'] === 'string') found.push(record['Relation Name']);
      Object.values(record).forEach(walk);
    }
  };
  walk(plan);
  return [...new Set(found)].sort();
}

describe.each(testDatabases())('reports on $name', (database) => {
  let t: AdminTestApp;
  beforeAll(async () => {
    t = await openAdminTestApp(database);
    await t.db.query("UPDATE products SET category = 'tea' WHERE id = 'p2'");
    await t.db.query("SELECT ensure_sale_lines_partitions('2026-01-01', '2026-01-01', 5)");
    await line(t.db, { store: 's1a', date: '2026-03-02', product: 'p1', net: 10500 });
    await line(t.db, {
      store: 's1a',
      date: '2026-03-03',
      product: 'p2',
      net: 11800,
      rate: 1800,
      hsn: '0902',
    });
    await line(t.db, {
      store: 's1a',
      date: '2026-03-03',
      product: 'p1',
      net: 2100,
      kind: 'return',
    });
    await line(t.db, { store: 's1b', date: '2026-03-04', product: 'p1', net: 5250 });
    await line(t.db, { store: 's2a', date: '2026-03-04', product: 'p1', net: 99900 });
    await line(t.db, { store: 's1a', date: '2026-05-04', product: 'p1', net: 777 });
  });
  afterAll(async () => {
    await t.close();
  });

  const get = async (actor: 'regional' | 'hq' | 'storeManager', path: string) =>
    (await (await t.as(actor, path)).json()) as { rows: Record<string, unknown>[] };

  it('groups sales by store (every store in reach, also without sales), day, product and category', async () => {
    const period = 'from=2026-03-01&to=2026-03-31';
    const byStore = await get('regional', `/v1/admin/reports/sales?${period}&groupBy=store`);
    expect(byStore.rows.map((r) => [r.key, r.netMinor, r.bills])).toEqual([
      ['s1a', 20200, 2],
      ['s1b', 5250, 1],
    ]);
    const may = await get(
      'hq',
      '/v1/admin/reports/sales?from=2026-05-01&to=2026-05-31&groupBy=store',
    );
    expect(may.rows.map((r) => [r.key, r.netMinor])).toEqual([
      ['s1a', 777],
      ['s1b', 0],
      ['s2a', 0],
    ]);
    const byDay = await get('regional', `/v1/admin/reports/sales?${period}&groupBy=day`);
    expect(byDay.rows.map((r) => [r.key, r.netMinor])).toEqual([
      ['2026-03-02', 10500],
      ['2026-03-03', 9700],
      ['2026-03-04', 5250],
    ]);
    const byProduct = await get(
      'storeManager',
      `/v1/admin/reports/sales?${period}&groupBy=product`,
    );
    expect(byProduct.rows.map((r) => [r.key, r.netMinor, r.qtyBase])).toEqual([
      ['p1', 8400, 0],
      ['p2', 11800, 1],
    ]);
    const byCategory = await get('hq', `/v1/admin/reports/sales?${period}&groupBy=category`);
    expect(byCategory.rows.map((r) => [r.key, r.netMinor])).toEqual([
      ['bakery', 113550],
      ['tea', 11800],
    ]);
  });

  it('sums GST by rate and HSN, and exports CSV of the reach only', async () => {
    const gst = await get('regional', '/v1/admin/reports/gst?from=2026-03-01&to=2026-03-31');
    expect(gst.rows).toEqual([
      {
        gstRateBp: 500,
        hsn: '1905',
        taxableMinor: 13000,
        cgstMinor: 325,
        sgstMinor: 325,
        igstMinor: 0,
        cessMinor: 0,
        lines: 3,
      },
      {
        gstRateBp: 1800,
        hsn: '0902',
        taxableMinor: 10000,
        cgstMinor: 900,
        sgstMinor: 900,
        igstMinor: 0,
        cessMinor: 0,
        lines: 1,
      },
    ]);
    const res = await t.as(
      'regional',
      '/v1/admin/reports/sales?from=2026-03-01&to=2026-03-31&groupBy=store&format=csv',
    );
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const csv = await res.text();
    expect(csv.trim().split('\r\n')).toEqual([
      'store,label,label_hi,net,round_off,taxable,tax,qty_base,bills',
      expect.stringMatching(/^s1a,S\w+ Store s1a,स्टोर,202\.00,0\.00,/) as string,
      expect.stringMatching(/^s1b,/) as string,
    ]);
    const gstCsv = await (
      await t.as('regional', '/v1/admin/reports/gst?from=2026-03-01&to=2026-03-31&format=csv')
    ).text();
    expect(gstCsv.split('\r\n')[1]).toBe('5%,1905,130.00,3.25,3.25,0.00,0.00,3');
  });

  it('refuses a period that runs backwards or spans more than a year', async () => {
    const res = await t.as('hq', '/v1/admin/reports/sales?from=2026-03-31&to=2026-03-01');
    expect(res.status).toBe(400);
    expect((await t.as('hq', '/v1/admin/reports/gst?from=2024-01-01&to=2026-03-01')).status).toBe(
      400,
    );
  });

  it('reads only the month partitions of sale_lines the period needs (EXPLAIN)', async () => {
    const filter = { all: false, storeIds: [], regionIds: ['r1'] } as const;
    for (const { text, values } of [
      salesReportSql('product', { filter, from: '2026-03-01', to: '2026-03-31' }),
      salesReportSql('store', { filter, from: '2026-03-01', to: '2026-03-31' }),
      gstSummarySql({ filter, from: '2026-03-10', to: '2026-04-20' }),
    ]) {
      const { rows } = await t.db.query<{ 'QUERY PLAN': unknown }>(
        `EXPLAIN (FORMAT JSON) ${text}`,
        values,
      );
      const read = relationsOf(rows[0]?.['QUERY PLAN']).filter((r) => r.startsWith('sale_lines'));
      const months =
        values[4] === '2026-03-31'
          ? ['sale_lines_202603']
          : ['sale_lines_202603', 'sale_lines_202604'];
      expect(read).toEqual(months);
    }
  });
});
