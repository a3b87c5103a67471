/**
 * Every error code any Kiryana app may answer or show. Apps never invent codes locally: a code is
 * added here, with its HTTP status, so the server, the terminal and the admin web agree on meaning.
 */
export const ERROR_HTTP_STATUS = {
  VALIDATION_FAILED: 400,
  BAD_JSON: 400,
  BAD_CHECKPOINT: 400,
  UNKNOWN_COLLECTION: 404,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNAUTHENTICATED: 401,
  TOKEN_EXPIRED: 401,
  DEVICE_REVOKED: 401,
  FORBIDDEN: 403,
  SCOPE_VIOLATION: 403,
  CONFLICT: 409,
  /** A PIN that is all one digit or a run (1234, 0000): refused wherever a PIN is set. */
  PIN_TOO_WEAK: 400,
  /** A terminal enrolled before PIN keys existed asks for its key once with its device credential. */
  PIN_KEY_MISSING: 409,
  /** A PIN event names someone whose verifier this device never received. */
  PIN_EVENT_REFUSED: 403,
  ENROLMENT_CODE_INVALID: 400,
  ENROLMENT_CODE_EXPIRED: 400,
  /** A GSTIN with a bad shape, an unknown state code or a wrong check character. */
  GSTIN_INVALID: 400,
  /** A step names a product that is not a line of the transfer or purchase order. */
  UNKNOWN_LINE: 400,
  /** A transfer step taken by a store that is not the party for it (dispatch: source only). */
  WRONG_STORE: 403,
  /** A workflow step that the document's current state does not allow (approve twice …). */
  TRANSITION_NOT_ALLOWED: 409,
  /** A closed, received or cancelled transfer or purchase order accepts no further step. */
  DOCUMENT_CLOSED: 409,
  /** More than is open: dispatch beyond approved, receive beyond in transit, write off beyond the discrepancy. */
  QTY_EXCEEDS_OPEN: 409,
  /** A goods receipt beyond the ordered quantity, without the permission that allows it. */
  OVER_DELIVERY_NOT_ALLOWED: 409,
  /** A state code that is not one of the GST state codes. */
  STATE_CODE_UNKNOWN: 400,
  /** A product's HSN that its tax class does not cover (the class lists the HSN it applies to). */
  HSN_NOT_IN_TAX_CLASS: 400,
  /**
   * A rate change effective in a month whose GSTR-1 is marked filed: refused unless the request
   * confirms it explicitly with a reason (then audited), because it re-prices filed invoices.
   */
  RATE_CHANGE_IN_FILED_MONTH: 409,
  /** An e-invoice asked for a sale that is not a B2B tax invoice of an e-invoicing GSTIN. */
  EINVOICE_NOT_APPLICABLE: 409,
  CLIENT_TOO_OLD: 426,
  RATE_LIMITED: 429,
  /** The terminal's own sync proxy (Electron scheme, browser host) could not reach the server. */
  UPSTREAM_UNREACHABLE: 502,
  UNAVAILABLE: 503,
  INTERNAL: 500,
} as const;

/** A machine-readable error code (SCREAMING_SNAKE), stable across releases. */
export type ErrorCode = keyof typeof ERROR_HTTP_STATUS;

/** All error codes, for validation and exhaustive tests. */
export const ERROR_CODES = Object.keys(ERROR_HTTP_STATUS) as ErrorCode[];

/** The HTTP status an error code is answered with. */
export function httpStatusOf(code: ErrorCode): number {
  return ERROR_HTTP_STATUS[code];
}
