/**
 * Calendar dates and instants as the wire carries them. A regular expression alone lets through
 * `2026-02-30` and `0000-00-00`, which JavaScript quietly rolls over (to 2 March) and Postgres
 * refuses with an error, so every date is also checked against the calendar here.
 */

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days in `month` (1–12) of `year` in the proleptic Gregorian calendar. */
function daysInMonth(year: number, month: number): number {
  if (month === 2) {
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    return leap ? 29 : 28;
  }
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * Whether `text` is a real calendar date `YYYY-MM-DD` in years 0001–9999 (the range both
 * JavaScript and Postgres `date` hold).
 * @example isCalendarDate('2028-02-29') // true
 * @example isCalendarDate('2026-02-30') // false
 */
export function isCalendarDate(text: string): boolean {
  const match = DATE_PATTERN.exec(text);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/**
 * Whether `text` is an instant exactly as `Date.prototype.toISOString` writes it
 * (`YYYY-MM-DDTHH:mm:ss.sssZ`), on a real calendar day and clock time.
 * @example isIsoTimestamp('2026-04-01T04:30:00.000Z') // true
 * @example isIsoTimestamp('2026-02-30T04:30:00.000Z') // false
 */
export function isIsoTimestamp(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(text)) return false;
  const ms = Date.parse(text);
  // Date.parse rolls impossible days and hours over instead of refusing them: compare back.
  return Number.isFinite(ms) && new Date(ms).toISOString() === text;
}

/**
 * Whether an RFC 3339 date-time with any offset (`z.iso.datetime({ offset: true })` shapes) names
 * a real calendar day and clock time. The date part is checked against the calendar, the time
 * part by range; a leap second (`:60`) is refused as Postgres does.
 * @example isRealDateTime('2026-04-01T10:00:00+05:30') // true
 * @example isRealDateTime('2026-02-30T10:00:00Z') // false
 */
export function isRealDateTime(text: string): boolean {
  const match =
    /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i.exec(text);
  if (!match?.[1] || !isCalendarDate(match[1])) return false;
  const hours = Number(match[2]);
  const minutes = Number(match[3]);
  const seconds = Number(match[4] ?? 0);
  return hours <= 23 && minutes <= 59 && seconds <= 59;
}
