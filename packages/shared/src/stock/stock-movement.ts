import { z } from 'zod';
import { StockError, assertSafeQty } from './stock-error';

/**
 * Stock is event-sourced: every change is an insert-only movement carrying a signed integer
 * `qtyDeltaBase` in the product's base unit (pieces, grams or millilitres), and the level is the
 * sum of the deltas. The sign is fixed by the kind, so a sale can never add stock by mistake.
 *
 * A count is stored as a delta too (counted − expected), so the level stays a pure sum and counts
 * made offline merge like any other movement. The expected level is what the counting device knew
 * at the time; sales made elsewhere before the count but synced after it are therefore subtracted
 * again, which is why counts should be taken on a terminal whose push/pull queue is drained.
 */

/** All movement kinds, in the order they are usually shown. */
export const STOCK_MOVEMENT_KINDS = [
  'sale',
  'return',
  'receipt',
  'adjustment',
  'count',
  'transfer_out',
  'transfer_in',
] as const;

/** What a stock movement records. */
export type StockMovementKind = (typeof STOCK_MOVEMENT_KINDS)[number];

/** Zod schema of a movement kind. */
export const stockMovementKindSchema = z.enum(STOCK_MOVEMENT_KINDS);

/** Why stock was adjusted by hand; every adjustment carries one for the audit trail. */
export const ADJUSTMENT_REASONS = [
  'damage',
  'expiry',
  'shrinkage',
  'theft',
  'correction',
  'other',
] as const;

/** The reason code of a manual stock adjustment. */
export type AdjustmentReason = (typeof ADJUSTMENT_REASONS)[number];

/** Zod schema of an adjustment reason. */
export const adjustmentReasonSchema = z.enum(ADJUSTMENT_REASONS);

/** The sign a movement's delta must have: `nonzero` may go either way, `any` may also be 0. */
export type StockDeltaSign = 'negative' | 'positive' | 'nonzero' | 'any';

/**
 * The sign rule per kind. A count may be 0: a shelf that matched the books is still worth recording.
 * An adjustment of 0 changes nothing and is refused.
 */
export const STOCK_DELTA_SIGN: Readonly<Record<StockMovementKind, StockDeltaSign>> = {
  sale: 'negative',
  transfer_out: 'negative',
  return: 'positive',
  receipt: 'positive',
  transfer_in: 'positive',
  adjustment: 'nonzero',
  count: 'any',
};

/** Why a movement was refused. */
export type StockMovementErrorCode =
  | 'WRONG_SIGN_FOR_KIND'
  | 'QTY_NOT_INTEGER'
  | 'QTY_OUT_OF_RANGE'
  | 'ZERO_QUANTITY'
  | 'ADJUSTMENT_REASON_REQUIRED'
  | 'REASON_ONLY_FOR_ADJUSTMENT';

/**
 * Checks a movement's delta against its kind; returns the problem, or null when it is valid.
 * @example
 * validateMovementDelta('sale', -3); // null
 * validateMovementDelta('sale', 3); // 'WRONG_SIGN_FOR_KIND'
 * validateMovementDelta('receipt', 0); // 'ZERO_QUANTITY'
 * validateMovementDelta('count', 0); // null
 * validateMovementDelta('receipt', 1.5); // 'QTY_NOT_INTEGER'
 */
export function validateMovementDelta(
  kind: StockMovementKind,
  qtyDeltaBase: number,
): StockMovementErrorCode | null {
  if (!Number.isInteger(qtyDeltaBase)) return 'QTY_NOT_INTEGER';
  if (!Number.isSafeInteger(qtyDeltaBase)) return 'QTY_OUT_OF_RANGE';
  const sign = STOCK_DELTA_SIGN[kind];
  if (qtyDeltaBase === 0) return sign === 'any' ? null : 'ZERO_QUANTITY';
  if (sign === 'negative' && qtyDeltaBase > 0) return 'WRONG_SIGN_FOR_KIND';
  if (sign === 'positive' && qtyDeltaBase < 0) return 'WRONG_SIGN_FOR_KIND';
  return null;
}

/**
 * Checks a whole movement: its delta as `validateMovementDelta` does, and that exactly the
 * adjustments carry a reason.
 * @example
 * validateStockMovement({ kind: 'adjustment', qtyDeltaBase: -2, reason: 'damage' }); // null
 * validateStockMovement({ kind: 'adjustment', qtyDeltaBase: -2 }); // 'ADJUSTMENT_REASON_REQUIRED'
 */
export function validateStockMovement(movement: {
  readonly kind: StockMovementKind;
  readonly qtyDeltaBase: number;
  readonly reason?: AdjustmentReason | null | undefined;
}): StockMovementErrorCode | null {
  const deltaProblem = validateMovementDelta(movement.kind, movement.qtyDeltaBase);
  if (deltaProblem !== null) return deltaProblem;
  const hasReason = movement.reason !== undefined && movement.reason !== null;
  if (movement.kind === 'adjustment' && !hasReason) return 'ADJUSTMENT_REASON_REQUIRED';
  if (movement.kind !== 'adjustment' && hasReason) return 'REASON_ONLY_FOR_ADJUSTMENT';
  return null;
}

/**
 * The delta a stock count is stored as: counted − expected, both in base units. Throws a
 * `StockError` for a negative count, a non-integer, or a result beyond the safe integer range.
 * Expected may be negative (offline sales can oversell the books).
 * @example
 * countToDelta(17, 20); // -3: three pieces fewer on the shelf than the books said
 * countToDelta(5, -2); // 7: the books were oversold to -2, the shelf has 5
 */
export function countToDelta(countedQtyBase: number, expectedQtyBase: number): number {
  assertSafeQty(countedQtyBase, 'Counted quantity');
  assertSafeQty(expectedQtyBase, 'Expected quantity');
  if (countedQtyBase < 0) {
    throw new StockError(
      'NEGATIVE_COUNT',
      `A shelf cannot hold ${countedQtyBase}: counts are never negative.`,
    );
  }
  const delta = countedQtyBase - expectedQtyBase;
  if (!Number.isSafeInteger(delta)) {
    throw new StockError('STOCK_LEVEL_OVERFLOW', 'Count delta is beyond the safe integer range.');
  }
  return delta;
}
