import { type CurrencyCode, currencyInfo, DEFAULT_CURRENCY } from './currency';
import { type MinorUnits, minorUnitsFromBigInt } from './minor-units';
import { type Money } from './money';
import { MoneyError } from './money-error';

/**
 * Parses what a person types or a supplier file holds ("1,23,456.78", "₹ 99.5", "-Rs. 20",
 * "१२३.४५") into minor units by string manipulation only: a float never sees the amount, so
 * "1.005" is 100.5 paise (refused), never 100.49999….
 *
 * Accepted: surrounding spaces; a leading minus (ASCII or U+2212) before or after the currency
 * symbol; the currency's ISO code, symbol or (for INR) "Rs"/"Rs."; Devanagari digits; grouping
 * commas in Indian (1,23,456) or Western (123,456) style in the integer part only; at most the
 * currency's minor-unit digits after the point (extra trailing zeros are fine).
 */

const DEVANAGARI_ZERO = 0x0966;
const EXTRA_SYMBOLS: Partial<Record<CurrencyCode, readonly string[]>> = {
  INR: ['rs.', 'rs', '₹', 'रु', 'रु.'],
};
const AMOUNT_PATTERN = /^(\d+|\d{1,3}(?:,\d{3})+|\d{1,2}(?:,\d{2})+,\d{3})?(?:\.(\d*))?$/;

const symbolCache = new Map<CurrencyCode, readonly string[]>();

function symbolsFor(currency: CurrencyCode): readonly string[] {
  const cached = symbolCache.get(currency);
  if (cached !== undefined) return cached;
  const symbols = new Set<string>([currency.toLowerCase(), ...(EXTRA_SYMBOLS[currency] ?? [])]);
  for (const currencyDisplay of ['symbol', 'narrowSymbol'] as const) {
    const parts = new Intl.NumberFormat('en-IN', {
      style: 'currency',
      currency,
      currencyDisplay,
    }).formatToParts(0);
    const symbol = parts.find((part) => part.type === 'currency')?.value;
    if (symbol !== undefined) symbols.add(symbol.toLowerCase());
  }
  // Longest first, so "rs." is stripped before "rs".
  const sorted = [...symbols].sort((a, b) => b.length - a.length);
  symbolCache.set(currency, sorted);
  return sorted;
}

function toAsciiDigits(text: string): string {
  return text.replace(/[\u0966-\u096f]/g, (digit) => String(digit.charCodeAt(0) - DEVANAGARI_ZERO));
}

function invalid(input: string, reason: string, currency: CurrencyCode): MoneyError {
  return new MoneyError(
    'INVALID_AMOUNT',
    `"${input}" is not an amount of ${currency}: ${reason}.`,
    {
      input,
      currency,
    },
  );
}

/**
 * Parses a user-typed amount into minor units of `currency`; throws `INVALID_AMOUNT`.
 * @example
 * parseMinorUnits('1,23,456.78'); // 12345678
 * parseMinorUnits('₹ 99.5'); // 9950
 * parseMinorUnits('-12', 'KWD'); // -12000
 */
export function parseMinorUnits(
  input: string,
  currency: CurrencyCode = DEFAULT_CURRENCY,
): MinorUnits {
  const symbols = symbolsFor(currency);
  let text = toAsciiDigits(input.replace(/\s+/g, ''))
    .toLowerCase()
    .replace(/\u2212/g, '-');
  let negative = text.startsWith('-');
  if (negative) text = text.slice(1);
  const prefix = symbols.find((symbol) => text.startsWith(symbol));
  if (prefix !== undefined) {
    text = text.slice(prefix.length);
    if (!negative && text.startsWith('-')) {
      negative = true;
      text = text.slice(1);
    }
  } else {
    const suffix = symbols.find((symbol) => text.endsWith(symbol));
    if (suffix !== undefined) text = text.slice(0, -suffix.length);
  }

  const match = AMOUNT_PATTERN.exec(text);
  const integerPart = (match?.[1] ?? '').replace(/,/g, '');
  const fractionPart = match?.[2] ?? '';
  if (match === null || (integerPart === '' && fractionPart === '')) {
    throw invalid(
      input,
      'expected digits with optional grouping commas and decimal point',
      currency,
    );
  }
  const { minorDigits } = currencyInfo(currency);
  const significantFraction = fractionPart.replace(/0+$/, '');
  if (significantFraction.length > minorDigits) {
    throw invalid(input, `${currency} has ${minorDigits} decimal places`, currency);
  }
  const digits =
    (integerPart === '' ? '0' : integerPart) + significantFraction.padEnd(minorDigits, '0');
  try {
    const magnitude = BigInt(digits);
    return minorUnitsFromBigInt(negative ? -magnitude : magnitude);
  } catch {
    throw invalid(input, 'too large', currency);
  }
}

/**
 * Parses a user-typed amount into Money; throws `INVALID_AMOUNT`.
 * @example
 * parseMoney('₹ 99.5'); // money(9950, 'INR')
 * parseMoney('1,000', 'JPY'); // money(1000, 'JPY')
 */
export function parseMoney(input: string, currency: CurrencyCode = DEFAULT_CURRENCY): Money {
  return { amountMinor: parseMinorUnits(input, currency), currency };
}
