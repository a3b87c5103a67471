import { DEFAULT_LOCALE } from './format-money';
import { type NumberingSystem } from './scaled-decimal';

/** The time zone Indian stores keep their books in. */
export const DEFAULT_TIME_ZONE = 'Asia/Kolkata';

/** How to show a date or a moment. */
export type FormatDateOptions = {
  /** BCP 47 locale; default `en-IN`. */
  readonly locale?: string;
  /** `deva` for Devanagari digits. */
  readonly numberingSystem?: NumberingSystem;
  /** IANA zone an instant is shown in; default Asia/Kolkata. Ignored for plain `YYYY-MM-DD` dates. */
  readonly timeZone?: string;
  /** Intl date style; default `medium` (22 Sept 2025). */
  readonly dateStyle?: 'full' | 'long' | 'medium' | 'short';
};

const PLAIN_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function toDate(value: Date | string): { date: Date; isPlainDate: boolean } {
  if (typeof value !== 'string') return { date: value, isPlainDate: false };
  const plain = PLAIN_DATE.exec(value);
  if (plain !== null) {
    // A business date has no time zone: show that calendar day, whatever the device's zone.
    const [, year, month, day] = plain.map(Number);
    return { date: new Date(Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 1)), isPlainDate: true };
  }
  return { date: new Date(value), isPlainDate: false };
}

function dateTimeFormat(
  options: FormatDateOptions,
  isPlainDate: boolean,
  withTime: boolean,
): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(options.locale ?? DEFAULT_LOCALE, {
    dateStyle: options.dateStyle ?? 'medium',
    ...(withTime ? { timeStyle: 'short' as const } : {}),
    timeZone: isPlainDate ? 'UTC' : (options.timeZone ?? DEFAULT_TIME_ZONE),
    ...(options.numberingSystem === undefined ? {} : { numberingSystem: options.numberingSystem }),
  });
}

/**
 * Formats a calendar date (`YYYY-MM-DD`, shown as that day) or an instant (Date or ISO
 * timestamp, shown in `timeZone`) through Intl. Throws RangeError on an invalid date.
 * @example
 * formatDate('2025-09-22'); // '22 Sept 2025'
 * formatDate('2025-09-21T20:00:00.000Z'); // '22 Sept 2025' (already the 22nd in India)
 * formatDate('2025-09-22', { locale: 'hi-IN', numberingSystem: 'deva', dateStyle: 'long' }); // '२२ सितंबर २०२५'
 */
export function formatDate(value: Date | string, options: FormatDateOptions = {}): string {
  const { date, isPlainDate } = toDate(value);
  return dateTimeFormat(options, isPlainDate, false).format(date);
}

/**
 * Formats an instant with date and time (short time style) in `timeZone`.
 * @example
 * formatDateTime('2025-09-21T20:00:00.000Z'); // '22 Sept 2025, 1:30 am'
 */
export function formatDateTime(value: Date | string, options: FormatDateOptions = {}): string {
  const { date, isPlainDate } = toDate(value);
  return dateTimeFormat(options, isPlainDate, true).format(date);
}
