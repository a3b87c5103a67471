import { DEFAULT_LOCALE } from './format-money';
import { cachedNumberFormat, formatScaled, type NumberingSystem } from './scaled-decimal';

/** How to show a plain number. */
export type FormatNumberOptions = {
  /** BCP 47 locale; default `en-IN`. */
  readonly locale?: string;
  /** `deva` for Devanagari digits. */
  readonly numberingSystem?: NumberingSystem;
  /** The value is an integer count of 10^-scale (3 for kg held in grams); default 0. */
  readonly scale?: number;
  /** Drop trailing fraction zeros (1.250 → 1.25, 2.000 → 2); default false. */
  readonly trimZeros?: boolean;
  /** Whether to group digits; default true. */
  readonly useGrouping?: boolean;
};

/**
 * Formats an integer, or an exact decimal held as an integer with a scale, through Intl.
 * @example
 * formatNumber(1234567); // '12,34,567'
 * formatNumber(1250, { scale: 3 }); // '1.250'
 * formatNumber(1250, { scale: 3, trimZeros: true }); // '1.25'
 * formatNumber(42, { locale: 'hi-IN', numberingSystem: 'deva' }); // '४२'
 */
export function formatNumber(value: number | bigint, options: FormatNumberOptions = {}): string {
  if (typeof value === 'number' && !Number.isSafeInteger(value)) {
    throw new RangeError(
      `formatNumber takes integers (with a scale for decimals), got ${String(value)}.`,
    );
  }
  const scale = options.scale ?? 0;
  if (!Number.isInteger(scale) || scale < 0 || scale > 20) {
    throw new RangeError(`scale must be an integer from 0 to 20, got ${String(scale)}.`);
  }
  const formatter = cachedNumberFormat(options.locale ?? DEFAULT_LOCALE, {
    useGrouping: options.useGrouping ?? true,
    minimumFractionDigits: scale,
    maximumFractionDigits: scale,
    ...(options.numberingSystem === undefined ? {} : { numberingSystem: options.numberingSystem }),
  });
  return formatScaled(formatter, BigInt(value), scale, options.trimZeros ?? false);
}

/**
 * Formats a rate in basis points as a percentage, without trailing zeros.
 * @example
 * formatRateBp(1800); // '18%'
 * formatRateBp(25); // '0.25%'
 */
export function formatRateBp(
  rateBp: number,
  options: Omit<FormatNumberOptions, 'scale' | 'trimZeros'> = {},
): string {
  return `${formatNumber(rateBp, { ...options, scale: 2, trimZeros: true })}%`;
}
