import { STOCK_LEVEL_SCHEMA_VERSION, type StockLevel, stockLevelId } from '@kiryana/shared';
import type { Queryable } from '../../db/db';
import { storeScope } from '../../db/sync-scopes';
import { intOf, isoTimestamp } from '../../db/row-values';
import type { PulledRow } from '../../db/pulled-row';

/**
 * The stock level projection: (store, product) → sum of the store's movements, kept in the same
 * transaction as the movements. Every changed level takes a new seq of the store scope, so
 * terminals pull the new level after the movement that changed it.
 */

type StockLevelRow = {
  seq: string;
  store_id: string;
  product_id: string;
  qty_base: number;
  updated_at: Date | string;
};

/** A store's stock levels that changed after `afterSeq`. */
export async function pullStockLevels(
  q: Queryable,
  storeId: string,
  afterSeq: string,
  limit: number,
): Promise<PulledRow<StockLevel>[]> {
  const result = await q.query<StockLevelRow>(
    `SELECT seq::text AS seq, store_id, product_id, qty_base, updated_at
       FROM stock_levels WHERE store_id = $3 AND seq > $1::bigint ORDER BY stock_levels.seq LIMIT $2`,
    [afterSeq, limit, storeId],
  );
  return result.rows.map((row) => ({
    seq: row.seq,
    document: {
      id: stockLevelId(row.store_id, row.product_id),
      schemaVersion: STOCK_LEVEL_SCHEMA_VERSION,
      storeId: row.store_id,
      productId: row.product_id,
      qtyBase: intOf(row.qty_base),
      updatedAt: isoTimestamp(row.updated_at),
      _deleted: false,
    },
  }));
}

/** A product's level in a store: as projected and as the sum of its movements. */
export type LevelCheck = {
  readonly productId: string;
  readonly projectedQtyBase: string | null;
  readonly summedQtyBase: string | null;
};

/**
 * Rebuild query: the sum of a store's movements per product next to its projection. Returns only
 * the products where the two differ (a missing row on either side counts as 0), so an empty answer
 * means the projection is exact.
 */
export async function stockLevelDrift(q: Queryable, storeId: string): Promise<LevelCheck[]> {
  const result = await q.query<{
    product_id: string;
    projected: string | null;
    summed: string | null;
  }>(
    `WITH summed AS (
       SELECT product_id, sum(qty_delta_base) AS qty FROM stock_movements
        WHERE store_id = $1 GROUP BY product_id
     ), projected AS (
       SELECT product_id, qty_base AS qty FROM stock_levels WHERE store_id = $1
     )
     SELECT coalesce(s.product_id, p.product_id) AS product_id,
            p.qty::text AS projected, s.qty::text AS summed
       FROM summed s FULL JOIN projected p ON p.product_id = s.product_id
      WHERE coalesce(s.qty, 0) <> coalesce(p.qty, 0)
      ORDER BY 1`,
    [storeId],
  );
  return result.rows.map((row) => ({
    productId: row.product_id,
    projectedQtyBase: row.projected,
    summedQtyBase: row.summed,
  }));
}

/**
 * Rewrites the projection of a store from its movements (repair after a restore or a bug). Takes
 * the store's scope lock first, like every writer, so no push interleaves; each corrected level
 * gets a new seq from the seq trigger, so terminals pull it.
 * @returns the number of levels corrected
 */
export async function rebuildStockLevels(tx: Queryable, storeId: string): Promise<number> {
  await tx.query('SELECT sync_next_seq($1)', [storeScope(storeId)]);
  const drift = await stockLevelDrift(tx, storeId);
  if (drift.length === 0) return 0;
  await tx.query(
    `INSERT INTO stock_levels AS sl (store_id, product_id, qty_base, updated_at)
     SELECT $1, p, q, now() FROM unnest($2::text[], $3::bigint[]) AS d(p, q)
     ON CONFLICT (store_id, product_id) DO UPDATE
       SET qty_base = EXCLUDED.qty_base, updated_at = EXCLUDED.updated_at`,
    [storeId, drift.map((d) => d.productId), drift.map((d) => d.summedQtyBase ?? '0')],
  );
  return drift.length;
}
