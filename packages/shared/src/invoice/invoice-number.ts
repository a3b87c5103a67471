import type { FinancialYear } from './financial-year';
import { type InvoiceErrorCode, InvoiceNumberError } from './invoice-error';

/**
 * Invoice numbers under CGST Rule 46(b): "a consecutive serial number not exceeding sixteen
 * characters, in one or multiple series, containing alphabets or numerals or special characters
 * hyphen or dash and slash", unique for a financial year.
 *
 * Our format is `SERIES/YY/NNNNNN`, e.g. `BLR1T2/25/000042`:
 * - `SERIES`: 1–6 upper-case letters or digits naming one terminal's series (store code +
 *   terminal, e.g. `BLR1T2`). Each terminal numbers offline, so only a series of its own keeps
 *   numbers unique without coordination; it must be unique within the GSTIN (HQ assigns it at
 *   enrolment). Upper case only, because the GST portal and people compare numbers case-blind.
 * - `YY`: the last two digits of the year the financial year starts in (`25` = FY 2025-26). Two
 *   digits rather than `2526` buy the series code two more characters; the numbers only need to
 *   differ between nearby years, and financial years 2000–2099 are supported.
 * - `NNNNNN`: the serial, zero-padded to 6 digits, 1–999,999. A very busy counter bills about once
 *   a minute for 16 hours, ~1,000 bills a day, ~365,000 a year: 999,999 leaves almost 3× headroom
 *   (a bill every 32 s, day and night). Fixed width keeps string order equal to serial order.
 * The longest number is 6 + 1 + 2 + 1 + 6 = 16 characters: exactly the Rule 46(b) limit.
 */

/** The most characters Rule 46(b) allows in an invoice number. */
export const INVOICE_NUMBER_MAX_LENGTH = 16;
/** The longest terminal series code that still fits the 16-character limit. */
export const INVOICE_SERIES_CODE_MAX_LENGTH = 6;
/** The highest serial a series can issue in one financial year. */
export const INVOICE_SERIAL_MAX = 999_999;
/** The earliest financial year (start year) a number can carry. */
export const INVOICE_FY_MIN = 2000;
/** The latest financial year (start year) a number can carry. */
export const INVOICE_FY_MAX = 2099;

const SERIAL_DIGITS = 6;
const SERIES_CODE_PATTERN = /^[A-Z0-9]{1,6}$/;
const RULE_46B_ALPHABET = /^[A-Za-z0-9/-]+$/;
const OUR_FORMAT = /^([A-Z0-9]{1,6})\/([0-9]{2})\/([0-9]{6})$/;

/** The parts an invoice number is made of. */
export type InvoiceNumberParts = {
  readonly seriesCode: string;
  readonly fy: FinancialYear;
  readonly serial: number;
};

/** The outcome of parsing an invoice number: its parts, or why it is not one of ours. */
export type InvoiceNumberParseResult =
  | { readonly ok: true; readonly value: InvoiceNumberParts }
  | { readonly ok: false; readonly code: InvoiceErrorCode };

/**
 * Whether a terminal series code is acceptable: 1–6 upper-case letters or digits.
 * @example
 * isValidInvoiceSeriesCode('BLR1T2'); // true
 * isValidInvoiceSeriesCode('blr-1'); // false
 */
export function isValidInvoiceSeriesCode(seriesCode: string): boolean {
  return SERIES_CODE_PATTERN.test(seriesCode);
}

/** Returns why the parts cannot be formatted, or null when they can. */
function partsProblem(parts: InvoiceNumberParts): InvoiceErrorCode | null {
  if (!isValidInvoiceSeriesCode(parts.seriesCode)) return 'INVOICE_SERIES_CODE_INVALID';
  if (!Number.isInteger(parts.fy) || parts.fy < INVOICE_FY_MIN || parts.fy > INVOICE_FY_MAX) {
    return 'INVOICE_FY_OUT_OF_RANGE';
  }
  if (!Number.isInteger(parts.serial) || parts.serial < 1 || parts.serial > INVOICE_SERIAL_MAX) {
    return 'INVOICE_SERIAL_OUT_OF_RANGE';
  }
  return null;
}

/**
 * Formats the parts as an invoice number; throws `InvoiceNumberError` when a part is out of range.
 * @example
 * formatInvoiceNumber({ seriesCode: 'BLR1T2', fy: 2025, serial: 42 }); // 'BLR1T2/25/000042'
 */
export function formatInvoiceNumber(parts: InvoiceNumberParts): string {
  const problem = partsProblem(parts);
  if (problem !== null) {
    throw new InvoiceNumberError(problem, `Cannot format invoice number parts: ${problem}.`);
  }
  const yy = String(parts.fy % 100).padStart(2, '0');
  const serial = String(parts.serial).padStart(SERIAL_DIGITS, '0');
  return `${parts.seriesCode}/${yy}/${serial}`;
}

/**
 * Checks any invoice number (ours or another system's) against CGST Rule 46(b): non-empty, at most
 * 16 characters, only letters, digits, `-` and `/`. Returns the problem, or null when it complies.
 * @example
 * validateInvoiceNumber('BLR1T2/25/000042'); // null
 * validateInvoiceNumber('BLR1T2/2025-26/000042'); // 'INVOICE_NUMBER_TOO_LONG'
 */
export function validateInvoiceNumber(invoiceNo: string): InvoiceErrorCode | null {
  if (invoiceNo.length === 0) return 'INVOICE_NUMBER_EMPTY';
  if (invoiceNo.length > INVOICE_NUMBER_MAX_LENGTH) return 'INVOICE_NUMBER_TOO_LONG';
  if (!RULE_46B_ALPHABET.test(invoiceNo)) return 'INVOICE_NUMBER_BAD_CHARACTERS';
  return null;
}

/**
 * Parses one of our invoice numbers into its parts. Only the canonical form that
 * `formatInvoiceNumber` writes is accepted (`BLR1T2/25/42` is refused), so one invoice has one text.
 * @example
 * parseInvoiceNumber('BLR1T2/25/000042');
 * // { ok: true, value: { seriesCode: 'BLR1T2', fy: 2025, serial: 42 } }
 */
export function parseInvoiceNumber(invoiceNo: string): InvoiceNumberParseResult {
  const ruleProblem = validateInvoiceNumber(invoiceNo);
  if (ruleProblem !== null) return { ok: false, code: ruleProblem };
  const match = OUR_FORMAT.exec(invoiceNo);
  if (match === null) return { ok: false, code: 'INVOICE_NUMBER_BAD_FORMAT' };
  const [, seriesCode = '', yy = '', serialText = ''] = match;
  const serial = Number(serialText);
  if (serial < 1) return { ok: false, code: 'INVOICE_SERIAL_OUT_OF_RANGE' };
  return { ok: true, value: { seriesCode, fy: INVOICE_FY_MIN + Number(yy), serial } };
}
