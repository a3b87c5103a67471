import { z } from 'zod';
import { MoneyError } from './money-error';

/**
 * ISO 4217 minor-unit digits of the currencies Kiryana may meet, and the smallest amount that
 * changes hands in cash (`cashIncrementMinor`), used to round a bill's payable total. India rounds
 * retail bills to the whole rupee (the 50-paise coin is legal tender but not used at the counter);
 * where the cash step is not a settled fact here it is 1 (no cash rounding) until a store sets it.
 */
const CURRENCY_TABLE = {
  INR: { minorDigits: 2, cashIncrementMinor: 100 },
  USD: { minorDigits: 2, cashIncrementMinor: 1 },
  EUR: { minorDigits: 2, cashIncrementMinor: 1 },
  GBP: { minorDigits: 2, cashIncrementMinor: 1 },
  JPY: { minorDigits: 0, cashIncrementMinor: 1 },
  KRW: { minorDigits: 0, cashIncrementMinor: 1 },
  VND: { minorDigits: 0, cashIncrementMinor: 1 },
  CLP: { minorDigits: 0, cashIncrementMinor: 1 },
  ISK: { minorDigits: 0, cashIncrementMinor: 1 },
  UGX: { minorDigits: 0, cashIncrementMinor: 1 },
  KWD: { minorDigits: 3, cashIncrementMinor: 1 },
  BHD: { minorDigits: 3, cashIncrementMinor: 1 },
  OMR: { minorDigits: 3, cashIncrementMinor: 1 },
  JOD: { minorDigits: 3, cashIncrementMinor: 1 },
  TND: { minorDigits: 3, cashIncrementMinor: 1 },
  AED: { minorDigits: 2, cashIncrementMinor: 1 },
  SAR: { minorDigits: 2, cashIncrementMinor: 1 },
  QAR: { minorDigits: 2, cashIncrementMinor: 1 },
  SGD: { minorDigits: 2, cashIncrementMinor: 1 },
  MYR: { minorDigits: 2, cashIncrementMinor: 1 },
  THB: { minorDigits: 2, cashIncrementMinor: 1 },
  IDR: { minorDigits: 2, cashIncrementMinor: 1 },
  CNY: { minorDigits: 2, cashIncrementMinor: 1 },
  HKD: { minorDigits: 2, cashIncrementMinor: 10 },
  AUD: { minorDigits: 2, cashIncrementMinor: 5 },
  NZD: { minorDigits: 2, cashIncrementMinor: 10 },
  CAD: { minorDigits: 2, cashIncrementMinor: 5 },
  CHF: { minorDigits: 2, cashIncrementMinor: 5 },
  SEK: { minorDigits: 2, cashIncrementMinor: 100 },
  NOK: { minorDigits: 2, cashIncrementMinor: 100 },
  DKK: { minorDigits: 2, cashIncrementMinor: 50 },
  ZAR: { minorDigits: 2, cashIncrementMinor: 1 },
  LKR: { minorDigits: 2, cashIncrementMinor: 1 },
  NPR: { minorDigits: 2, cashIncrementMinor: 1 },
  BDT: { minorDigits: 2, cashIncrementMinor: 1 },
  PKR: { minorDigits: 2, cashIncrementMinor: 1 },
  BTN: { minorDigits: 2, cashIncrementMinor: 1 },
} as const satisfies Record<string, CurrencyInfo>;

/** What a currency's amounts look like: ISO 4217 minor-unit digits and the cash rounding step. */
export type CurrencyInfo = {
  /** Digits after the decimal point (INR 2, JPY 0, KWD 3). */
  readonly minorDigits: number;
  /** Smallest cash amount in minor units; bill totals paid in cash round to a multiple of it. */
  readonly cashIncrementMinor: number;
};

/** An ISO 4217 currency code Kiryana knows the minor units of. */
export type CurrencyCode = keyof typeof CURRENCY_TABLE;

/** The currency used when none is given: Indian rupee. */
export const DEFAULT_CURRENCY: CurrencyCode = 'INR';

/** Every known currency code. */
export const CURRENCY_CODES = Object.keys(CURRENCY_TABLE) as CurrencyCode[];

/** zod schema accepting only known ISO 4217 codes. */
export const currencyCodeSchema = z.enum(CURRENCY_CODES as [CurrencyCode, ...CurrencyCode[]]);

/**
 * Whether a string is a known ISO 4217 code.
 * @example
 * isCurrencyCode('INR'); // true
 * isCurrencyCode('inr'); // false
 */
export function isCurrencyCode(value: string): value is CurrencyCode {
  return Object.hasOwn(CURRENCY_TABLE, value);
}

/**
 * Narrows a string to a known currency code, throwing `UNKNOWN_CURRENCY` otherwise.
 * @example
 * parseCurrencyCode('KWD'); // 'KWD'
 */
export function parseCurrencyCode(value: string): CurrencyCode {
  if (!isCurrencyCode(value)) {
    throw new MoneyError('UNKNOWN_CURRENCY', `"${value}" is not a known ISO 4217 currency code.`, {
      currency: value,
    });
  }
  return value;
}

/**
 * The minor-unit facts of a currency.
 * @example
 * currencyInfo('JPY'); // { minorDigits: 0, cashIncrementMinor: 1 }
 */
export function currencyInfo(currency: CurrencyCode): CurrencyInfo {
  return CURRENCY_TABLE[currency];
}

/**
 * Minor units in one major unit: 10 ** minorDigits.
 * @example
 * minorPerMajor('INR'); // 100
 * minorPerMajor('KWD'); // 1000
 */
export function minorPerMajor(currency: CurrencyCode): number {
  return 10 ** CURRENCY_TABLE[currency].minorDigits;
}
