import { type Promotion, type PromotionRule, type PromotionTarget } from './promotion-schemas';

/**
 * Quantity offers (buy X get Y, multi-buy, combo) that could take the same units never combine
 * in one plan: the customer gets whichever of them (alone or with other offers) saves more. Two
 * greedy unit-takers sharing units can otherwise make a bigger basket cost more than a smaller
 * one (one grows a group and starves the other). Whether they may share is decided from the
 * offers alone, not the bill, so adding an item never turns a combination that was allowed into
 * one that is not: targets surely apart name only products, only categories or only brands (the
 * same one of the three) with no name in common; anything else may meet on some line.
 */

function quantityTargets(rule: PromotionRule): readonly PromotionTarget[] {
  switch (rule.kind) {
    case 'buyXGetY':
      return [rule.buy, rule.get];
    case 'multiBuy':
      return [rule.target];
    case 'combo':
      return rule.components.map((c) => c.target);
    default:
      return [];
  }
}

function onlyList(t: PromotionTarget): readonly string[] | undefined {
  const used = [t.productIds, t.categories, t.brands].filter((list) => list.length > 0);
  return used.length === 1 ? used[0] : undefined;
}

function surelyApart(a: PromotionTarget, b: PromotionTarget): boolean {
  const la = onlyList(a);
  const lb = onlyList(b);
  const sameDimension =
    (a.productIds.length > 0 && b.productIds.length > 0) ||
    (a.categories.length > 0 && b.categories.length > 0) ||
    (a.brands.length > 0 && b.brands.length > 0);
  return la !== undefined && lb !== undefined && sameDimension && !la.some((id) => lb.includes(id));
}

/**
 * Whether two offers are quantity offers that could take the same units.
 * @example
 * competeForUnits(soap3For100, soapBuy2Get1); // true: both count soap
 */
export function competeForUnits(a: Promotion, b: Promotion): boolean {
  const ta = quantityTargets(a.rule);
  const tb = quantityTargets(b.rule);
  return ta.some((x) => tb.some((y) => !surelyApart(x, y)));
}

/**
 * Whether offers (already sorted) may form one plan: no two compete for units.
 * @example
 * isCombinable([tenPercentOff, soap3For100]); // true
 */
export function isCombinable(offers: readonly Promotion[]): boolean {
  return offers.every((a, i) => offers.slice(i + 1).every((b) => !competeForUnits(a, b)));
}
