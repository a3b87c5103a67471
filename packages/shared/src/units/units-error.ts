/** Why a quantity, unit price basis or weighing-scale barcode was refused. */
export type UnitsErrorCode =
  | 'INVALID_QUANTITY'
  | 'UNKNOWN_UNIT'
  | 'UNIT_MISMATCH'
  | 'INVALID_PRICE_BASIS'
  | 'MALFORMED_BARCODE'
  | 'BAD_CHECK_DIGIT'
  | 'NOT_A_SCALE_BARCODE'
  | 'BAD_VALUE_CHECK_DIGIT'
  | 'INVALID_SCALE_LAYOUT';

/** Thrown by unit and barcode functions on input with no correct reading; carries a stable `code`. */
export class UnitsError extends Error {
  override readonly name = 'UnitsError';
  /** The machine-readable reason. */
  readonly code: UnitsErrorCode;
  /** The values that were refused. */
  readonly details: Readonly<Record<string, unknown>>;

  /** Creates the error with its code, a message for people and the offending values. */
  constructor(code: UnitsErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.code = code;
    this.details = details;
  }
}
