import { errorEnvelope } from '@kiryana/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncApi } from '../../testing/sync-api';
import { deviceFetcher } from '../../testing/sync-test-app';
import { testDatabases } from '../../testing/test-databases';
import { type AdminTestApp, openAdminTestApp } from '../admin-api/admin-test-kit';

const forbidden = (permission: string) =>
  errorEnvelope('FORBIDDEN', `This needs the ${permission} permission here.`, { permission });

const json = (method: string, body: unknown): RequestInit => ({
  method,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

const tea = {
  sku: 'TEA-001',
  nameEn: 'Assam Tea 250 g',
  nameHi: 'असम चाय 250 ग्राम',
  barcodes: ['8901234567895'],
  hsn: '0902',
  taxClassId: 'gst5',
  category: 'beverages',
  unit: 'piece',
  soldLoose: false,
  mrpMinor: 15000,
  reorderLevelBase: 10,
  active: true,
};

/** A catalogue CSV of `count` products; `bad` rows get an HSN of 3 digits. */
export function catalogueCsv(count: number, bad: readonly number[] = []): string {
  const lines = ['sku,name_en,name_hi,barcodes,hsn,tax_class,category,unit,sold_loose,mrp,price'];
  for (let i = 1; i <= count; i += 1) {
    const n = String(i).padStart(4, '0');
    const hsn = bad.includes(i) ? '190' : '1905';
    lines.push(
      `IMP-${n},"Biscuit ${n}, family pack",बिस्कुट ${n},89020000${n},${hsn},gst5,bakery,piece,false,45.00,42.50`,
    );
  }
  return lines.join('\n');
}

describe.each(testDatabases())('catalogue on $name', (database) => {
  let t: AdminTestApp;
  beforeAll(async () => {
    t = await openAdminTestApp(database);
  });
  afterAll(async () => {
    await t.close();
  });

  it('lets HQ create a product that terminals pull, audited under the person', async () => {
    const api = syncApi(deviceFetcher(t.app, t.devices.s2a));
    const before = await api.pullAll('products', 100);
    const res = await t.as(
      'hq',
      '/v1/admin/products',
      json('POST', { ...tea, hqPriceMinor: 14000 }),
    );
    expect(res.status).toBe(201);
    const created = (await res.json()) as {
      id: string;
      hqPriceMinor: number;
      priceBasisQty: number;
    };
    expect(created).toMatchObject({ sku: 'TEA-001', hqPriceMinor: 14000, priceBasisQty: 1 });
    const after = await api.pullAll('products', 100, before.checkpoint);
    expect(after.documents.map((d) => (d as { id: string }).id)).toEqual([created.id]);
    const prices = await api.pullAll('prices', 100);
    expect(
      prices.documents.some((p) => (p as { productId: string }).productId === created.id),
    ).toBe(true);
    const audit = await t.db.query<{ actor: string; subject: string }>(
      "SELECT actor, subject FROM audit_log WHERE kind IN ('reference.changed', 'price.override') AND actor <> 'system' ORDER BY seq",
    );
    expect(audit.rows).toEqual([
      { actor: 'user:hq', subject: 'products' },
      { actor: 'user:hq', subject: 'prices' },
    ]);
  });

  it('refuses catalogue changes to store managers, regional managers and auditors', async () => {
    for (const actor of ['storeManager', 'regional', 'auditor'] as const) {
      const res = await t.as(actor, '/v1/admin/products', json('POST', { ...tea, sku: 'X-1' }));
      expect(res.status).toBe(403);
      expect(await res.json()).toEqual(forbidden('catalogue:write'));
      const dry = await t.as(actor, '/v1/admin/products/import', json('POST', { csv: 'sku' }));
      expect(dry.status).toBe(403);
    }
    const list = await t.as('storeManager', '/v1/admin/products?q=tea');
    expect(
      ((await list.json()) as { products: { sku: string }[] }).products.map((p) => p.sku),
    ).toEqual(['TEA-001']);
  });

  it('prices goods sold loose per kg and packs per pack', async () => {
    const loose = await t.as(
      'hq',
      '/v1/admin/products',
      json('POST', { ...tea, sku: 'TEA-LOOSE', barcodes: [], unit: 'g', soldLoose: true }),
    );
    expect(await loose.json()).toMatchObject({ unit: 'g', soldLoose: true, priceBasisQty: 1000 });
    const pack = await t.as(
      'hq',
      '/v1/admin/products',
      json('POST', { ...tea, sku: 'TEA-PACK', barcodes: [], unit: 'g', soldLoose: false }),
    );
    expect(await pack.json()).toMatchObject({ unit: 'g', soldLoose: false, priceBasisQty: 1 });
  });

  it('refuses a barcode another product holds', async () => {
    const res = await t.as('hq', '/v1/admin/products', json('POST', { ...tea, sku: 'TEA-002' }));
    expect(res.status).toBe(409);
  });

  it('sets prices at the level the actor holds prices:write for', async () => {
    const ok = await t.as(
      'regional',
      '/v1/admin/prices',
      json('PUT', { productId: 'p1', level: 'region', regionId: 'r1', priceMinor: 4500 }),
    );
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ id: 'pr-rr1-p1', level: 'region', priceMinor: 4500 });
    const outside = await t.as(
      'regional',
      '/v1/admin/prices',
      json('PUT', { productId: 'p1', level: 'region', regionId: 'r2', priceMinor: 4500 }),
    );
    expect(outside.status).toBe(403);
    const hqLevel = await t.as(
      'regional',
      '/v1/admin/prices',
      json('PUT', { productId: 'p1', level: 'hq', priceMinor: 4500 }),
    );
    expect(hqLevel.status).toBe(403);
    const override = await t.as(
      'regional',
      '/v1/admin/prices',
      json('PUT', { productId: 'p1', level: 'store', storeId: 's1b', priceMinor: 4400 }),
    );
    expect(override.status).toBe(200);
    const seen = (await (await t.as('storeManager', '/v1/admin/products/p1')).json()) as {
      prices: { level: string; storeId: string | null }[];
    };
    expect(seen.prices.map((p) => p.level)).toEqual(['region']);
    const manager = await t.as(
      'storeManager',
      '/v1/admin/prices',
      json('PUT', { productId: 'p1', level: 'store', storeId: 's1a', priceMinor: 4400 }),
    );
    expect(manager.status).toBe(403);
    const overrides = await t.db.query<{ actor: string }>(
      "SELECT actor FROM audit_log WHERE kind = 'price.override'",
    );
    expect(overrides.rows.map((r) => r.actor)).toEqual(['user:regional']);
  });

  it('refuses a CSV with one bad row among 500 whole, naming that row; the fixed file imports and terminals pull it', async () => {
    const dry = await t.as(
      'hq',
      '/v1/admin/products/import',
      json('POST', { csv: catalogueCsv(500, [317]), dryRun: true }),
    );
    expect(dry.status).toBe(200);
    const report = (await dry.json()) as {
      rows: number;
      errors: { line: number; sku: string; issues: { field: string; code: string }[] }[];
    };
    expect(report.rows).toBe(500);
    expect(report.errors).toEqual([
      {
        line: 318,
        sku: 'IMP-0317',
        issues: [
          { field: 'hsn', code: 'invalid', message: expect.stringContaining('HSN') as string },
        ],
      },
    ]);
    const refused = await t.as(
      'hq',
      '/v1/admin/products/import',
      json('POST', { csv: catalogueCsv(500, [317]), dryRun: false }),
    );
    expect(refused.status).toBe(400);
    const count = async () =>
      (
        await t.db.query<{ n: number }>(
          "SELECT count(*)::int8 AS n FROM products WHERE sku LIKE 'IMP-%'",
        )
      ).rows[0]?.n;
    expect(await count()).toBe(0);

    const api = syncApi(deviceFetcher(t.app, t.devices.s1b));
    const before = await api.pullAll('products', 1000);
    const cleanDry = await t.as(
      'hq',
      '/v1/admin/products/import',
      json('POST', { csv: catalogueCsv(500), dryRun: true }),
    );
    expect(await cleanDry.json()).toMatchObject({
      dryRun: true,
      imported: false,
      created: 500,
      errors: [],
    });
    expect(await count()).toBe(0);
    const done = await t.as(
      'hq',
      '/v1/admin/products/import',
      json('POST', { csv: catalogueCsv(500), dryRun: false }),
    );
    expect(await done.json()).toMatchObject({
      imported: true,
      created: 500,
      updated: 0,
      errors: [],
    });
    const pulled = await api.pullAll('products', 200, before.checkpoint);
    expect(pulled.documents).toHaveLength(500);
    expect(pulled.documents[0]).toMatchObject({
      sku: 'IMP-0001',
      nameEn: 'Biscuit 0001, family pack',
      mrpMinor: 4500,
    });
  });

  it('exports the catalogue as CSV that imports back unchanged', async () => {
    const res = await t.as('auditor', '/v1/admin/products/export.csv');
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const csv = await res.text();
    expect(csv.split('\r\n')[0]).toBe(
      'sku,name_en,name_hi,barcodes,hsn,tax_class,category,unit,sold_loose,mrp,price,reorder_level,active',
    );
    expect(csv).toContain(
      'IMP-0001,"Biscuit 0001, family pack",बिस्कुट 0001,890200000001,1905,gst5,bakery,piece,false,45.00,42.50,0,true',
    );
    const again = await t.as(
      'hq',
      '/v1/admin/products/import',
      json('POST', { csv, dryRun: true }),
    );
    expect(await again.json()).toMatchObject({ errors: [], created: 0 });
  });
});
