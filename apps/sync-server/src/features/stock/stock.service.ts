import type { StockLevel, StockMovement } from '@kiryana/shared';
import type { Queryable } from '../../db/db';
import type { StoredFact } from '../../db/fact-rows';
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

/**
 * Stores pushed movements no store holds yet, with their effect on the levels and their outbox
 * events, in one statement of the caller's transaction. @returns the ids inserted
 */
export function insertMovementsWithEffects(
  tx: Queryable,
  input: Parameters<typeof movements.insertMovementsWithEffects>[1],
): Promise<string[]> {
  return movements.insertMovementsWithEffects(tx, input);
}

/** Stored movements by id in any store (a pushed id may be taken by another store). */
export function findMovementsById(
  q: Queryable,
  storeId: string,
  ids: readonly string[],
): Promise<StoredFact[]> {
  return movements.findMovementsById(q, storeId, ids);
}
