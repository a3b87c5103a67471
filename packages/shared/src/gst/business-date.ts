import { GstError } from './gst-error';

/** The zone Indian stores date their bills in (one zone for the whole country). */
export const INDIA_TIME_ZONE = 'Asia/Kolkata';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Whether a string is a real calendar date `YYYY-MM-DD` (2025-02-30 is not).
 * @example
 * isIsoDate('2025-09-22'); // true
 * isIsoDate('2025-02-30'); // false
 */
export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (match === null) return false;
  const [, year, month, day] = match.map(Number);
  const date = new Date(Date.UTC(year ?? 0, (month ?? 0) - 1, day ?? 0));
  return date.toISOString().slice(0, 10) === value;
}

/**
 * Throws `INVALID_DATE` unless the value is a real `YYYY-MM-DD` date.
 * @example
 * assertIsoDate('2025-09-22'); // ok
 */
export function assertIsoDate(value: string, what = 'date'): void {
  if (!isIsoDate(value)) {
    throw new GstError('INVALID_DATE', `The ${what} "${value}" is not a date YYYY-MM-DD.`, {
      [what]: value,
    });
  }
}

/**
 * The calendar date of an instant in a time zone: the date a bill carries and its tax rates
 * are looked up by (a sale at 00:30 IST on 22 Sept 2025 is under the new rates, although it is
 * still the 21st in UTC).
 * @example
 * businessDate(new Date('2025-09-21T19:00:00Z')); // '2025-09-22'
 */
export function businessDate(instant: Date, timeZone: string = INDIA_TIME_ZONE): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(instant);
  const get = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((part) => part.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}
