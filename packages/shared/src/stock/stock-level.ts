import { StockError, assertSafeQty } from './stock-error';

/** The part of a movement the level needs: its signed delta in base units. */
export type StockDelta = { readonly qtyDeltaBase: number };

/** A movement placed in a store, for levels across many products and stores. */
export type StockDeltaAt = StockDelta & { readonly storeId: string; readonly productId: string };

/**
 * Sums safe-integer deltas exactly. Doubles add integers exactly while every partial sum stays
 * below 2^53, so the common case is a plain loop; if a partial sum leaves that range (possible in
 * one order and not in another) the whole list is re-added in BigInt, so the answer never depends
 * on the order of the movements: it is the exact sum, or a `STOCK_LEVEL_OVERFLOW` error.
 */
function exactSum(deltas: readonly number[]): number {
  let sum = 0;
  for (const delta of deltas) {
    sum += delta;
    if (!Number.isSafeInteger(sum)) return bigSum(deltas);
  }
  return sum;
}

function bigSum(deltas: readonly number[]): number {
  let sum = 0n;
  for (const delta of deltas) sum += BigInt(delta);
  if (sum > BigInt(Number.MAX_SAFE_INTEGER) || sum < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new StockError(
      'STOCK_LEVEL_OVERFLOW',
      `Stock level ${sum} is beyond the safe integer range.`,
    );
  }
  return Number(sum);
}

/**
 * The stock level from movements of one product in one store: the sum of their deltas, in base
 * units. Throws a `StockError` if a delta is not a safe integer or the sum leaves the safe range.
 * @example
 * stockLevel([{ qtyDeltaBase: 24 }, { qtyDeltaBase: -3 }, { qtyDeltaBase: -1 }]); // 20
 * stockLevel([]); // 0
 */
export function stockLevel(movements: Iterable<StockDelta>): number {
  const deltas: number[] = [];
  for (const movement of movements) {
    assertSafeQty(movement.qtyDeltaBase, 'Movement delta');
    deltas.push(movement.qtyDeltaBase);
  }
  return exactSum(deltas);
}

/**
 * The key of a (store, product) pair in `stockLevels`. Ids are UUIDs, which never contain `:`.
 * @example
 * stockKey('store-1', 'product-9'); // 'store-1:product-9'
 */
export function stockKey(storeId: string, productId: string): string {
  return `${storeId}:${productId}`;
}

/**
 * Stock levels of every (store, product) pair that has movements, keyed by `stockKey`.
 * @example
 * stockLevels([
 *   { storeId: 's1', productId: 'p1', qtyDeltaBase: 10 },
 *   { storeId: 's1', productId: 'p1', qtyDeltaBase: -4 },
 *   { storeId: 's2', productId: 'p1', qtyDeltaBase: 5 },
 * ]); // Map { 's1:p1' => 6, 's2:p1' => 5 }
 */
export function stockLevels(movements: Iterable<StockDeltaAt>): Map<string, number> {
  const deltasByKey = new Map<string, number[]>();
  for (const movement of movements) {
    assertSafeQty(movement.qtyDeltaBase, 'Movement delta');
    const key = stockKey(movement.storeId, movement.productId);
    const deltas = deltasByKey.get(key);
    if (deltas === undefined) deltasByKey.set(key, [movement.qtyDeltaBase]);
    else deltas.push(movement.qtyDeltaBase);
  }
  const levels = new Map<string, number>();
  for (const [key, deltas] of deltasByKey) levels.set(key, exactSum(deltas));
  return levels;
}

/**
 * Whether a level has fallen to the reorder level or below (both in base units). Out of stock at a
 * reorder level of 0 counts as low: an empty shelf always needs attention.
 * @example
 * isLowStock(4, 5); // true
 * isLowStock(5, 5); // true
 * isLowStock(6, 5); // false
 */
export function isLowStock(levelBase: number, reorderLevelBase: number): boolean {
  return levelBase <= reorderLevelBase;
}
