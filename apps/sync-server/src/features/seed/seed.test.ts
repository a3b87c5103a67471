import {
  isValidEan13,
  isValidHsn,
  gstinSchema,
  INDIAN_TAX_CLASSES,
  stockMovementSchema,
} from '@kiryana/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestClock } from '../../http/test-app';
import { type TestDb, testDatabases } from '../../testing/test-databases';
import { gstinFor } from './seed-chain';
import { type SeedSummary, seedChecksums, seedDemo, seedDemoIfEmpty } from './seed.service';

describe('gstinFor', () => {
  it('computes the GSTN check character of a published example', () => {
    expect(gstinFor('27', 'AAPFU0939F', '1')).toBe('27AAPFU0939F1ZV');
  });
});

describe.each(testDatabases())('demo seed on $name', (database) => {
  let db: TestDb;
  let summary: SeedSummary | undefined;
  const clock = createTestClock();

  beforeAll(async () => {
    db = await database.open();
    summary = await seedDemoIfEmpty({ db, clock });
    console.info(`seeded on ${database.name} in ${summary?.durationMs ?? -1} ms`);
  }, 120_000);
  afterAll(async () => {
    await db.close();
  });

  it('writes the chain the brief asks for', () => {
    expect(summary).toEqual({
      regions: 3,
      stores: 13,
      taxRates: 28,
      products: 2000,
      prices: expect.any(Number) as number,
      movements: expect.any(Number) as number,
      durationMs: expect.any(Number) as number,
    });
    expect(summary?.prices).toBeGreaterThan(2000 + 3 * 500);
    expect(summary?.movements).toBeGreaterThan(12 * 1800);
  });

  it('does not seed a database that has stores', async () => {
    expect(await seedDemoIfEmpty({ db, clock })).toBeUndefined();
  });

  it('gives every store a valid GSTIN of its state', async () => {
    const { rows } = await db.query<{ gstin: string; state_code: string }>(
      'SELECT gstin, state_code FROM stores',
    );
    for (const row of rows) {
      expect(gstinSchema.parse(row.gstin).slice(0, 2)).toBe(row.state_code);
      expect(gstinFor(row.state_code, row.gstin.slice(2, 12), row.gstin.charAt(12))).toBe(
        row.gstin,
      );
    }
  });

  it('seeds legal names, one composition franchise with its own PAN, and e-invoicing in Karnataka', async () => {
    const { rows } = await db.query<{
      code: string;
      gstin: string;
      legal_name: string;
      composition: boolean;
      einvoicing: boolean;
    }>('SELECT code, gstin, legal_name, composition, einvoicing FROM stores ORDER BY code');
    expect(rows.every((row) => row.legal_name.length > 0)).toBe(true);
    const franchise = rows.filter((row) => row.composition);
    expect(franchise.map((row) => row.code)).toEqual(['VSK1']);
    // All registrations of a PAN opt for composition together: the franchise has its own PAN,
    // in a state where the company has no registration.
    const companyPans = new Set(
      rows.filter((r) => !r.composition).map((r) => r.gstin.slice(2, 12)),
    );
    expect(companyPans.size).toBe(1);
    expect(companyPans.has(franchise[0]?.gstin.slice(2, 12) ?? '')).toBe(false);
    expect(rows.filter((r) => r.gstin.startsWith('37')).map((r) => r.code)).toEqual(['VSK1']);
    expect(rows.filter((row) => row.einvoicing).map((row) => row.code)).toEqual(['BLR1', 'MYS1']);
  });

  it('makes products with Hindi names, valid HSN and EAN-13, known tax classes, and loose goods', async () => {
    const { rows } = await db.query<{
      name_en: string;
      name_hi: string;
      barcodes: string[];
      hsn: string;
      tax_class_id: string;
      unit: string;
      price_basis_qty: number;
      sold_loose: boolean;
      mrp_minor: number;
    }>('SELECT * FROM products');
    const classes = new Set(INDIAN_TAX_CLASSES.map((c) => c.id));
    expect(new Set(rows.map((r) => r.name_en)).size).toBe(2000);
    for (const row of rows) {
      expect(row.name_hi).toMatch(/[\u0900-\u097f]/);
      expect(isValidHsn(row.hsn)).toBe(true);
      expect(classes.has(row.tax_class_id)).toBe(true);
      expect(row.mrp_minor % 100).toBe(0);
      for (const barcode of row.barcodes) expect(isValidEan13(barcode)).toBe(true);
      if (row.sold_loose)
        expect([row.unit, row.price_basis_qty, row.barcodes]).toEqual(['g', 1000, []]);
      else expect(row.barcodes).toHaveLength(1);
    }
    expect(rows.filter((r) => r.sold_loose).length).toBeGreaterThan(10);
    expect(new Set(rows.flatMap((r) => r.barcodes)).size).toBe(
      rows.filter((r) => !r.sold_loose).length,
    );
  });

  it('prices every product at HQ within its MRP, with region lists and store overrides', async () => {
    const { rows } = await db.query<{
      level: string;
      n: number;
      over_mrp: number;
      products: number;
    }>(
      `SELECT level, count(*)::int8 AS n, count(*) FILTER (WHERE price_minor > mrp_minor)::int8 AS over_mrp,
              count(DISTINCT product_id)::int8 AS products
         FROM prices GROUP BY level ORDER BY level`,
    );
    expect(rows.map((r) => [r.level, r.over_mrp])).toEqual([
      ['hq', 0],
      ['region', 0],
      ['store', 0],
    ]);
    expect(rows.find((r) => r.level === 'hq')?.products).toBe(2000);
    // Six store-level overrides in each of the 13 stores.
    expect(rows.find((r) => r.level === 'store')?.n).toBe(78);
  });

  it('books opening stock as valid receipt documents whose sums are the stock levels', async () => {
    const { rows: docs } = await db.query<{ doc: unknown }>(
      'SELECT doc FROM stock_movements LIMIT 200',
    );
    for (const { doc } of docs)
      expect(stockMovementSchema.parse(doc)).toMatchObject({ kind: 'receipt' });
    const { rows: drift } = await db.query(
      `SELECT l.store_id, l.product_id FROM stock_levels l
         JOIN (SELECT store_id, product_id, sum(qty_delta_base) AS total FROM stock_movements GROUP BY 1, 2) m
           USING (store_id, product_id)
        WHERE m.total <> l.qty_base`,
    );
    expect(drift).toEqual([]);
    const { rows: scopes } = await db.query<{ scope: string; last_seq: string; max_seq: string }>(
      `SELECT s.scope, s.last_seq::text, greatest(
          (SELECT max(seq) FROM stock_movements m WHERE 'store:' || m.store_id = s.scope),
          (SELECT max(seq) FROM stock_levels l WHERE 'store:' || l.store_id = s.scope))::text AS max_seq
         FROM sync_scope s WHERE s.scope LIKE 'store:%'`,
    );
    // Every seq handed out was used, and no row sits beyond its scope's counter.
    for (const scope of scopes) expect(scope.max_seq).toBe(scope.last_seq);
  });

  // Two full seeds of PGlite cost ~20 s on a busy machine: with Postgres configured, prove it there.
  const onlyOne = database.name === 'pglite' && testDatabases().length > 1;
  it.skipIf(onlyOne)(
    'is deterministic: a second database seeded alike has identical checksums',
    async () => {
      const other = await database.open();
      try {
        await seedDemo({ db: other, clock });
        expect(await seedChecksums(other)).toEqual(await seedChecksums(db));
      } finally {
        await other.close();
      }
    },
    120_000,
  );
});
