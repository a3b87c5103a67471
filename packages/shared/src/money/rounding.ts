import { type MinorUnits, minorUnitsFromBigInt } from './minor-units';
import { MoneyError } from './money-error';

/**
 * Named rounding rules for an integer division `numerator / denominator`. All are symmetric
 * about zero, so a refund rounds to exactly the negative of the sale it reverses:
 * - `halfUp`: to nearest, ties away from zero (2.5 → 3, −2.5 → −3); the commercial default.
 * - `halfEven`: to nearest, ties to the even neighbour (2.5 → 2, 3.5 → 4); banker's rounding.
 * - `down`: toward zero (truncate).
 * - `up`: away from zero.
 */
export type RoundingRule = 'halfUp' | 'halfEven' | 'down' | 'up';

/** Every rounding rule, for exhaustive tests and settings screens. */
export const ROUNDING_RULES: readonly RoundingRule[] = ['halfUp', 'halfEven', 'down', 'up'];

/**
 * Divides two integers and rounds the quotient by a named rule, exactly (BigInt, no floats).
 * @example
 * divideRounded(5n, 2n, 'halfUp'); // 3n
 * divideRounded(5n, 2n, 'halfEven'); // 2n
 * divideRounded(-5n, 2n, 'down'); // -2n
 */
export function divideRounded(numerator: bigint, denominator: bigint, rule: RoundingRule): bigint {
  if (denominator === 0n) {
    throw new MoneyError('DIVISION_BY_ZERO', 'Cannot divide by zero.', {
      numerator: numerator.toString(),
    });
  }
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const quotient = n / d;
  const twiceRemainder = (n % d) * 2n;
  let magnitude = quotient;
  if (twiceRemainder !== 0n) {
    const roundsAway =
      rule === 'up' ||
      (rule === 'halfUp' && twiceRemainder >= d) ||
      (rule === 'halfEven' &&
        (twiceRemainder > d || (twiceRemainder === d && quotient % 2n === 1n)));
    if (roundsAway) magnitude += 1n;
  }
  return negative ? -magnitude : magnitude;
}

/**
 * `numerator / denominator` rounded to nearest, ties away from zero.
 * @example
 * roundHalfUp(25n, 10n); // 3n
 * roundHalfUp(-25n, 10n); // -3n
 */
export function roundHalfUp(numerator: bigint, denominator: bigint): bigint {
  return divideRounded(numerator, denominator, 'halfUp');
}

/**
 * `numerator / denominator` rounded to nearest, ties to even.
 * @example
 * roundHalfEven(25n, 10n); // 2n
 * roundHalfEven(35n, 10n); // 4n
 */
export function roundHalfEven(numerator: bigint, denominator: bigint): bigint {
  return divideRounded(numerator, denominator, 'halfEven');
}

/**
 * `numerator / denominator` rounded toward zero.
 * @example
 * roundDown(29n, 10n); // 2n
 * roundDown(-29n, 10n); // -2n
 */
export function roundDown(numerator: bigint, denominator: bigint): bigint {
  return divideRounded(numerator, denominator, 'down');
}

/**
 * `numerator / denominator` rounded away from zero.
 * @example
 * roundUp(21n, 10n); // 3n
 * roundUp(-21n, 10n); // -3n
 */
export function roundUp(numerator: bigint, denominator: bigint): bigint {
  return divideRounded(numerator, denominator, 'up');
}

/**
 * `a × b / c` with a named rounding, computed in BigInt so the product may exceed 2^53; the
 * result must fit in a safe integer. The workhorse of price × quantity and amount × rate.
 * @example
 * multiplyDivide(1250, 6000, 1000, 'halfUp'); // 7500: 1250 g at ₹60.00/kg is ₹75.00
 * multiplyDivide(11800, 10000, 11800, 'halfUp'); // 10000
 */
export function multiplyDivide(a: number, b: number, c: number, rule: RoundingRule): MinorUnits {
  for (const [name, value] of [
    ['a', a],
    ['b', b],
    ['c', c],
  ] as const) {
    if (!Number.isSafeInteger(value)) {
      throw new MoneyError(
        'NOT_SAFE_INTEGER',
        `${name} = ${String(value)} is not a safe integer.`,
        {
          [name]: String(value),
        },
      );
    }
  }
  return minorUnitsFromBigInt(divideRounded(BigInt(a) * BigInt(b), BigInt(c), rule));
}
