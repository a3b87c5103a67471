import { UnitsError } from './units-error';

/**
 * GS1 check digits (GS1 General Specifications §7.9). The EAN-13 check digit weights the first 12
 * digits 1,3,1,3,… from the left; the price/weight verifier digit of a variable-measure field
 * uses the special weighting factors 2-, 3, 5+ and 5- of §7.9.3, which catch more transposition
 * errors in the value than the plain check digit does.
 */

const DIGITS_ONLY = /^\d+$/;

/** Products of a digit with each special weighting factor (index = digit). */
const WEIGHT_2_MINUS: readonly number[] = [0, 2, 4, 6, 8, 9, 1, 3, 5, 7];
const WEIGHT_3: readonly number[] = [0, 3, 6, 9, 2, 5, 8, 1, 4, 7];
const WEIGHT_5_PLUS: readonly number[] = [0, 5, 1, 6, 2, 7, 3, 8, 4, 9];
const WEIGHT_5_MINUS: readonly number[] = [0, 5, 9, 4, 8, 3, 7, 2, 6, 1];

const FACTORS_4 = [WEIGHT_2_MINUS, WEIGHT_2_MINUS, WEIGHT_3, WEIGHT_5_MINUS];
const FACTORS_5 = [WEIGHT_5_PLUS, WEIGHT_2_MINUS, WEIGHT_5_MINUS, WEIGHT_5_PLUS, WEIGHT_2_MINUS];

function digitsOf(value: string, lengths: readonly number[], what: string): number[] {
  if (!DIGITS_ONLY.test(value) || !lengths.includes(value.length)) {
    throw new UnitsError(
      'MALFORMED_BARCODE',
      `${what} must be ${lengths.join(' or ')} digits, got "${value}".`,
      {
        value,
      },
    );
  }
  return Array.from(value, Number);
}

/**
 * The EAN-13 check digit for the first 12 digits.
 * @example
 * ean13CheckDigit('890100000001'); // 9
 */
export function ean13CheckDigit(first12: string): number {
  const digits = digitsOf(first12, [12], 'The EAN-13 body');
  const sum = digits.reduce((total, digit, index) => total + digit * (index % 2 === 0 ? 1 : 3), 0);
  return (10 - (sum % 10)) % 10;
}

/**
 * Whether a string is 13 digits with a correct EAN-13 check digit.
 * @example
 * isValidEan13('8901000000019'); // true
 * isValidEan13('8901000000018'); // false
 */
export function isValidEan13(code: string): boolean {
  return (
    code.length === 13 &&
    DIGITS_ONLY.test(code) &&
    ean13CheckDigit(code.slice(0, 12)) === Number(code[12])
  );
}

/**
 * The GS1 price/weight verifier digit of a 4- or 5-digit value field (§7.9.3).
 * @example
 * priceCheckDigit('2875'); // 9
 * priceCheckDigit('14685'); // 6
 */
export function priceCheckDigit(value: string): number {
  const digits = digitsOf(value, [4, 5], 'A price/weight field');
  const factors = digits.length === 4 ? FACTORS_4 : FACTORS_5;
  const sum = digits.reduce((total, digit, index) => total + (factors[index]?.[digit] ?? 0), 0);
  if (digits.length === 4) return (sum * 3) % 10;
  // The verifier digit is the one whose 5- product makes the sum a multiple of 10.
  return WEIGHT_5_MINUS.indexOf((10 - (sum % 10)) % 10);
}
