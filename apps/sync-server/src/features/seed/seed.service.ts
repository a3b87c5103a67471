import { type Clock, INDIAN_GST_SCHEDULE, INDIAN_TAX_CLASSES } from '@kiryana/shared';
import type { Db, Queryable } from '../../db/db';
import { REF_SCOPE, storeScope } from '../../db/sync-scopes';
import { ADVISORY_LOCKS } from '../../db/advisory-locks';
import { documentHash } from '../../db/canonical-hash';
import { buildCatalogue } from './seed-catalogue';
import { SEED_REGIONS, seedStores } from './seed-chain';
import { createSeedRandom } from './seed-random';
import { buildOpeningStock } from './seed-stock';
import { buildSuppliers, insertSuppliers } from './seed-suppliers';
import { insertTaxClasses } from './seed-tax-classes';
import * as queries from './seed.queries';

export { DEMO_STORE_CODE } from './seed-chain';

/** What a seed run wrote. */
export type SeedSummary = {
  regions: number;
  stores: number;
  taxRates: number;
  products: number;
  prices: number;
  movements: number;
  durationMs: number;
};

/** Options of a seed run; the defaults are the demo chain. */
export type SeedOptions = {
  /** The PRNG seed: one value, one chain. */
  readonly seed?: number;
  readonly products?: number;
};

/** Held while seeding, so two servers starting on one empty database seed it once. */
const SEED_LOCK = ADVISORY_LOCKS.demoSeed;

/**
 * Seeds the demo chain in one transaction: regions, stores, the GST schedule, products, HQ and
 * regional prices with store overrides, and opening stock with its projection. Deterministic: the
 * same seed and opening time give identical rows. Time-of-day enters only through `clock` (the
 * opening stock's createdAt), truncated to the minute.
 */
export async function seedDemo(
  deps: { readonly db: Db; readonly clock: Clock },
  options: SeedOptions = {},
): Promise<SeedSummary> {
  const summary = await deps.db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [SEED_LOCK]);
    return seedInto(tx, deps.clock, options);
  });
  return summary;
}

/** Seeds the demo chain unless the database already has stores; returns what it wrote, if anything. */
export async function seedDemoIfEmpty(
  deps: { readonly db: Db; readonly clock: Clock },
  options: SeedOptions = {},
): Promise<SeedSummary | undefined> {
  return deps.db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [SEED_LOCK]);
    const { rows } = await tx.query<{ any: boolean }>(
      'SELECT EXISTS (SELECT 1 FROM stores) AS any',
    );
    if (rows[0]?.any) return undefined;
    return seedInto(tx, deps.clock, options);
  });
}

async function seedInto(tx: Queryable, clock: Clock, options: SeedOptions): Promise<SeedSummary> {
  const startedMs = performance.now();
  const random = createSeedRandom(options.seed ?? 20_250_922);
  const openingMs = Math.floor(clock.now() / 60_000) * 60_000;
  const stores = seedStores();
  const { products, prices } = buildCatalogue(
    random,
    options.products ?? 2000,
    SEED_REGIONS,
    stores,
  );
  const hqPriceOf = new Map(
    prices.filter((p) => p.level === 'hq').map((p) => [p.productId, p.priceMinor]),
  );
  const stock = buildOpeningStock(random, stores, products, hqPriceOf, openingMs);
  const taxRows = INDIAN_GST_SCHEDULE.rows;
  const describe = (classId: string) =>
    INDIAN_TAX_CLASSES.find((c) => c.id === classId)?.description ?? classId;

  await queries.insertRegions(tx, SEED_REGIONS);
  let ref = await queries.takeSeqBlock(
    tx,
    REF_SCOPE,
    stores.length + taxRows.length + products.length + prices.length,
  );
  await queries.insertStores(tx, stores, ref);
  ref += stores.length;
  await queries.insertTaxRates(tx, taxRows, describe, ref);
  ref += taxRows.length;
  await insertTaxClasses(tx);
  await queries.insertProducts(tx, products, ref);
  ref += products.length;
  await queries.insertPrices(tx, prices, ref);
  // Suppliers with packs and last costs, for the purchase-order screens (issue 15).
  await insertSuppliers(tx, buildSuppliers(stores, products, hqPriceOf));

  let movements = 0;
  for (const store of stores) {
    const docs = (stock.get(store.id) ?? []).map((doc) => ({ doc, hash: documentHash(doc) }));
    const levels = new Set(docs.map((d) => d.doc.productId)).size;
    const base = await queries.takeSeqBlock(tx, storeScope(store.id), docs.length + levels);
    await queries.insertOpeningStock(tx, store.id, docs, base);
    movements += docs.length;
  }
  return {
    regions: SEED_REGIONS.length,
    stores: stores.length,
    taxRates: taxRows.length,
    products: products.length,
    prices: prices.length,
    movements,
    durationMs: Math.round(performance.now() - startedMs),
  };
}

/**
 * A digest per seeded table over every column that the seed decides (not the database's own
 * timestamps or epochs), to prove two seeds equal.
 */
export async function seedChecksums(db: Queryable): Promise<Record<string, string>> {
  const tables: Record<string, string> = {
    regions: 'SELECT id, code, name_en, name_hi FROM regions ORDER BY id',
    stores:
      'SELECT id, code, region_id, name_en, name_hi, gstin, state_code, address, seq FROM stores ORDER BY id',
    tax_rates:
      'SELECT id, tax_class_id, rate_bp, cess_bp, effective_from, effective_to, description, seq FROM tax_rates ORDER BY id',
    products: `SELECT id, sku, name_en, name_hi, barcodes, hsn, tax_class_id, category, unit, price_basis_qty,
                      sold_loose, mrp_minor, reorder_level_base, seq FROM products ORDER BY id`,
    prices:
      'SELECT id, product_id, level, region_id, store_id, price_minor, mrp_minor, effective_from, seq FROM prices ORDER BY id',
    stock_movements: `SELECT store_id, id, seq, product_id, kind, qty_delta_base, doc, doc_hash
                        FROM stock_movements ORDER BY store_id, id`,
    stock_levels:
      'SELECT store_id, product_id, qty_base, seq FROM stock_levels ORDER BY store_id, product_id',
  };
  const out: Record<string, string> = {};
  for (const [table, sql] of Object.entries(tables)) {
    const { rows } = await db.query<{ digest: string | null }>(
      `SELECT md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS digest FROM (${sql}) t`,
    );
    out[table] = rows[0]?.digest ?? '';
  }
  return out;
}
