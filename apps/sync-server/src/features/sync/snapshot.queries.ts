import type { SyncCollection } from '@kiryana/shared';
import type { DevicePrincipal } from '../../auth/principal';
import type { Queryable } from '../../db/db';

/**
 * How many rows a device's snapshot of a collection holds when it begins: only for the progress
 * bar and ETA of a first load, never for correctness (the stream ends with its own count). Each
 * filter is that collection's pull filter (ref-pull.queries.ts, stock-level.queries.ts); the
 * snapshot test checks that the header's total equals the documents streamed, so the two cannot
 * drift apart unnoticed.
 */
const COUNTS: Partial<Record<SyncCollection, [string, (device: DevicePrincipal) => unknown[]]>> = {
  products: ['SELECT count(*)::int AS n FROM products', () => []],
  'tax-rates': ['SELECT count(*)::int AS n FROM tax_rates', () => []],
  stores: ['SELECT count(*)::int AS n FROM stores WHERE id = $1', (d) => [d.storeId]],
  prices: [
    `SELECT count(*)::int AS n FROM prices
      WHERE level = 'hq' OR (level = 'region' AND region_id = $1) OR (level = 'store' AND store_id = $2)`,
    (d) => [d.regionId, d.storeId],
  ],
  'stock-levels': [
    'SELECT count(*)::int AS n FROM stock_levels WHERE store_id = $1',
    (d) => [d.storeId],
  ],
  // Every supplier ever linked to the store, unlinked ones too (they pull as deleted).
  parties: [
    "SELECT count(*)::int AS n FROM store_parties WHERE store_id = $1 AND kind = 'supplier'",
    (d) => [d.storeId],
  ],
};

/** Rows of `collection` the device sees now; 0 for a collection without a snapshot. */
export async function countSnapshotRows(
  q: Queryable,
  device: DevicePrincipal,
  collection: SyncCollection,
): Promise<number> {
  const count = COUNTS[collection];
  if (count === undefined) return 0;
  const result = await q.query<{ n: number }>(count[0], count[1](device));
  return result.rows[0]?.n ?? 0;
}
