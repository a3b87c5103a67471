import { type CurrencyCode, currencyInfo } from './currency';
import { type MinorUnits, minorUnits } from './minor-units';
import { divideRounded, type RoundingRule } from './rounding';

/** A payable total after cash rounding, and the round-off line that got it there. */
export type CashRounded = {
  /** The rounded payable amount, a multiple of the increment. */
  readonly totalMinor: MinorUnits;
  /** rounded − unrounded: positive when the customer pays a little more, negative when less. */
  readonly roundOffMinor: MinorUnits;
};

/**
 * Rounds an amount to a multiple of `incrementMinor` (default: the currency's cash increment,
 * 100 paise for INR) by a named rule (default half up, so ₹10.50 → ₹11, ₹10.49 → ₹10).
 * @example
 * cashRound(105050, 'INR'); // { totalMinor: 105100, roundOffMinor: 50 }
 * cashRound(105049, 'INR'); // { totalMinor: 105000, roundOffMinor: -49 }
 * cashRound(1234, 'JPY'); // { totalMinor: 1234, roundOffMinor: 0 }
 */
export function cashRound(
  amountMinor: number,
  currency: CurrencyCode,
  rule: RoundingRule = 'halfUp',
  incrementMinor: number = currencyInfo(currency).cashIncrementMinor,
): CashRounded {
  const amount = minorUnits(amountMinor);
  const increment = BigInt(minorUnits(incrementMinor));
  const totalMinor = minorUnits(Number(divideRounded(BigInt(amount), increment, rule) * increment));
  return { totalMinor, roundOffMinor: minorUnits(totalMinor - amount) };
}
