import { z } from 'zod';
import { calendarDateSchema, isoInstantSchema } from '../input/input-schemas';

/**
 * Field schemas shared by the replicated documents. Amounts are integer minor units, quantities
 * integer base units; both are bounded by MAX_SAFE_INTEGER so they never lose precision in JSON.
 */

/** An integer amount in minor units (paise for INR); may be negative on corrections. */
export const minorSchema = z
  .number()
  .int()
  .min(-Number.MAX_SAFE_INTEGER)
  .max(Number.MAX_SAFE_INTEGER);

/** A non-negative integer amount in minor units. */
export const nonNegativeMinorSchema = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/** An integer quantity in base units (pieces, grams, millilitres). */
export const qtyBaseSchema = z
  .number()
  .int()
  .min(-Number.MAX_SAFE_INTEGER)
  .max(Number.MAX_SAFE_INTEGER);

/** A rate in basis points (1 % = 100 bp). */
export const rateBpSchema = z.number().int().min(0).max(100_000);

/** An ISO 4217 currency code. */
export const currencySchema = z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as INR');

/**
 * An ISO-8601 UTC timestamp with milliseconds, as made by `Date.prototype.toISOString`, on a real
 * calendar day and clock time.
 */
export const isoTimestampSchema = isoInstantSchema;

/** A calendar date `YYYY-MM-DD` that exists (no 30 February, no year 0000). */
export const isoDateSchema = calendarDateSchema;

/**
 * A server-made reference-data id (product, store, region …): opaque, but limited to characters that
 * need no escaping in logs and CSV. URL-significant characters are allowed; clients must encode them.
 */
export const refIdSchema = z
  .string()
  .min(1)
  .max(64)
  // eslint-disable-next-line no-control-regex -- control characters are what this pattern keeps out
  .regex(/^[^\s\u0000-\u001f|]+$/, 'no spaces, control characters or |');

/** A client-made fact id: a lowercase UUID (UUIDv7 by convention). */
export const factIdSchema = z
  .string()
  .max(36)
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'a lowercase UUID');

/** A name in English and Hindi. */
export const bilingualNameSchema = z.object({
  en: z.string().min(1).max(200),
  hi: z.string().max(200),
});

/** RxDB's deletion flag, carried by every replicated document. */
export const deletedSchema = z.boolean();

/** The base units a quantity can be kept in. */
export const baseUnitSchema = z.enum(['piece', 'g', 'ml']);
