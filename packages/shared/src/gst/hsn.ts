import { GstError } from './gst-error';

/**
 * HSN codes (Harmonised System of Nomenclature) classify goods on GST invoices: 4 digits
 * (heading), 6 (sub-heading) or 8 (tariff item). Which length an invoice must carry depends on
 * the seller's turnover (CBIC Notification 78/2020); this module only checks the form. Chapter
 * 00 does not exist; chapter 99 is services (SAC).
 */
const HSN_PATTERN = /^(?!00)\d{4}(?:\d{2}){0,2}$/;

/**
 * Whether a string is a well-formed HSN code of 4, 6 or 8 digits.
 * @example
 * isValidHsn('0401'); // true
 * isValidHsn('04011'); // false
 */
export function isValidHsn(code: string): boolean {
  return HSN_PATTERN.test(code);
}

/**
 * Throws `INVALID_HSN` unless the code is 4, 6 or 8 digits.
 * @example
 * assertHsn('21069020'); // ok
 */
export function assertHsn(code: string): void {
  if (!isValidHsn(code)) {
    throw new GstError('INVALID_HSN', `"${code}" is not an HSN code of 4, 6 or 8 digits.`, {
      hsn: code,
    });
  }
}
