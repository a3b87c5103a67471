/**
 * Conversions of column values that the two drivers may hand over differently: timestamptz as a
 * Date (node-postgres, PGlite), dates as 'YYYY-MM-DD' text (our type parsers), int8 as numbers.
 */

/** A timestamptz column as the documents' ISO-8601 UTC form with milliseconds. */
export function isoTimestamp(value: Date | string): string {
  return (value instanceof Date ? value : new Date(value)).toISOString();
}

/** An int column that must be a safe integer (int8 columns are parsed to numbers by our drivers). */
export function intOf(value: number | string): number {
  const number = typeof value === 'number' ? value : Number(value);
  if (!Number.isSafeInteger(number)) throw new RangeError(`not a safe integer: ${String(value)}`);
  return number;
}
