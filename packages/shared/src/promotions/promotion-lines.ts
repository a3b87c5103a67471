import { type BillLineInput } from '../bill/bill-types';
import { lineAmount } from '../units/index';
import { type PromotionRule, type PromotionTarget } from './promotion-schemas';

/**
 * The lines of a bill as the offer rules see them, and the unit arithmetic the quantity offers
 * share. A line's units are its base units (pieces, grams, millilitres); the value of units
 * `[from, to)` of a line is `V(to) − V(from)` with `V(q) = lineAmount(q)` (half up), so the values
 * of all the chunks cut from a line add up to exactly its gross and no offer can give away more
 * than the line is worth, whatever the order the chunks were taken in.
 */

/** A bill line plus what offers select on: its product's category and brand. */
export type PromotionLineInput = Pick<
  BillLineInput,
  'productId' | 'qtyBase' | 'priceBasisQty' | 'unitPriceMinor' | 'mrpMinor'
> & {
  readonly category: string;
  readonly brand: string | null;
  /**
   * A discount the cashier typed on this line. A line with one takes no promotion: the hand
   * discount replaces offers there (and counts as it is toward bill thresholds).
   */
  readonly discountMinor?: number;
};

/** A line in the engine's canonical order, with its gross at the selling price. */
export type PricedPromotionLine = {
  /** Where the line sits in the caller's list. */
  readonly index: number;
  readonly input: PromotionLineInput;
  readonly grossMinor: number;
  /** Whether offers may touch it (no hand discount). */
  readonly eligible: boolean;
};

function lineKey(l: PromotionLineInput): readonly (string | number)[] {
  return [
    l.productId,
    l.category,
    l.brand ?? '',
    l.unitPriceMinor,
    l.priceBasisQty,
    l.mrpMinor,
    l.qtyBase,
    l.discountMinor ?? 0,
  ];
}

function compareKeys(a: readonly (string | number)[], b: readonly (string | number)[]): number {
  for (let i = 0; i < a.length; i += 1) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/**
 * Prices the lines and puts them in a canonical order of their content, so every tie the rules
 * break (which unit is free, who gets a leftover paisa) never depends on where a line sits.
 * @example
 * priceLinesForPromotions([line]).map((l) => l.grossMinor); // [qty × price / basis, half up]
 */
export function priceLinesForPromotions(
  lines: readonly PromotionLineInput[],
): PricedPromotionLine[] {
  return lines
    .map((input, index) => ({
      index,
      input,
      grossMinor: lineAmount(input.qtyBase, input.unitPriceMinor, input.priceBasisQty, 'halfUp'),
      eligible: (input.discountMinor ?? 0) === 0,
    }))
    .sort((a, b) => compareKeys(lineKey(a.input), lineKey(b.input)) || a.index - b.index);
}

/**
 * Whether a line is one an offer's target names (by product, category or brand).
 * @example
 * matchesTarget({ productIds: [], categories: ['soap'], brands: [] }, line); // line.category === 'soap'
 */
export function matchesTarget(target: PromotionTarget, line: PricedPromotionLine): boolean {
  const { productId, category, brand } = line.input;
  return (
    line.eligible &&
    (target.productIds.includes(productId) ||
      target.categories.includes(category) ||
      (brand !== null && target.brands.includes(brand)))
  );
}

/**
 * The value in minor units of a line's units `[from, from + qty)`.
 * @example
 * chunkValue(line, 0, line.input.qtyBase) === line.grossMinor; // true
 */
export function chunkValue(line: PricedPromotionLine, from: number, qty: number): number {
  const { unitPriceMinor, priceBasisQty } = line.input;
  return (
    lineAmount(from + qty, unitPriceMinor, priceBasisQty, 'halfUp') -
    lineAmount(from, unitPriceMinor, priceBasisQty, 'halfUp')
  );
}

/**
 * Orders lines by their price per base unit, dearest first (`a.price / a.basis` against
 * `b.price / b.basis` by cross-multiplying in BigInt, no floats); ties keep the canonical order.
 * @example
 * byUnitPriceDesc(lines, [0, 1]); // [1, 0] when line 1 costs more per unit
 */
export function byUnitPriceDesc(
  lines: readonly PricedPromotionLine[],
  positions: readonly number[],
): number[] {
  const perUnit = (p: number) => lines[p]?.input ?? { unitPriceMinor: 0, priceBasisQty: 1 };
  return [...positions].sort((p, q) => {
    const a = perUnit(p);
    const b = perUnit(q);
    const left = BigInt(a.unitPriceMinor) * BigInt(b.priceBasisQty);
    const right = BigInt(b.unitPriceMinor) * BigInt(a.priceBasisQty);
    return left === right ? p - q : left > right ? -1 : 1;
  });
}

/** An offer that takes money off each unit: percent or amount off. */
export type ItemRule = Extract<PromotionRule, { kind: 'itemPercent' | 'itemAmount' }>;

/** The evaluation of one plan: lines in canonical order, units taken so far, discounts so far. */
export type PlanState = {
  readonly lines: readonly PricedPromotionLine[];
  /** The plan's item offers, which quantity offers weigh what they take against. */
  readonly itemRules: readonly ItemRule[];
  /** Per line, the first unit no quantity offer has taken (units below it are spoken for). */
  readonly cursor: number[];
  /** Per line, the discount given so far. */
  readonly discount: number[];
  /**
   * The best item offer per (line, first untaken unit), remembered: quantity offers weigh many
   * candidate group counts against the same item offers.
   */
  readonly bestItemCache: Map<string, { readonly at: number; readonly off: number }>;
};
