/** Why an invoice number or an invoice series state was refused. */
export type InvoiceErrorCode =
  | 'INVOICE_SERIES_EXHAUSTED'
  | 'INVOICE_SERIES_CODE_INVALID'
  | 'INVOICE_SERIAL_OUT_OF_RANGE'
  | 'INVOICE_FY_OUT_OF_RANGE'
  | 'INVOICE_DATE_INVALID'
  | 'INVOICE_NUMBER_EMPTY'
  | 'INVOICE_NUMBER_TOO_LONG'
  | 'INVOICE_NUMBER_BAD_CHARACTERS'
  | 'INVOICE_NUMBER_BAD_FORMAT';

/** Thrown by the invoice functions that return a value rather than a code; carries a stable `code`. */
export class InvoiceNumberError extends Error {
  override readonly name = 'InvoiceNumberError';
  /** The machine-readable reason. */
  readonly code: InvoiceErrorCode;

  /** Creates the error with its code and a message for people. */
  constructor(code: InvoiceErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
