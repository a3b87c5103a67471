import { MoneyError } from './money-error';

/**
 * An integer amount in a currency's minor units (paise for INR). Branded so that only
 * `minorUnits()` (which checks) can make one: every amount is a safe integer, checked once where made.
 */
export type MinorUnits = number & { readonly __brand: 'MinorUnits' };

/**
 * Checks that a number is a safe integer and brands it as minor units; throws `NOT_SAFE_INTEGER`.
 * Beyond 2^53 − 1 integers stop being exact, and any fraction of a paisa is a bug upstream.
 * @example
 * minorUnits(12345); // 12345 as MinorUnits (₹123.45)
 * minorUnits(1.5); // throws MoneyError NOT_SAFE_INTEGER
 */
export function minorUnits(value: number): MinorUnits {
  if (!Number.isSafeInteger(value)) {
    throw new MoneyError(
      'NOT_SAFE_INTEGER',
      `${String(value)} is not a safe integer amount of minor units.`,
      { value: String(value) },
    );
  }
  // -0 would print as "-₹0.00"; an amount has no sign of zero.
  return (value === 0 ? 0 : value) as MinorUnits;
}

/**
 * Converts a BigInt intermediate result back to checked minor units.
 * @example
 * minorUnitsFromBigInt(250n); // 250
 */
export function minorUnitsFromBigInt(value: bigint): MinorUnits {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < -BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new MoneyError('NOT_SAFE_INTEGER', `${value.toString()} minor units is out of range.`, {
      value: value.toString(),
    });
  }
  return minorUnits(Number(value));
}

/**
 * Whether a value is usable as minor units (a safe integer).
 * @example
 * isMinorUnits(100); // true
 * isMinorUnits(0.1); // false
 */
export function isMinorUnits(value: unknown): value is MinorUnits {
  return typeof value === 'number' && Number.isSafeInteger(value);
}
