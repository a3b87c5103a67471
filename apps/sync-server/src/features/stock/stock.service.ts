import type { StockLevel, StockMovement } from '@kiryana/shared';
import type { Queryable } from '../../db/db';
import type { PulledRow } from '../../db/pulled-row';
import * as levels from './stock-level.queries';
import * as movements from './stock-movement.queries';

/**
 * Products of a store whose projected level differs from the sum of their movements (a rebuild
 * of the projection must give the same numbers; sync health reports any drift).
 */
export function stockLevelDrift(
  q: Queryable,
  storeId: string,
): ReturnType<typeof levels.stockLevelDrift> {
  return levels.stockLevelDrift(q, storeId);
}

/** A pull page of a store's stock levels after a sequence number (the sync feature pages them). */
export function pullStockLevels(
  q: Queryable,
  storeId: string,
  afterSeq: string,
  limit: number,
): Promise<PulledRow<StockLevel>[]> {
  return levels.pullStockLevels(q, storeId, afterSeq, limit);
}

/** A pull page of a store's stock movements after a sequence number. */
export function pullStockMovements(
  q: Queryable,
  storeId: string,
  afterSeq: string,
  limit: number,
): Promise<PulledRow<StockMovement>[]> {
  return movements.pullStockMovements(q, storeId, afterSeq, limit);
}
