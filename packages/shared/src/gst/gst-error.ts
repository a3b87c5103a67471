/** Why a tax computation or a piece of tax data was refused. */
export type GstErrorCode =
  | 'NO_RATE_IN_FORCE'
  | 'OVERLAPPING_RATES'
  | 'INVALID_RATE'
  | 'INVALID_DATE'
  | 'INVALID_HSN'
  | 'OVER_MRP';

/** Thrown by GST functions on data with no lawful reading; carries a stable `code`. */
export class GstError extends Error {
  override readonly name = 'GstError';
  /** The machine-readable reason. */
  readonly code: GstErrorCode;
  /** The values that were refused. */
  readonly details: Readonly<Record<string, unknown>>;

  /** Creates the error with its code, a message for people and the offending values. */
  constructor(code: GstErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.code = code;
    this.details = details;
  }
}
