/** Why a money operation was refused. */
export type MoneyErrorCode =
  | 'MIXED_CURRENCY'
  | 'NOT_SAFE_INTEGER'
  | 'UNKNOWN_CURRENCY'
  | 'INVALID_AMOUNT'
  | 'DIVISION_BY_ZERO'
  | 'INVALID_WEIGHTS';

/**
 * Thrown by money functions on input that has no correct answer (mixed currencies, an amount
 * beyond `Number.MAX_SAFE_INTEGER` minor units, an unparseable string). Carries a stable `code`.
 */
export class MoneyError extends Error {
  override readonly name = 'MoneyError';
  /** The machine-readable reason. */
  readonly code: MoneyErrorCode;
  /** The values that were refused, for logs and the error envelope. */
  readonly details: Readonly<Record<string, unknown>>;

  /** Creates the error with its code, a message for people and the offending values. */
  constructor(code: MoneyErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.code = code;
    this.details = details;
  }
}
