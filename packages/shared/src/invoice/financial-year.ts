import { InvoiceNumberError } from './invoice-error';

/**
 * Indian financial years run 1 April – 31 March in India Standard Time. IST is a fixed UTC+05:30
 * with no daylight saving, so the offset is plain integer arithmetic on epoch milliseconds and no
 * `Intl` time-zone data is needed (the terminal may run with any system time zone).
 */
const IST_OFFSET_MS = (5 * 60 + 30) * 60 * 1000;
const APRIL = 3; // zero-based month index, as Date uses

/** A financial year, named by the calendar year it starts in: 2025 is FY 2025-26 (1 Apr 2025 – 31 Mar 2026). */
export type FinancialYear = number;

function epochMsOf(date: Date): number {
  const ms = date.getTime();
  if (!Number.isFinite(ms)) {
    throw new InvoiceNumberError('INVOICE_DATE_INVALID', 'The date is not a valid point in time.');
  }
  return ms;
}

/**
 * The Indian financial year (April–March, in India time) that a point in time falls in.
 * @example
 * financialYearOf(new Date('2026-03-31T18:29:59.999Z')); // 2025 (23:59:59.999 IST on 31 March)
 * financialYearOf(new Date('2026-03-31T18:30:00.000Z')); // 2026 (00:00 IST on 1 April)
 */
export function financialYearOf(date: Date): FinancialYear {
  const ist = new Date(epochMsOf(date) + IST_OFFSET_MS);
  const year = ist.getUTCFullYear();
  return ist.getUTCMonth() >= APRIL ? year : year - 1;
}

/**
 * The first instant of a financial year: 1 April, 00:00 India time.
 * @example
 * financialYearStart(2025).toISOString(); // '2025-03-31T18:30:00.000Z'
 */
export function financialYearStart(fy: FinancialYear): Date {
  const midnightUtc = new Date(0);
  midnightUtc.setUTCFullYear(fy, APRIL, 1); // unlike Date.UTC, does not map years 0–99 to 19xx
  return new Date(midnightUtc.getTime() - IST_OFFSET_MS);
}

/**
 * The usual printed label of a financial year.
 * @example
 * financialYearLabel(2025); // '2025-26'
 */
export function financialYearLabel(fy: FinancialYear): string {
  return `${fy}-${String((fy + 1) % 100).padStart(2, '0')}`;
}
