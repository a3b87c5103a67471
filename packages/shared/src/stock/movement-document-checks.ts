import type { StockMovement } from '../documents/index';
import type { DocumentProblem, MovementDocumentCode } from '../errors/index';
import {
  ADJUSTMENT_REASONS,
  type AdjustmentReason,
  type StockMovementErrorCode,
  validateStockMovement,
} from './stock-movement';

/**
 * Larger than any real stock quantity in base units (a million tonnes in grams), far below 2^53:
 * sums of many such quantities in the server's projection stay exact.
 */
export const MAX_PLAUSIBLE_QTY_BASE = 1_000_000_000_000;

/** A problem of a pushed stock movement. */
export type MovementDocumentProblem = DocumentProblem<MovementDocumentCode>;

/** What a movement is checked against besides itself. */
export type MovementCheckContext = {
  /** The store of the device that makes or pushes the movement. */
  readonly storeId?: string;
};

/**
 * Every rule a schema-valid stock movement made at a counter (receipt, adjustment, count,
 * transfer) must keep, in the order of `MOVEMENT_DOCUMENT_CODES` ([] when it keeps them all). The
 * sync server quarantines a pushed movement for the first problem; a terminal runs the same
 * checks before it saves one.
 * @example
 * checkMovementDocument({ ...receipt, qtyDeltaBase: -5 })[0]?.code; // 'WRONG_SIGN_FOR_KIND'
 * checkMovementDocument(saleMovement)[0]?.code; // 'DERIVED_MOVEMENT'
 */
export function checkMovementDocument(
  movement: Omit<StockMovement, '_deleted'>,
  context: MovementCheckContext = {},
): MovementDocumentProblem[] {
  const problems: MovementDocumentProblem[] = [];
  if (context.storeId !== undefined && movement.storeId !== context.storeId) {
    problems.push({
      code: 'SCOPE_VIOLATION',
      path: 'storeId',
      message: 'The movement names a store this device is not enrolled in.',
    });
  }
  if (movement.kind === 'sale' || movement.kind === 'return' || movement.id.includes(':')) {
    problems.push({
      code: 'DERIVED_MOVEMENT',
      path: 'kind',
      message: 'Sale and return movements are derived by the server from the sale document.',
    });
  }
  if (Math.abs(movement.qtyDeltaBase) > MAX_PLAUSIBLE_QTY_BASE) {
    problems.push(implausibleQty('qtyDeltaBase', movement.qtyDeltaBase));
  }
  if (movement.reason !== null && !isAdjustmentReason(movement.reason)) {
    problems.push({
      code: 'UNKNOWN_REASON',
      path: 'reason',
      message: `"${movement.reason}" is not an adjustment reason.`,
    });
    // The sign and reason rules below need a known reason.
    return problems;
  }
  const problem = validateStockMovement({
    kind: movement.kind,
    qtyDeltaBase: movement.qtyDeltaBase,
    reason: movement.reason,
  });
  if (problem !== null) {
    problems.push({
      code: problem,
      path: PATH_OF[problem],
      message: `The movement breaks ${problem}.`,
    });
  }
  return problems;
}

/** The problem of a quantity beyond `MAX_PLAUSIBLE_QTY_BASE` at `path`. */
export function implausibleQty(path: string, qtyBase: number): DocumentProblem<'QTY_IMPLAUSIBLE'> {
  return {
    code: 'QTY_IMPLAUSIBLE',
    path,
    message: `A quantity of ${qtyBase} base units is implausible.`,
  };
}

/** Where in the movement each problem of `validateStockMovement` lies. */
const PATH_OF: Readonly<Record<StockMovementErrorCode, string>> = {
  QTY_NOT_INTEGER: 'qtyDeltaBase',
  QTY_OUT_OF_RANGE: 'qtyDeltaBase',
  ZERO_QUANTITY: 'qtyDeltaBase',
  WRONG_SIGN_FOR_KIND: 'qtyDeltaBase',
  ADJUSTMENT_REASON_REQUIRED: 'reason',
  REASON_ONLY_FOR_ADJUSTMENT: 'reason',
};

function isAdjustmentReason(reason: string): reason is AdjustmentReason {
  return (ADJUSTMENT_REASONS as readonly string[]).includes(reason);
}
