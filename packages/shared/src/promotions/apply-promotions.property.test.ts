import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type BillInput } from '../bill/bill-types';
import { computeBill } from '../bill/compute-bill';
import { lineAmount } from '../units/index';
import { applyPromotions, type PromotionOutcome } from './apply-promotions';
import { withPromotionDiscounts } from './promotion-bill';
import { type PromotionLineInput } from './promotion-lines';
import { monday, promotion } from './promotion.fixtures';
import { type Promotion, type PromotionInput } from './promotion-schemas';

/**
 * Invariants of the engine over random bills and random sets of competing offers of every kind:
 * five products in three categories and two brands, one of them loose (priced per kg, sold by
 * the gram), so targets overlap the way a real offer list does.
 */

const PRODUCTS = {
  p1: { category: 'c1', brand: 'b1', loose: false },
  p2: { category: 'c1', brand: null, loose: false },
  p3: { category: 'c2', brand: 'b1', loose: false },
  p4: { category: 'c2', brand: 'b2', loose: false },
  p5: { category: 'c3', brand: null, loose: true },
} as const;
const PRODUCT_IDS = Object.keys(PRODUCTS) as (keyof typeof PRODUCTS)[];

const lineArb: fc.Arbitrary<PromotionLineInput> = fc
  .record({
    productId: fc.constantFrom(...PRODUCT_IDS),
    unitPriceMinor: fc.integer({ min: 0, max: 20_000 }),
    mrpExtra: fc.integer({ min: 0, max: 2_000 }),
    pieces: fc.integer({ min: 1, max: 6 }),
    grams: fc.integer({ min: 1, max: 3_000 }),
    handDiscount: fc.oneof(
      { arbitrary: fc.constant(0), weight: 9 },
      { arbitrary: fc.integer({ min: 1, max: 100 }), weight: 1 },
    ),
  })
  .map(({ productId, unitPriceMinor, mrpExtra, pieces, grams, handDiscount }) => {
    const product = PRODUCTS[productId];
    const qtyBase = product.loose ? grams : pieces;
    const priceBasisQty = product.loose ? 1000 : 1;
    const gross = lineAmount(qtyBase, unitPriceMinor, priceBasisQty);
    return {
      productId,
      category: product.category,
      brand: product.brand,
      qtyBase,
      priceBasisQty,
      unitPriceMinor,
      mrpMinor: unitPriceMinor + mrpExtra,
      discountMinor: Math.min(handDiscount, gross),
    };
  });

const targetArb = fc
  .record({
    productIds: fc.subarray([...PRODUCT_IDS]),
    categories: fc.subarray(['c1', 'c2', 'c3']),
    brands: fc.subarray(['b1', 'b2']),
  })
  .filter((t) => t.productIds.length + t.categories.length + t.brands.length > 0);

const ruleArb: fc.Arbitrary<PromotionInput['rule']> = fc.oneof(
  fc.record({
    kind: fc.constant('itemPercent' as const),
    target: targetArb,
    percentBp: fc.integer({ min: 1, max: 10_000 }),
  }),
  fc.record({
    kind: fc.constant('itemAmount' as const),
    target: targetArb,
    amountMinor: fc.integer({ min: 0, max: 5_000 }),
  }),
  fc.record({
    kind: fc.constant('buyXGetY' as const),
    buy: targetArb,
    buyQtyBase: fc.integer({ min: 1, max: 3 }),
    get: targetArb,
    getQtyBase: fc.integer({ min: 1, max: 2 }),
    getPercentBp: fc.integer({ min: 1, max: 10_000 }),
  }),
  fc.record({
    kind: fc.constant('multiBuy' as const),
    target: targetArb,
    qtyBase: fc.integer({ min: 2, max: 4 }),
    priceMinor: fc.integer({ min: 0, max: 40_000 }),
  }),
  fc.record({
    kind: fc.constant('combo' as const),
    components: fc.array(
      fc.record({ target: targetArb, qtyBase: fc.integer({ min: 1, max: 2 }) }),
      {
        minLength: 2,
        maxLength: 3,
      },
    ),
    priceMinor: fc.integer({ min: 0, max: 40_000 }),
  }),
  fc.record({
    kind: fc.constant('billThreshold' as const),
    minValueMinor: fc.integer({ min: 0, max: 60_000 }),
    off: fc.oneof(
      fc.record({
        type: fc.constant('percent' as const),
        percentBp: fc.integer({ min: 1, max: 5_000 }),
      }),
      fc.record({
        type: fc.constant('amount' as const),
        amountMinor: fc.integer({ min: 0, max: 10_000 }),
      }),
    ),
    maxDiscountMinor: fc.option(fc.integer({ min: 0, max: 5_000 }), { nil: undefined }),
  }),
);

const promotionsArb: fc.Arbitrary<Promotion[]> = fc
  .array(
    fc.record({
      rule: ruleArb,
      priority: fc.integer({ min: 0, max: 3 }),
      exclusive: fc.boolean(),
      live: fc.oneof(
        { arbitrary: fc.constant(true), weight: 4 },
        { arbitrary: fc.constant(false), weight: 1 },
      ),
    }),
    { maxLength: 6 },
  )
  .map((specs) =>
    specs.map(({ rule, priority, exclusive, live }, i) =>
      promotion(live ? `o${i}` : `dead${i}`, rule, {
        priority,
        exclusive,
        // Dead offers: ended the day before the bill, so they must never apply.
        ...(live ? {} : { schedule: { validFrom: '2026-11-01', validTo: '2026-12-06' } }),
      }),
    ),
  );

const linesArb = fc.array(lineArb, { minLength: 1, maxLength: 8 });

function run(
  lines: readonly PromotionLineInput[],
  promotions: readonly Promotion[],
): PromotionOutcome {
  return applyPromotions({ ...monday, lines, promotions });
}

function grossOf(line: PromotionLineInput): number {
  return lineAmount(line.qtyBase, line.unitPriceMinor, line.priceBasisQty);
}

/** What the customer pays for the lines (before cash rounding). */
function payable(lines: readonly PromotionLineInput[], outcome: PromotionOutcome): number {
  return lines.reduce(
    (sum, line, i) =>
      sum + grossOf(line) - (line.discountMinor ?? 0) - (outcome.lines[i]?.discountMinor ?? 0),
    0,
  );
}

describe('applyPromotions (properties)', () => {
  it('gives the same totals and line discounts whatever the order of the lines', () => {
    fc.assert(
      fc.property(
        linesArb,
        promotionsArb,
        fc.array(fc.nat(), { minLength: 8, maxLength: 8 }),
        (lines, promotions, keys) => {
          const shuffled = lines
            .map((line, i) => ({ line, key: keys[i] ?? 0, i }))
            .sort((a, b) => a.key - b.key || a.i - b.i)
            .map(({ line }) => line);
          const a = run(lines, promotions);
          const b = run(shuffled, promotions);
          expect(b.totalDiscountMinor).toBe(a.totalDiscountMinor);
          expect(b.applied.map((x) => [x.promotionId, x.savingMinor])).toEqual(
            a.applied.map((x) => [x.promotionId, x.savingMinor]),
          );
          const pairs = (ls: readonly PromotionLineInput[], o: PromotionOutcome) =>
            ls.map((line, i) => JSON.stringify([line, o.lines[i]?.discountMinor])).sort();
          expect(pairs(shuffled, b)).toEqual(pairs(lines, a));
        },
      ),
    );
  });

  it('never makes a line negative or dearer than its MRP, and never applies a dead offer', () => {
    fc.assert(
      fc.property(linesArb, promotionsArb, (lines, promotions) => {
        const outcome = run(lines, promotions);
        lines.forEach((line, i) => {
          const discount = outcome.lines[i]?.discountMinor ?? -1;
          const net = grossOf(line) - (line.discountMinor ?? 0) - discount;
          expect(discount).toBeGreaterThanOrEqual(0);
          expect(net).toBeGreaterThanOrEqual(0);
          expect(net).toBeLessThanOrEqual(
            lineAmount(line.qtyBase, line.mrpMinor, line.priceBasisQty),
          );
          if ((line.discountMinor ?? 0) > 0) expect(discount).toBe(0);
        });
        expect(
          outcome.applied.every((a) => a.promotionId.startsWith('o') && a.savingMinor > 0),
        ).toBe(true);
        expect(outcome.applied.reduce((sum, a) => sum + a.savingMinor, 0)).toBe(
          outcome.totalDiscountMinor,
        );
      }),
    );
  });

  it('hands computeBill discounts it accepts, taxing each line on its discounted value', () => {
    fc.assert(
      fc.property(
        linesArb,
        promotionsArb,
        fc.constantFrom(0, 500, 1800),
        (lines, promotions, gstRateBp) => {
          const bill: BillInput = {
            currency: 'INR',
            supplyType: 'intra',
            billDiscountMinor: 0,
            payments: [],
            lines: lines.map((line) => ({
              ...line,
              name: line.productId,
              hsn: '3305',
              discountMinor: line.discountMinor ?? 0,
              gstRateBp,
              cessRateBp: 0,
            })),
          };
          const outcome = run(lines, promotions);
          const result = computeBill(withPromotionDiscounts(bill, outcome));
          const nets = lines.map(
            (line, i) =>
              grossOf(line) - (line.discountMinor ?? 0) - (outcome.lines[i]?.discountMinor ?? 0),
          );
          if (result.ok) {
            expect(result.bill.lines.map((l) => l.netMinor)).toEqual(nets);
          } else {
            // Nothing paid: only the payment may be short, never a discount refused.
            expect(result.errors.map((e) => e.code)).toEqual(['UNDERPAID']);
          }
        },
      ),
    );
  });

  it('never makes the other items dearer when an item is added', () => {
    fc.assert(
      fc.property(linesArb, lineArb, promotionsArb, (lines, extra, promotions) => {
        const before = payable(lines, run(lines, promotions));
        const withExtra = [...lines, extra];
        const after = payable(withExtra, run(withExtra, promotions));
        expect(after - (grossOf(extra) - (extra.discountMinor ?? 0))).toBeLessThanOrEqual(before);
      }),
    );
  });

  it('saves at least as much as any single applicable offer alone', () => {
    fc.assert(
      fc.property(linesArb, promotionsArb, (lines, promotions) => {
        const chosen = run(lines, promotions).totalDiscountMinor;
        for (const offer of promotions) {
          expect(run(lines, [offer]).totalDiscountMinor).toBeLessThanOrEqual(chosen);
        }
      }),
    );
  });
});
