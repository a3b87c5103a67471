import { type MinorUnits, minorUnits, minorUnitsFromBigInt } from './minor-units';
import { type Money } from './money';
import { MoneyError } from './money-error';

/**
 * Largest-remainder allocation (Hamilton's method). Each part first gets the floor of its exact
 * share `total × weight / Σweights`; the paise left over (fewer than the number of parts) go one
 * each to the parts with the largest remainders, ties to the lower index. So the parts always add
 * up to the total, each part is within one paisa of its exact share, and the result depends only
 * on the inputs (never on iteration order of a sort that is not stable).
 * A negative total is allocated as the negative of allocating its magnitude, so a refund mirrors
 * its sale.
 */

function checkedWeights(weights: readonly number[]): bigint[] {
  if (weights.length === 0) {
    throw new MoneyError('INVALID_WEIGHTS', 'Cannot allocate over zero parts.', { weights: [] });
  }
  return weights.map((weight, index) => {
    if (!Number.isSafeInteger(weight) || weight < 0) {
      throw new MoneyError(
        'INVALID_WEIGHTS',
        `Weight ${String(weight)} at ${index} is not a non-negative integer.`,
        {
          index,
          weight: String(weight),
        },
      );
    }
    return BigInt(weight);
  });
}

/**
 * Splits an integer amount of minor units over parts in proportion to non-negative integer
 * weights, never losing or inventing a paisa. All-zero weights are refused (`INVALID_WEIGHTS`)
 * unless the total is zero.
 * @example
 * allocateMinor(100, [1, 1, 1]); // [34, 33, 33]
 * allocateMinor(1000, [3000, 1000]); // [750, 250]
 * allocateMinor(-100, [1, 1, 1]); // [-34, -33, -33]
 */
export function allocateMinor(totalMinor: number, weights: readonly number[]): MinorUnits[] {
  const total = minorUnits(totalMinor);
  const w = checkedWeights(weights);
  const weightSum = w.reduce((sum, weight) => sum + weight, 0n);
  if (weightSum === 0n) {
    if (total === 0) return w.map(() => minorUnits(0));
    throw new MoneyError(
      'INVALID_WEIGHTS',
      'Cannot allocate a non-zero amount over zero weights.',
      {
        totalMinor: total,
      },
    );
  }
  const sign = total < 0 ? -1n : 1n;
  const magnitude = BigInt(total) * sign;
  const shares = w.map((weight) => (magnitude * weight) / weightSum);
  const remainders = w.map((weight) => (magnitude * weight) % weightSum);
  let leftover = magnitude - shares.reduce((sum, share) => sum + share, 0n);
  const order = remainders
    .map((remainder, index) => ({ remainder, index }))
    .sort((a, b) =>
      a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1,
    );
  for (const { index } of order) {
    if (leftover === 0n) break;
    shares[index] = (shares[index] ?? 0n) + 1n;
    leftover -= 1n;
  }
  return shares.map((share) => minorUnitsFromBigInt(share * sign));
}

/**
 * Splits money over parts in proportion to integer weights (largest remainder, ties to the
 * earlier part); the parts always sum to the amount.
 * @example
 * allocate(money(1000), [1, 2]); // [money(333), money(667)]
 * allocate(money(500), [1, 1]); // [money(250), money(250)]
 */
export function allocate(amount: Money, weights: readonly number[]): Money[] {
  return allocateMinor(amount.amountMinor, weights).map((amountMinor) => ({
    amountMinor,
    currency: amount.currency,
  }));
}
