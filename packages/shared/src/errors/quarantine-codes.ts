/**
 * Codes a pushed fact is quarantined with (docs/sync.md, "Quarantine"): the row is set aside with
 * its code and never applied, and the terminal's push queue drains past it. The server stores the
 * codes in its quarantine table and sends them in outbox events, so their spelling never changes.
 *
 * The rules behind the first two lists are pure functions of one document in this package
 * (`checkSaleDocument`, `checkMovementDocument`): a terminal runs them before it saves a fact, the
 * server on every push, so a document the server would quarantine for them never leaves the
 * counter. The third list needs what only the server has: its database or the whole push.
 */

/** Codes of `checkSaleDocument`, in the order its checks run. */
export const SALE_DOCUMENT_CODES = [
  /** The document names a store other than the device's. */
  'SCOPE_VIOLATION',
  /** A sale points at an original sale; only a return may. */
  'SALE_WITH_ORIGINAL',
  /** A return does not point at the sale it reverses. */
  'RETURN_WITHOUT_ORIGINAL',
  /** Two lines share a line number. */
  'DUPLICATE_LINE_NO',
  /** A quantity beyond `MAX_PLAUSIBLE_QTY_BASE`. */
  'QTY_IMPLAUSIBLE',
  /** A line where gross − discount ≠ net or taxable + taxes ≠ net. */
  'LINE_ARITHMETIC',
  /** CGST/SGST on an inter-state supply, or IGST on an intra-state one. */
  'SUPPLY_TYPE_TAX',
  /** A buyer GSTIN whose shape, state code or check character is wrong. */
  'BUYER_GSTIN_INVALID',
  /**
   * The place of supply disagrees with the buyer (a GSTIN's state is not the buyer's state) or the
   * supply type disagrees with the place of supply and the store's state.
   */
  'PLACE_OF_SUPPLY_MISMATCH',
  /** A bill of supply (composition store) with a tax amount on a line. */
  'BILL_OF_SUPPLY_WITH_TAX',
  /** Totals that are not the sum of the lines, or a total ≠ net + round-off. */
  'TOTALS_MISMATCH',
  /** Payments that do not add up to the total. */
  'PAYMENTS_MISMATCH',
  /**
   * A return refunding more than its bill was paid minus earlier refunds: checked with the refund
   * history where it is known (the terminal's own bills; the server's database on push).
   */
  'REFUND_EXCEEDS_PAID',
] as const;

/** Why `checkSaleDocument` refuses a sale or return. */
export type SaleDocumentCode = (typeof SALE_DOCUMENT_CODES)[number];

/** Codes of `checkMovementDocument`, in the order its checks run. */
export const MOVEMENT_DOCUMENT_CODES = [
  'SCOPE_VIOLATION',
  /** A sale or return movement (or an id with `:`): only the server derives those. */
  'DERIVED_MOVEMENT',
  'QTY_IMPLAUSIBLE',
  /** A reason that is not one of `ADJUSTMENT_REASONS`. */
  'UNKNOWN_REASON',
  // The sign and reason rules of `validateStockMovement` (`StockMovementErrorCode`).
  'QTY_NOT_INTEGER',
  'QTY_OUT_OF_RANGE',
  'ZERO_QUANTITY',
  'WRONG_SIGN_FOR_KIND',
  'ADJUSTMENT_REASON_REQUIRED',
  'REASON_ONLY_FOR_ADJUSTMENT',
] as const;

/** Why `checkMovementDocument` refuses a pushed stock movement. */
export type MovementDocumentCode = (typeof MOVEMENT_DOCUMENT_CODES)[number];

/** Quarantine codes only the server can decide. */
export const SERVER_QUARANTINE_CODES = [
  /** A return whose original is not a sale of the store, stored or in the same push. */
  'RETURN_ORIGINAL_UNKNOWN',
  /** The cashier named on a fact does not work at the device's store. */
  'CASHIER_NOT_IN_STORE',
  /** The id is already used by a fact of another store. */
  'ID_IN_OTHER_SCOPE',
  /** A fact made and deleted offline: facts are corrected by new documents, never deleted. */
  'FACT_DELETED',
  /**
   * A sale of a composition store (Section 10) issued as a tax invoice charging tax: such a store
   * may not collect tax, so it issues bills of supply (Rule 49).
   */
  'COMPOSITION_TAX_INVOICE',
] as const;

/** A quarantine code only the server can decide. */
export type ServerQuarantineCode = (typeof SERVER_QUARANTINE_CODES)[number];

/**
 * Codes a pushed transfer or PO step (`documents` collection) is quarantined with: the refusals of
 * the shared machines (`applyTransferFact`, `applyPurchaseOrderFact`), which are also error codes
 * (errors/error-codes.ts), and FORBIDDEN for a step only a person at the admin web may take.
 */
export const WORKFLOW_QUARANTINE_CODES = [
  'TRANSITION_NOT_ALLOWED',
  'DOCUMENT_CLOSED',
  'QTY_EXCEEDS_OPEN',
  'OVER_DELIVERY_NOT_ALLOWED',
  'WRONG_STORE',
  'UNKNOWN_LINE',
  'NOT_FOUND',
  'CONFLICT',
  'VALIDATION_FAILED',
  'FORBIDDEN',
] as const;

/** A quarantine code of a refused workflow step. */
export type WorkflowQuarantineCode = (typeof WORKFLOW_QUARANTINE_CODES)[number];

/** Any code a pushed row may be quarantined with (SCREAMING_SNAKE, stable across releases). */
export type QuarantineCode =
  SaleDocumentCode | MovementDocumentCode | ServerQuarantineCode | WorkflowQuarantineCode;

/** Every quarantine code once, for validation and exhaustive tests. */
export const QUARANTINE_CODES: readonly QuarantineCode[] = [
  ...new Set<QuarantineCode>([
    ...SALE_DOCUMENT_CODES,
    ...MOVEMENT_DOCUMENT_CODES,
    ...SERVER_QUARANTINE_CODES,
    ...WORKFLOW_QUARANTINE_CODES,
  ]),
];

/**
 * One broken rule of a document: the quarantine code, where in the document (a dotted path such
 * as `lines.0.netMinor`, as in `FieldIssue`), and a message for the person fixing it.
 */
export type DocumentProblem<TCode extends QuarantineCode = QuarantineCode> = {
  readonly code: TCode;
  readonly path: string;
  readonly message: string;
};
