import { allocateMinor, multiplyDivide } from '../money/index';
import { chunkValue, type ItemRule, matchesTarget, type PlanState } from './promotion-lines';
import { type PromotionRule } from './promotion-schemas';

/**
 * The offers that take money off a value: item percent or amount off (per unit), and bill-value
 * thresholds. Percentages round half up on the paisa: `value × bp / 10000` in integers.
 */

type ThresholdRule = Extract<PromotionRule, { kind: 'billThreshold' }>;

/**
 * What one item offer takes off the units `[from, qty)` of a line: a percentage of their value,
 * or the amount per price basis × their quantity (half up), never more than their value.
 */
function itemDiscount(state: PlanState, p: number, rule: ItemRule, from: number): number {
  const line = state.lines[p];
  if (line === undefined || !matchesTarget(rule.target, line)) return 0;
  const units = line.input.qtyBase - from;
  if (units <= 0) return 0;
  const value = chunkValue(line, from, units);
  if (rule.kind === 'itemPercent') return multiplyDivide(value, rule.percentBp, 10_000, 'halfUp');
  const off = multiplyDivide(rule.amountMinor, units, line.input.priceBasisQty, 'halfUp');
  return Math.min(off, value);
}

/** The best single item offer on a line's units from `from` on: its position and discount. */
function bestItemOffer(state: PlanState, p: number, from: number): { at: number; off: number } {
  const key = `${p}:${from}`;
  const known = state.bestItemCache.get(key);
  if (known !== undefined) return known;
  let at = -1;
  let off = 0;
  state.itemRules.forEach((rule, i) => {
    const d = itemDiscount(state, p, rule, from);
    if (d > off) {
      at = i;
      off = d;
    }
  });
  state.bestItemCache.set(key, { at, off });
  return { at, off };
}

/**
 * What the plan's item offers would lose if a quantity offer took a line's units up to `to`
 * instead of `from`: the cost a quantity offer weighs its saving against, so that taking more
 * units never leaves the customer worse off (this keeps a bigger bill from costing more).
 * @example
 * itemOfferLoss(state, 0, 0, 3); // what the 10 % off soap would have given on the 3 soaps taken
 */
export function itemOfferLoss(state: PlanState, p: number, from: number, to: number): number {
  return bestItemOffer(state, p, from).off - bestItemOffer(state, p, to).off;
}

/**
 * Item offers of a plan: each line's untaken units get the one offer that saves most on them
 * (offers do not stack on a unit; a tie goes to the earlier offer, i.e. higher priority, then
 * id). Returns the discount per line for each of `state.itemRules`, in their order.
 * @example
 * applyItemRules(state); // [[…per line for the first item offer], […for the second]]
 */
export function applyItemRules(state: PlanState): number[][] {
  const perOffer = state.itemRules.map(() => state.lines.map(() => 0));
  state.lines.forEach((_, p) => {
    const { at, off } = bestItemOffer(state, p, state.cursor[p] ?? 0);
    const row = perOffer[at];
    if (row !== undefined) row[p] = off;
  });
  return perOffer;
}

/**
 * A bill-value threshold: once the matching lines (the whole bill without a target) are worth
 * `minValueMinor` at their selling prices (after hand discounts, before promotions), take `off`
 * of the value they have left after the plan's other offers (percent half up, or an amount up to
 * that value), at most `maxDiscountMinor`, spread over those lines by that value (largest
 * remainder in canonical line order, so no paisa is lost and none moves with the lines' order).
 * Qualifying before promotions keeps the threshold from flickering as other offers are chosen,
 * so a bigger basket never loses it. Lines with a hand discount count but take no share.
 * @example
 * applyThresholdRule(state, { kind: 'billThreshold', minValueMinor: 50000, off: { type: 'amount', amountMinor: 5000 } });
 */
export function applyThresholdRule(state: PlanState, rule: ThresholdRule): number[] {
  const perLine = state.lines.map(() => 0);
  const counted = state.lines
    .map((line, p) => ({ line, p }))
    .filter(
      ({ line }) =>
        rule.target === undefined || matchesTarget(rule.target, { ...line, eligible: true }),
    );
  const qualifying = counted.reduce(
    (sum, { line }) => sum + line.grossMinor - (line.input.discountMinor ?? 0),
    0,
  );
  if (qualifying < rule.minValueMinor) return perLine;
  const left = (p: number) => {
    const line = state.lines[p];
    return line === undefined ? 0 : line.grossMinor - (state.discount[p] ?? 0);
  };
  const sharing = counted.filter(({ line, p }) => line.eligible && left(p) > 0).map(({ p }) => p);
  const base = sharing.reduce((sum, p) => sum + left(p), 0);
  let off =
    rule.off.type === 'percent'
      ? multiplyDivide(base, rule.off.percentBp, 10_000, 'halfUp')
      : Math.min(rule.off.amountMinor, base);
  if (rule.maxDiscountMinor !== undefined) off = Math.min(off, rule.maxDiscountMinor);
  if (off <= 0) return perLine;
  const shares = allocateMinor(off, sharing.map(left));
  sharing.forEach((p, i) => {
    perLine[p] = shares[i] ?? 0;
  });
  return perLine;
}
