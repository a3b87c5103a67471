import { type MinorUnits, minorUnits, multiplyDivide } from '../money/index';

/**
 * Specific (per-unit) compensation cess: an amount per quantity rather than a percentage, as on
 * cigarettes before 1 Feb 2026 ("5 % + ₹2,076 per thousand": 500 bp ad valorem plus 207600 paise
 * per 1,000 sticks). Basis points on the taxable value cannot express it, so a rate carries it as
 * `cessSpecificMinor` per `cessSpecificPerQty` base units, next to its ad valorem `cessBp`.
 */

/** The specific cess of a rate or a line: an amount per quantity of base units. */
export type SpecificCessRate = {
  /** Minor units per `cessSpecificPerQty` base units (absent or null: none). */
  readonly cessSpecificMinor?: number | null;
  /** Base units the amount is quoted for (1000 for "per thousand sticks"). */
  readonly cessSpecificPerQty?: number | null;
};

/**
 * Whether a rate carries a specific cess at all (an amount above 0).
 * @example
 * hasSpecificCess({ cessSpecificMinor: 207600, cessSpecificPerQty: 1000 }); // true
 * hasSpecificCess({}); // false
 */
export function hasSpecificCess(rate: SpecificCessRate): boolean {
  return rate.cessSpecificMinor != null && rate.cessSpecificMinor !== 0;
}

/**
 * What is wrong with a specific cess rate, or null when it is usable: the amount must be whole
 * minor units ≥ 0 and an amount above 0 needs the quantity it is quoted for (never a silent
 * "per base unit", which would charge a thousand times the cess of "per thousand").
 * @example
 * specificCessProblem({ cessSpecificMinor: 207600 }); // 'cessSpecificPerQty is required …'
 * specificCessProblem({ cessSpecificMinor: 207600, cessSpecificPerQty: 1000 }); // null
 */
export function specificCessProblem(rate: SpecificCessRate): string | null {
  const amount = rate.cessSpecificMinor;
  const perQty = rate.cessSpecificPerQty;
  if (amount != null && (!Number.isSafeInteger(amount) || amount < 0)) {
    return `cessSpecificMinor ${String(amount)} is not whole minor units ≥ 0.`;
  }
  if (perQty != null && (!Number.isSafeInteger(perQty) || perQty <= 0)) {
    return `cessSpecificPerQty ${String(perQty)} is not a whole quantity > 0.`;
  }
  if (hasSpecificCess(rate) && perQty == null) {
    return 'cessSpecificPerQty is required with a specific cess.';
  }
  return null;
}

/**
 * The specific cess of a quantity: qtyBase × cessSpecificMinor / cessSpecificPerQty, rounded
 * half away from zero to the minor unit (integer arithmetic only). 0 without a specific cess.
 * Call it only on a rate `specificCessProblem` accepts.
 * @example
 * specificCessOf(20, { cessSpecificMinor: 207600, cessSpecificPerQty: 1000 }); // 4152 (₹41.52)
 * specificCessOf(3, { cessSpecificMinor: 207600, cessSpecificPerQty: 1000 }); // 623 (622.8)
 */
export function specificCessOf(qtyBase: number, rate: SpecificCessRate): MinorUnits {
  if (!hasSpecificCess(rate)) return minorUnits(0);
  return multiplyDivide(
    qtyBase,
    rate.cessSpecificMinor ?? 0,
    rate.cessSpecificPerQty ?? 1,
    'halfUp',
  );
}
