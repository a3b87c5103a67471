/** Why a stock quantity or level could not be computed. */
export type StockErrorCode =
  'QTY_NOT_INTEGER' | 'QTY_OUT_OF_RANGE' | 'NEGATIVE_COUNT' | 'STOCK_LEVEL_OVERFLOW';

/** Thrown by stock arithmetic given a non-integer, an unsafe integer, or a sum beyond 2^53 − 1. */
export class StockError extends Error {
  override readonly name = 'StockError';
  /** The machine-readable reason. */
  readonly code: StockErrorCode;

  /** Creates the error with its code and a message for people. */
  constructor(code: StockErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

/**
 * Throws unless `qtyBase` is a safe integer: past 2^53 − 1 doubles skip integers, and sums of
 * movements would silently stop being exact (and order-independent).
 */
export function assertSafeQty(qtyBase: number, what: string): void {
  if (!Number.isInteger(qtyBase)) {
    throw new StockError(
      'QTY_NOT_INTEGER',
      `${what} must be an integer in base units, got ${qtyBase}.`,
    );
  }
  if (!Number.isSafeInteger(qtyBase)) {
    throw new StockError(
      'QTY_OUT_OF_RANGE',
      `${what} ${qtyBase} is beyond the safe integer range.`,
    );
  }
}
