import type { ScopeFilter } from '@kiryana/shared';
import type { Queryable } from '../../db/db';
import { scopeParams } from '../../db/scope-sql';
import { REF_SEQ_BLOCK_SQL } from './product.queries';

/** Where a price applies: the chain (HQ list), one region's list, or one store's override. */
export type PriceLevel = 'hq' | 'region' | 'store';

/** A price row as the catalogue screen shows it. */
export type AdminPrice = {
  id: string;
  productId: string;
  level: PriceLevel;
  regionId: string | null;
  storeId: string | null;
  priceMinor: number;
  mrpMinor: number;
  effectiveFrom: string;
};

/**
 * Whether the region or store a price is set for exists (the HQ list always does), so an unknown
 * one answers 404 instead of reaching the foreign key.
 */
export async function priceLevelExists(
  q: Queryable,
  level: PriceLevel,
  regionId: string | undefined,
  storeId: string | undefined,
): Promise<boolean> {
  if (level === 'hq') return true;
  const { rows } =
    level === 'region'
      ? await q.query('SELECT 1 FROM regions WHERE id = $1', [regionId ?? ''])
      : await q.query('SELECT 1 FROM stores WHERE id = $1', [storeId ?? '']);
  return rows.length > 0;
}

type PriceRow = {
  id: string;
  product_id: string;
  level: PriceLevel;
  region_id: string | null;
  store_id: string | null;
  price_minor: number;
  mrp_minor: number;
  effective_from: string;
};

function toPrice(r: PriceRow): AdminPrice {
  return {
    id: r.id,
    productId: r.product_id,
    level: r.level,
    regionId: r.region_id,
    storeId: r.store_id,
    priceMinor: r.price_minor,
    mrpMinor: r.mrp_minor,
    effectiveFrom: r.effective_from,
  };
}

/**
 * A product's live prices the reader may see: the HQ price always, region lists of regions in
 * reach or holding a store in reach (the list that applies to that store), store overrides of
 * stores in reach (directly or through their region). Filtered in SQL.
 */
export async function pricesOfProduct(
  q: Queryable,
  productId: string,
  filter: ScopeFilter,
): Promise<AdminPrice[]> {
  const { rows } = await q.query<PriceRow>(
    `SELECT pr.id, pr.product_id, pr.level, pr.region_id, pr.store_id, pr.price_minor, pr.mrp_minor,
            to_char(pr.effective_from, 'YYYY-MM-DD') AS effective_from
       FROM prices pr
       LEFT JOIN stores s ON s.id = pr.store_id
      WHERE pr.product_id = $4 AND NOT pr.deleted
        AND (pr.level = 'hq' OR $1::boolean
             OR (pr.level = 'region' AND (pr.region_id = ANY($3::text[])
                 OR pr.region_id IN (SELECT region_id FROM stores WHERE id = ANY($2::text[]))))
             OR (pr.level = 'store' AND (s.id = ANY($2::text[]) OR s.region_id = ANY($3::text[]))))
      ORDER BY CASE pr.level WHEN 'hq' THEN 0 WHEN 'region' THEN 1 ELSE 2 END, pr.region_id, s.code`,
    [...scopeParams(filter), productId],
  );
  return rows.map(toPrice);
}

/** One live price row by id. */
export async function findPrice(q: Queryable, id: string): Promise<AdminPrice | undefined> {
  const { rows } = await q.query<PriceRow>(
    `SELECT id, product_id, level, region_id, store_id, price_minor, mrp_minor,
            to_char(effective_from, 'YYYY-MM-DD') AS effective_from
       FROM prices WHERE id = $1 AND NOT deleted`,
    [id],
  );
  return rows[0] && toPrice(rows[0]);
}

/**
 * Sets the price of a product at one level: updates the live row of that (product, level, region,
 * store) or inserts one with the seed's id convention (`pr-hq-<product>`, `pr-<region or store
 * code>-<product>`). The row's seq changes either way, so terminals pull it.
 */
export async function setPrice(
  q: Queryable,
  input: {
    productId: string;
    level: PriceLevel;
    regionId: string | null;
    storeId: string | null;
    priceMinor: number;
    mrpMinor: number;
    effectiveFrom: string;
  },
): Promise<AdminPrice> {
  const { rows } = await q.query<PriceRow>(
    `WITH target AS (
       SELECT id FROM prices
        WHERE product_id = $1 AND level = $2 AND region_id IS NOT DISTINCT FROM $3
          AND store_id IS NOT DISTINCT FROM $4
        ORDER BY deleted, id LIMIT 1
     ), code AS (
       SELECT CASE $2 WHEN 'hq' THEN 'hq'
                      WHEN 'region' THEN (SELECT lower(code) FROM regions WHERE id = $3)
                      ELSE (SELECT lower(code) FROM stores WHERE id = $4) END AS c
     )
     INSERT INTO prices AS pr (id, product_id, level, region_id, store_id, price_minor, mrp_minor, effective_from, deleted)
     SELECT coalesce((SELECT id FROM target), 'pr-' || (SELECT c FROM code) || '-' || $1),
            $1, $2, $3, $4, $5, $6, $7::date, false
     ON CONFLICT (id) DO UPDATE SET price_minor = EXCLUDED.price_minor, mrp_minor = EXCLUDED.mrp_minor,
            effective_from = EXCLUDED.effective_from, deleted = false
     RETURNING pr.id, pr.product_id, pr.level, pr.region_id, pr.store_id, pr.price_minor, pr.mrp_minor,
               to_char(pr.effective_from, 'YYYY-MM-DD') AS effective_from`,
    [
      input.productId,
      input.level,
      input.regionId,
      input.storeId,
      input.priceMinor,
      input.mrpMinor,
      input.effectiveFrom,
    ],
  );
  const row = rows[0];
  if (!row) throw new Error('setPrice returned no row');
  return toPrice(row);
}

/** Sets HQ prices of many products in one statement (CSV import). */
export async function setHqPrices(
  q: Queryable,
  prices: readonly { productId: string; priceMinor: number; mrpMinor: number }[],
  effectiveFrom: string,
): Promise<void> {
  if (prices.length === 0) return;
  // One block of `ref` numbers for the statement, as upsertProducts takes (REF_SEQ_BLOCK_SQL).
  await q.query(
    `WITH ${REF_SEQ_BLOCK_SQL}
     INSERT INTO prices AS pr (id, product_id, level, price_minor, mrp_minor, effective_from, deleted,
                               seq, updated_at)
     SELECT 'pr-hq-' || r."productId", r."productId", 'hq', r."priceMinor", r."mrpMinor", $3::date, false,
            block.base + r.n, clock_timestamp()
       FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS ("productId" text, "priceMinor" bigint, "mrpMinor" bigint))
            WITH ORDINALITY AS r("productId", "priceMinor", "mrpMinor", n)
      CROSS JOIN block
     ON CONFLICT (id) DO UPDATE SET price_minor = EXCLUDED.price_minor, mrp_minor = EXCLUDED.mrp_minor,
            effective_from = EXCLUDED.effective_from, deleted = false,
            seq = EXCLUDED.seq, updated_at = EXCLUDED.updated_at`,
    [JSON.stringify(prices), prices.length, effectiveFrom],
  );
}

/** Removes a region list price or a store override (a tombstone terminals pull). */
export async function deletePrice(q: Queryable, id: string): Promise<boolean> {
  const { rowCount } = await q.query(
    "UPDATE prices SET deleted = true WHERE id = $1 AND level <> 'hq' AND NOT deleted",
    [id],
  );
  return rowCount > 0;
}
