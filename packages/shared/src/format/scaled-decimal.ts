/**
 * Formats an exact scaled integer (`units / 10^scale`) through Intl without ever building a
 * float with a fraction: Intl formats the whole part (as a BigInt, so exact) and supplies the
 * sign, grouping, symbol and decimal separator; the fraction digits are cut from the integer by
 * string math and transliterated into the locale's digits. This keeps en-IN lakh/crore grouping
 * and Devanagari digits while making ₹0.10 + ₹0.20 print as ₹0.30, not ₹0.30000000000000004.
 */

/** Numbering systems the UI offers: Latin digits or Devanagari digits (०१२…). */
export type NumberingSystem = 'latn' | 'deva';

const formatterCache = new Map<string, Intl.NumberFormat>();
const digitCache = new Map<string, readonly string[]>();

/**
 * A cached Intl.NumberFormat: building one costs far more than using it, and a bill formats hundreds.
 * @example
 * cachedNumberFormat('en-IN', { style: 'currency', currency: 'INR' }).format(5); // '₹5.00'
 */
export function cachedNumberFormat(
  locale: string,
  options: Intl.NumberFormatOptions,
): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let formatter = formatterCache.get(key);
  if (formatter === undefined) {
    formatter = new Intl.NumberFormat(locale, options);
    formatterCache.set(key, formatter);
  }
  return formatter;
}

function digitsOf(formatter: Intl.NumberFormat): readonly string[] {
  const { locale, numberingSystem } = formatter.resolvedOptions();
  const key = `${locale}|${numberingSystem}`;
  let digits = digitCache.get(key);
  if (digits === undefined) {
    const glyphs = cachedNumberFormat(locale, { numberingSystem, useGrouping: false }).format(
      9876543210,
    );
    // Array.from splits by code point: some numbering systems have digits outside the BMP.
    digits = Array.from(glyphs).reverse();
    digitCache.set(key, digits);
  }
  return digits;
}

/**
 * Formats `units / 10^scale` exactly with a formatter whose fraction digits equal `scale`;
 * `trimZeros` drops trailing fraction zeros (and the separator when none remain).
 * @example
 * formatScaled(cachedNumberFormat('en-IN', { minimumFractionDigits: 2, maximumFractionDigits: 2 }), -5n, 2, false); // '-0.05'
 */
export function formatScaled(
  formatter: Intl.NumberFormat,
  units: bigint,
  scale: number,
  trimZeros: boolean,
): string {
  const negative = units < 0n;
  const magnitude = negative ? -units : units;
  const divisor = 10n ** BigInt(scale);
  const whole = magnitude / divisor;
  // -0 keeps the minus sign on amounts smaller than one major unit (BigInt has no -0).
  const wholeValue: number | bigint = negative ? (whole === 0n ? -0 : -whole) : whole;
  let fraction = scale === 0 ? '' : (magnitude % divisor).toString().padStart(scale, '0');
  if (trimZeros) fraction = fraction.replace(/0+$/, '');
  const digits = digitsOf(formatter);
  const localFraction = fraction.replace(/\d/g, (digit) => digits[Number(digit)] ?? digit);
  return formatter
    .formatToParts(wholeValue)
    .filter((part) => fraction !== '' || (part.type !== 'decimal' && part.type !== 'fraction'))
    .map((part) => (part.type === 'fraction' ? localFraction : part.value))
    .join('');
}
