import {
  type PlanState,
  type PricedPromotionLine,
  priceLinesForPromotions,
  type PromotionLineInput,
} from './promotion-lines';
import { competeForUnits, isCombinable } from './promotion-conflicts';
import { applyQuantityRule } from './promotion-quantity-rules';
import { type Promotion, type PromotionKind } from './promotion-schemas';
import { applyItemRules, applyThresholdRule } from './promotion-value-rules';
import { isPromotionLive, type PromotionContext } from './promotion-window';

/**
 * The promotions engine: pure and deterministic. It keeps the promotions live for the bill
 * (currency, scope, schedule), then searches the plans a customer could get (each exclusive offer
 * alone; every combination of the non-exclusive ones) and keeps the one that saves the most.
 * Within a plan, quantity offers take their units first (priority order), item offers then take
 * the best single offer per line on what is left, and bill thresholds come last on the value left.
 * See docs/promotions.md.
 */

/**
 * Useful non-exclusive offers searched in every combination (2^8 = 256 plans). Beyond that, the
 * first eight by priority are combined, and every offer is also tried alone and all together (skipping
 * any that competes for units with one of higher priority), so the result is still at least as
 * good as any single offer.
 */
export const MAX_COMBINED_OFFERS = 8;

/** What the engine needs: where and when the bill is made, its lines, and the promotions known. */
export type PromotionRequest = PromotionContext & {
  readonly lines: readonly PromotionLineInput[];
  readonly promotions: readonly Promotion[];
};

/** An offer applied to a bill, as a receipt lists it. */
export type AppliedPromotion = {
  readonly promotionId: string;
  readonly name: Promotion['name'];
  readonly kind: PromotionKind;
  readonly savingMinor: number;
  /** The lines (caller's positions) it discounted and by how much, by position. */
  readonly lines: readonly { readonly index: number; readonly discountMinor: number }[];
};

/** The engine's answer, with lines in the caller's order. */
export type PromotionOutcome = {
  /** Per input line: its promotion discount (tax-inclusive) and the offers that gave it. */
  readonly lines: readonly {
    readonly discountMinor: number;
    readonly offers: readonly { readonly promotionId: string; readonly discountMinor: number }[];
  }[];
  /** Applied offers, highest priority first, then by id. */
  readonly applied: readonly AppliedPromotion[];
  readonly totalDiscountMinor: number;
};

type Plan = {
  readonly offers: readonly Promotion[];
  /** Per offer (same order), its discount per line in canonical position. */
  readonly perOffer: readonly (readonly number[])[];
  readonly totalMinor: number;
};

function byPriority(a: Promotion, b: Promotion): number {
  return b.priority - a.priority || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * The live offers by priority, one per id: two copies of a document (a replication slip) must not
 * give the offer twice. Of differing copies the one whose JSON sorts first is kept, so the choice
 * never depends on the order the terminal holds them in.
 */
function oneOfEachId(live: readonly Promotion[]): Promotion[] {
  const byId = new Map<string, { offer: Promotion; json: string }>();
  for (const offer of live) {
    const json = JSON.stringify(offer);
    const kept = byId.get(offer.id);
    if (kept === undefined || json < kept.json) byId.set(offer.id, { offer, json });
  }
  return [...byId.values()].map(({ offer }) => offer).sort(byPriority);
}

function evaluatePlan(lines: readonly PricedPromotionLine[], offers: readonly Promotion[]): Plan {
  const itemOffers = offers.filter(
    (o) => o.rule.kind === 'itemPercent' || o.rule.kind === 'itemAmount',
  );
  const state: PlanState = {
    lines,
    itemRules: itemOffers.flatMap((o) =>
      o.rule.kind === 'itemPercent' || o.rule.kind === 'itemAmount' ? [o.rule] : [],
    ),
    cursor: lines.map(() => 0),
    discount: lines.map(() => 0),
    bestItemCache: new Map(),
  };
  const perOffer = new Map<Promotion, number[]>();
  const record = (offer: Promotion, perLine: number[]) => {
    perOffer.set(offer, perLine);
    perLine.forEach((d, p) => {
      state.discount[p] = (state.discount[p] ?? 0) + d;
    });
  };
  for (const offer of offers) {
    const rule = offer.rule;
    if (rule.kind === 'buyXGetY' || rule.kind === 'multiBuy' || rule.kind === 'combo') {
      record(offer, applyQuantityRule(state, rule));
    }
  }
  applyItemRules(state).forEach((perLine, i) => {
    const offer = itemOffers[i];
    if (offer !== undefined) record(offer, perLine);
  });
  for (const offer of offers) {
    if (offer.rule.kind === 'billThreshold') record(offer, applyThresholdRule(state, offer.rule));
  }
  const kept = offers.filter((o) => (perOffer.get(o) ?? []).some((d) => d > 0));
  return {
    offers: kept,
    perOffer: kept.map((o) => perOffer.get(o) ?? []),
    totalMinor: state.discount.reduce((sum, d) => sum + d, 0),
  };
}

/** The non-empty combinations of a short list, each in the list's order. */
function combinations<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let mask = 1; mask < 1 << items.length; mask += 1) {
    out.push(items.filter((_, i) => (mask & (1 << i)) !== 0));
  }
  return out;
}

/** Whether plan a beats plan b: more saving; then its offers by priority, then id; then fewer. */
function isBetter(a: Plan, b: Plan): boolean {
  if (a.totalMinor !== b.totalMinor) return a.totalMinor > b.totalMinor;
  for (let i = 0; i < Math.min(a.offers.length, b.offers.length); i += 1) {
    const x = a.offers[i];
    const y = b.offers[i];
    if (x !== undefined && y !== undefined && x.id !== y.id) return byPriority(x, y) < 0;
  }
  return a.offers.length < b.offers.length;
}

function candidatePlans(live: readonly Promotion[]): Promotion[][] {
  const shared = live.filter((p) => !p.exclusive);
  const plans = live.filter((p) => p.exclusive).map((p) => [p]);
  plans.push(...combinations(shared.slice(0, MAX_COMBINED_OFFERS)).filter(isCombinable));
  if (shared.length > MAX_COMBINED_OFFERS) {
    const together: Promotion[] = [];
    for (const offer of shared) {
      if (together.every((o) => !competeForUnits(o, offer))) together.push(offer);
    }
    plans.push(...shared.slice(MAX_COMBINED_OFFERS).map((p) => [p]), together);
  }
  return plans;
}

function outcomeOf(
  lines: readonly PricedPromotionLine[],
  plan: Plan | undefined,
): PromotionOutcome {
  const byIndex = lines.map(() => ({
    discountMinor: 0,
    offers: [] as { promotionId: string; discountMinor: number }[],
  }));
  const applied = (plan?.offers ?? []).map((offer, i) => {
    const perLine = plan?.perOffer[i] ?? [];
    const touched: { index: number; discountMinor: number }[] = [];
    perLine.forEach((discountMinor, p) => {
      const line = lines[p];
      const slot = line === undefined ? undefined : byIndex[line.index];
      if (line === undefined || slot === undefined || discountMinor === 0) return;
      slot.discountMinor += discountMinor;
      slot.offers.push({ promotionId: offer.id, discountMinor });
      touched.push({ index: line.index, discountMinor });
    });
    return {
      promotionId: offer.id,
      name: offer.name,
      kind: offer.rule.kind,
      savingMinor: perLine.reduce((sum, d) => sum + d, 0),
      lines: touched.sort((a, b) => a.index - b.index),
    };
  });
  return { lines: byIndex, applied, totalDiscountMinor: plan?.totalMinor ?? 0 };
}

/**
 * Chooses the offers for a bill and what each line saves. Lines come back in the caller's order;
 * discounts are tax-inclusive integer minor units, each line's at most its gross (so its net is
 * never negative, and never above MRP since the selling price is not). Feed them into
 * `computeBill` with `withPromotionDiscounts`, which taxes the discounted value.
 * @example
 * const outcome = applyPromotions({ currency: 'INR', storeId: 's1', regionId: 'r1',
 *   date: '2026-12-12', time: '18:30', lines, promotions });
 * outcome.applied.map((a) => [a.name.en, a.savingMinor]); // e.g. [['Soap 3 for ₹100', 2000]]
 */
export function applyPromotions(request: PromotionRequest): PromotionOutcome {
  const lines = priceLinesForPromotions(request.lines);
  const live = oneOfEachId(request.promotions.filter((p) => isPromotionLive(p, request)));
  // An offer that saves nothing alone saves nothing in company either (item offers only compete,
  // quantity offers only lose units, thresholds qualify on the bill alone), so only the useful
  // ones are combined: the search stays small on a bill most offers do not touch.
  const useful = live.filter((p) => evaluatePlan(lines, [p]).totalMinor > 0);
  let best: Plan | undefined;
  for (const offers of candidatePlans(useful)) {
    const plan = evaluatePlan(lines, offers);
    if (plan.totalMinor > 0 && (best === undefined || isBetter(plan, best))) best = plan;
  }
  return outcomeOf(lines, best);
}
