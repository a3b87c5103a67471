import { z } from 'zod';
import { isCalendarDate, isIsoTimestamp, isRealDateTime } from './calendar-date';
import { isWellFormedText } from './well-formed-text';

/**
 * The zod building blocks for what clients send: dates on the calendar, text the database can
 * hold, integers inside stated bounds. Request schemas in every app are made of these, so a value
 * that would fail in Postgres fails validation first and answers 400, never 500.
 */

/** A real calendar date `YYYY-MM-DD` (years 0001–9999). */
export const calendarDateSchema = z
  .string()
  .length(10)
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD')
  .refine(isCalendarDate, 'not a date on the calendar');

/** An instant as `Date.prototype.toISOString` writes it, on a real day and time. */
export const isoInstantSchema = z
  .string()
  .length(24)
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/, 'an ISO timestamp')
  .refine(isIsoTimestamp, 'not a real date and time');

/** An RFC 3339 date-time with `Z` or an offset, on a real day and time. */
export const dateTimeSchema = z.iso
  .datetime({ offset: true })
  .refine(isRealDateTime, 'not a real date and time');

/** Text of `min`–`max` characters without U+0000 or unpaired surrogates. */
export function textSchema(bounds: { min?: number; max: number }) {
  return z
    .string()
    .min(bounds.min ?? 0)
    .max(bounds.max)
    .refine(isWellFormedText, 'contains U+0000 or an unpaired surrogate');
}

/** An integer in `[min, max]`; both bounds must be safe integers so JSON never loses precision. */
export function boundedIntSchema(min: number, max: number) {
  return z.number().int().min(min).max(max);
}

/**
 * An integer in `[min, max]` written in a query string in plain decimal: `1e3`, `0x10`, ` 5` and
 * `1.0` are refused rather than coerced, so one value has one spelling.
 */
export function queryIntSchema(min: number, max: number) {
  return z
    .string()
    .regex(/^-?\d{1,16}$/, 'a whole number in decimal digits')
    .transform(Number)
    .pipe(boundedIntSchema(min, max));
}
