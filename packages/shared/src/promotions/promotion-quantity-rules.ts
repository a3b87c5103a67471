import { allocateMinor, multiplyDivide } from '../money/index';
import { byUnitPriceDesc, chunkValue, matchesTarget, type PlanState } from './promotion-lines';
import { type PromotionRule, type PromotionTarget } from './promotion-schemas';
import { itemOfferLoss } from './promotion-value-rules';

/**
 * The offers that count units: buy X get Y, multi-buy and combos. Each takes units of the bill
 * (base units of its lines) that no earlier offer of the plan took, marks them taken by moving the
 * line's cursor, and returns the discount it gives per line. They choose the units that save the
 * customer most (the dearest units go free or into the bundle), and apply as many times as saves
 * the customer most once what the plan's item offers would have given on the units taken is
 * counted against them. Both serve "adding an item never makes the rest dearer" (checked by the
 * property tests): a bigger bill offers every choice the smaller one had, and an extra group never
 * crowds out a better item offer; promotion-conflicts.ts keeps two unit-takers off the same units.
 */

/**
 * How many times a quantity offer may apply on one bill: 100 groups of "3 for ₹100" is 300
 * packets, beyond any real basket. It bounds the work when an offer counts a loose line's grams
 * a few at a time (5 kg is 5000 base units); past it, later groups are simply not given.
 */
export const MAX_OFFER_GROUPS = 100;

function positionsOf(state: PlanState, target: PromotionTarget): number[] {
  const positions: number[] = [];
  state.lines.forEach((line, p) => {
    if (matchesTarget(target, line)) positions.push(p);
  });
  return positions;
}

function available(state: PlanState, p: number): number {
  return (state.lines[p]?.input.qtyBase ?? 0) - (state.cursor[p] ?? 0);
}

/** What the plan's item offers lose on the units taken since `start`. */
function lossSince(state: PlanState, start: readonly number[]): number {
  let loss = 0;
  state.cursor.forEach((to, p) => {
    const from = start[p] ?? 0;
    if (to !== from) loss += itemOfferLoss(state, p, from, to);
  });
  return loss;
}

/**
 * Whether any of the plan's item offers could discount one of these lines; when none can, taking
 * units costs nothing and the weighing is skipped.
 */
function itemOffersTouch(state: PlanState, positions: Iterable<number>): boolean {
  for (const p of positions) {
    const line = state.lines[p];
    if (line !== undefined && state.itemRules.some((rule) => matchesTarget(rule.target, line))) {
      return true;
    }
  }
  return false;
}

function restore(state: PlanState, snapshot: readonly number[]): void {
  snapshot.forEach((c, p) => {
    state.cursor[p] = c;
  });
}

/**
 * Takes `want` units from the given lines in their order, advancing the cursor; returns the value
 * taken per line, or undefined (cursor untouched) when there are not enough units.
 */
function takeUnits(
  state: PlanState,
  order: readonly number[],
  want: number,
  limit: (p: number) => number = () => Number.MAX_SAFE_INTEGER,
): Map<number, number> | undefined {
  const plan: [number, number][] = [];
  let left = want;
  for (const p of order) {
    if (left === 0) break;
    const k = Math.min(left, available(state, p), limit(p));
    if (k > 0) {
      plan.push([p, k]);
      left -= k;
    }
  }
  if (left > 0) return undefined;
  const values = new Map<number, number>();
  for (const [p, k] of plan) {
    const line = state.lines[p];
    const from = state.cursor[p] ?? 0;
    if (line === undefined) continue;
    values.set(p, (values.get(p) ?? 0) + chunkValue(line, from, k));
    state.cursor[p] = from + k;
  }
  return values;
}

function addInto(total: Map<number, number>, more: ReadonlyMap<number, number>): void {
  for (const [p, v] of more) total.set(p, (total.get(p) ?? 0) + v);
}

/** Spreads a bundle's saving over the lines whose units went into it, by their value. */
function spreadSaving(state: PlanState, saving: number, taken: Map<number, number>): number[] {
  const perLine = state.lines.map(() => 0);
  if (saving <= 0) return perLine;
  const positions = [...taken.keys()].sort((a, b) => a - b);
  const shares = allocateMinor(
    saving,
    positions.map((p) => taken.get(p) ?? 0),
  );
  positions.forEach((p, i) => {
    perLine[p] = shares[i] ?? 0;
  });
  return perLine;
}

/**
 * Buy X get Y. With G units only the "get" target names, B only the "buy" target, C both, the
 * number of groups possible is the largest g with y·g ≤ G + C, x·g ≤ B + C and
 * (x + y)·g ≤ G + B + C. For g groups the get units are the dearest get-eligible ones, using at
 * most B + C − x·g units of C so the buy side stays whole (greedy under that one cap is optimal);
 * the buy units are then the cheapest remaining buy-eligible ones, so dearer units stay for other
 * offers. The g applied is the one saving most net of item offers displaced (ties: fewer groups).
 */
function buyXGetY(state: PlanState, rule: Extract<PromotionRule, { kind: 'buyXGetY' }>): number[] {
  const buy = new Set(positionsOf(state, rule.buy));
  const get = new Set(positionsOf(state, rule.get));
  let onlyGet = 0;
  let onlyBuy = 0;
  let both = 0;
  for (const p of new Set([...buy, ...get])) {
    const units = available(state, p);
    if (buy.has(p) && get.has(p)) both += units;
    else if (get.has(p)) onlyGet += units;
    else onlyBuy += units;
  }
  const x = rule.buyQtyBase;
  const y = rule.getQtyBase;
  const maxGroups = Math.min(
    Math.floor((onlyGet + both) / y),
    Math.floor((onlyBuy + both) / x),
    Math.floor((onlyGet + onlyBuy + both) / (x + y)),
    MAX_OFFER_GROUPS,
  );
  const getOrder = byUnitPriceDesc(state.lines, [...get]);
  const buyOrder = byUnitPriceDesc(state.lines, [...buy]).reverse();
  const start = [...state.cursor];
  const take = (groups: number): number[] => {
    const perLine = state.lines.map(() => 0);
    let sharedLeft = onlyBuy + both - x * groups;
    const freeValues = takeUnits(state, getOrder, y * groups, (p) => {
      if (!buy.has(p)) return Number.MAX_SAFE_INTEGER;
      const k = Math.min(sharedLeft, available(state, p));
      sharedLeft -= k;
      return k;
    });
    // The group count guarantees both sides; a shortfall would only leave the plan unchanged.
    if (freeValues === undefined || takeUnits(state, buyOrder, x * groups) === undefined) {
      restore(state, start);
      return perLine;
    }
    for (const [p, value] of freeValues) {
      perLine[p] = multiplyDivide(value, rule.getPercentBp, 10_000, 'halfUp');
    }
    return perLine;
  };
  // More groups can save less (each group takes more of the shared units as buy units), so every
  // count is tried, not just the largest.
  const weighs = itemOffersTouch(state, new Set([...buy, ...get]));
  let best = 0;
  let bestNet = 0;
  for (let g = 1; g <= maxGroups; g += 1) {
    const saving = take(g).reduce((sum, d) => sum + d, 0);
    const net = weighs ? saving - lossSince(state, start) : saving;
    restore(state, start);
    if (net > bestNet) {
      best = g;
      bestNet = net;
    }
  }
  return take(best);
}

/**
 * A bundle offer (multi-buy: one component of n units; combo: several components) applied group
 * after group. Each group fills its components from the dearest untaken units; a group is kept
 * only while its units are worth more than the bundle price, so a bundle never costs more than
 * its units at their selling prices (and so never more than MRP).
 */
function bundles(
  state: PlanState,
  components: readonly { target: PromotionTarget; qtyBase: number }[],
  priceMinor: number,
): number[] {
  const orders = components.map((c) => byUnitPriceDesc(state.lines, positionsOf(state, c.target)));
  const start = [...state.cursor];
  const weighs = itemOffersTouch(state, orders.flat());
  const taken = new Map<number, number>();
  let saving = 0;
  let best = { net: 0, cursor: start, taken: new Map<number, number>(), saving: 0 };
  for (let g = 0; g < MAX_OFFER_GROUPS; g += 1) {
    const group = new Map<number, number>();
    const complete = components.every((c, i) => {
      const values = takeUnits(state, orders[i] ?? [], c.qtyBase);
      if (values !== undefined) addInto(group, values);
      return values !== undefined;
    });
    const value = [...group.values()].reduce((sum, v) => sum + v, 0);
    if (!complete || value <= priceMinor) break;
    addInto(taken, group);
    saving += value - priceMinor;
    const net = weighs ? saving - lossSince(state, start) : saving;
    if (net > best.net) best = { net, cursor: [...state.cursor], taken: new Map(taken), saving };
  }
  restore(state, best.cursor);
  return spreadSaving(state, best.saving, best.taken);
}

/**
 * Applies one quantity offer to the plan's untaken units; returns its discount per line.
 * @example
 * applyQuantityRule(state, { kind: 'multiBuy', target, qtyBase: 3, priceMinor: 10000 });
 */
export function applyQuantityRule(
  state: PlanState,
  rule: Extract<PromotionRule, { kind: 'buyXGetY' | 'multiBuy' | 'combo' }>,
): number[] {
  switch (rule.kind) {
    case 'buyXGetY':
      return buyXGetY(state, rule);
    case 'multiBuy':
      return bundles(state, [{ target: rule.target, qtyBase: rule.qtyBase }], rule.priceMinor);
    case 'combo':
      return bundles(state, rule.components, rule.priceMinor);
  }
}
