import { currencyInfo, type Money } from '../money/index';
import { cachedNumberFormat, formatScaled, type NumberingSystem } from './scaled-decimal';

/** How to show an amount of money. */
export type FormatMoneyOptions = {
  /** BCP 47 locale; default `en-IN` (₹1,23,456.78). `hi-IN` gives Hindi month names and symbols. */
  readonly locale?: string;
  /** `deva` prints Devanagari digits (₹१,२३,४५६.७८); default: the locale's own (Latin for hi-IN). */
  readonly numberingSystem?: NumberingSystem;
  /** Symbol (₹), narrow symbol, ISO code (INR) or name; default symbol. */
  readonly currencyDisplay?: 'symbol' | 'narrowSymbol' | 'code' | 'name';
  /** Whether to group digits (lakh/crore in en-IN); default true. */
  readonly useGrouping?: boolean;
};

/** Default locale for people-facing money: Indian English grouping, ₹1,23,456.78. */
export const DEFAULT_LOCALE = 'en-IN';

/**
 * Formats money from integer minor units through Intl, exactly, with all of the currency's
 * minor digits.
 * @example
 * formatMoney(money(12345678)); // '₹1,23,456.78'
 * formatMoney(money(-5)); // '-₹0.05'
 * formatMoney(money(12345678), { locale: 'hi-IN', numberingSystem: 'deva' }); // '₹१,२३,४५६.७८'
 * formatMoney(money(1500, 'KWD')); // 'KWD 1.500' (with a no-break space)
 */
export function formatMoney(amount: Money, options: FormatMoneyOptions = {}): string {
  const { minorDigits } = currencyInfo(amount.currency);
  const formatter = cachedNumberFormat(options.locale ?? DEFAULT_LOCALE, {
    style: 'currency',
    currency: amount.currency,
    currencyDisplay: options.currencyDisplay ?? 'symbol',
    useGrouping: options.useGrouping ?? true,
    minimumFractionDigits: minorDigits,
    maximumFractionDigits: minorDigits,
    ...(options.numberingSystem === undefined ? {} : { numberingSystem: options.numberingSystem }),
  });
  return formatScaled(formatter, BigInt(amount.amountMinor), minorDigits, false);
}
