import { type CurrencyCode, DEFAULT_CURRENCY } from './currency';
import { type MinorUnits, minorUnits } from './minor-units';
import { MoneyError } from './money-error';
import { multiplyDivide, type RoundingRule } from './rounding';

/** An amount of money: integer minor units in one currency. */
export type Money = { readonly amountMinor: MinorUnits; readonly currency: CurrencyCode };

/** Basis points in one whole: 10000 bp = 100 %. */
export const BASIS_POINTS_PER_UNIT = 10_000;

/**
 * Makes a Money value, checking the amount is a safe integer.
 * @example
 * money(12345); // ₹123.45: { amountMinor: 12345, currency: 'INR' }
 * money(500, 'JPY'); // ¥500
 */
export function money(amountMinor: number, currency: CurrencyCode = DEFAULT_CURRENCY): Money {
  return { amountMinor: minorUnits(amountMinor), currency };
}

/**
 * Zero in a currency.
 * @example
 * moneyZero('INR'); // { amountMinor: 0, currency: 'INR' }
 */
export function moneyZero(currency: CurrencyCode = DEFAULT_CURRENCY): Money {
  return money(0, currency);
}

function assertSameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) {
    throw new MoneyError('MIXED_CURRENCY', `Cannot combine ${a.currency} with ${b.currency}.`, {
      currencies: [a.currency, b.currency],
    });
  }
}

/**
 * a + b; throws `MIXED_CURRENCY` if the currencies differ, `NOT_SAFE_INTEGER` on overflow.
 * @example
 * moneyAdd(money(150), money(275)); // money(425)
 */
export function moneyAdd(a: Money, b: Money): Money {
  assertSameCurrency(a, b);
  return money(a.amountMinor + b.amountMinor, a.currency);
}

/**
 * a − b; throws `MIXED_CURRENCY` if the currencies differ.
 * @example
 * moneySubtract(money(500), money(725)); // money(-225)
 */
export function moneySubtract(a: Money, b: Money): Money {
  assertSameCurrency(a, b);
  return money(a.amountMinor - b.amountMinor, a.currency);
}

/**
 * −a.
 * @example
 * moneyNegate(money(100)); // money(-100)
 */
export function moneyNegate(a: Money): Money {
  return money(0 - a.amountMinor, a.currency);
}

/**
 * −1, 0 or 1 as a is less than, equal to or greater than b; throws `MIXED_CURRENCY`.
 * Usable as an `Array.prototype.sort` comparator.
 * @example
 * moneyCompare(money(100), money(250)); // -1
 */
export function moneyCompare(a: Money, b: Money): -1 | 0 | 1 {
  assertSameCurrency(a, b);
  if (a.amountMinor === b.amountMinor) return 0;
  return a.amountMinor < b.amountMinor ? -1 : 1;
}

/**
 * Whether two amounts are equal in the same currency (different currencies are never equal).
 * @example
 * moneyEquals(money(100), money(100)); // true
 */
export function moneyEquals(a: Money, b: Money): boolean {
  return a.currency === b.currency && a.amountMinor === b.amountMinor;
}

/**
 * Sum of amounts in one currency; an empty list sums to zero in `currency`.
 * Throws `MIXED_CURRENCY` when any amount is in another currency than the first (or `currency`).
 * @example
 * moneySum([money(100), money(250)]); // money(350)
 * moneySum([], 'JPY'); // money(0, 'JPY')
 */
export function moneySum(amounts: readonly Money[], currency?: CurrencyCode): Money {
  let total = moneyZero(currency ?? amounts[0]?.currency ?? DEFAULT_CURRENCY);
  for (const amount of amounts) total = moneyAdd(total, amount);
  return total;
}

/**
 * Amount × an integer quantity (pieces); exact.
 * @example
 * moneyMultiply(money(2999), 3); // money(8997)
 */
export function moneyMultiply(a: Money, quantity: number): Money {
  return { amountMinor: multiplyDivide(a.amountMinor, quantity, 1, 'down'), currency: a.currency };
}

/**
 * Amount × numerator / denominator, rounded by a named rule (no floats).
 * @example
 * moneyMultiplyRatio(money(1000), 1, 3, 'halfUp'); // money(333)
 * moneyMultiplyRatio(money(1000), 2, 3, 'down'); // money(666)
 */
export function moneyMultiplyRatio(
  a: Money,
  numerator: number,
  denominator: number,
  rule: RoundingRule,
): Money {
  return {
    amountMinor: multiplyDivide(a.amountMinor, numerator, denominator, rule),
    currency: a.currency,
  };
}

/**
 * Amount × a rate in basis points (1800 bp = 18 %), rounded by a named rule.
 * @example
 * moneyApplyRateBp(money(10000), 1800, 'halfUp'); // money(1800): 18 % of ₹100
 * moneyApplyRateBp(money(333), 250, 'halfEven'); // money(8): 8.325 rounds to 8
 */
export function moneyApplyRateBp(a: Money, rateBp: number, rule: RoundingRule): Money {
  return moneyMultiplyRatio(a, rateBp, BASIS_POINTS_PER_UNIT, rule);
}

/**
 * Whether an amount is zero.
 * @example
 * moneyIsZero(money(0)); // true
 */
export function moneyIsZero(a: Money): boolean {
  return a.amountMinor === 0;
}

/**
 * Whether an amount is below zero.
 * @example
 * moneyIsNegative(money(-1)); // true
 */
export function moneyIsNegative(a: Money): boolean {
  return a.amountMinor < 0;
}
