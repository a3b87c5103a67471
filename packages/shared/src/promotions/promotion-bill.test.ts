import { describe, expect, it } from 'vitest';
import { type BillInput } from '../bill/bill-types';
import { computeBill } from '../bill/compute-bill';
import { ghee, shampoo } from '../bill/bill.fixtures';
import { applyPromotions } from './apply-promotions';
import { withPromotionDiscounts } from './promotion-bill';
import { monday, promotion, target } from './promotion.fixtures';

const bill: BillInput = {
  currency: 'INR',
  supplyType: 'intra',
  lines: [shampoo, ghee],
  billDiscountMinor: 0,
  payments: [{ method: 'cash', amountMinor: 20000, tenderedMinor: 20000 }],
};

function outcomeFor(promotions: Parameters<typeof applyPromotions>[0]['promotions']) {
  return applyPromotions({
    ...monday,
    promotions,
    lines: bill.lines.map((line) => ({ ...line, category: 'fmcg', brand: null })),
  });
}

describe('withPromotionDiscounts', () => {
  it('makes computeBill tax the discounted value', () => {
    // Shampoo ₹118 at 18 %, 10 % off: 1180 → net 10620 = taxable 9000 + CGST 810 + SGST 810.
    // Ghee 2 × ₹52.50 = 10500 at 5 %, untouched: taxable 10000 + 250 + 250.
    // Net 10620 + 10500 = 21120 → ₹211; pay ₹211 in cash.
    const outcome = outcomeFor([
      promotion('sh10', {
        kind: 'itemPercent',
        target: target({ productIds: ['p-shampoo'] }),
        percentBp: 1000,
      }),
    ]);
    const result = computeBill({
      ...withPromotionDiscounts(bill, outcome),
      payments: [{ method: 'cash', amountMinor: 21100, tenderedMinor: 21100 }],
    });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(
      result.bill.lines.map((l) => [l.discountMinor, l.netMinor, l.taxableMinor, l.cgstMinor]),
    ).toEqual([
      [1180, 10620, 9000, 810],
      [0, 10500, 10000, 250],
    ]);
    expect(result.bill.totals).toMatchObject({
      grossMinor: 22300,
      discountMinor: 1180,
      netMinor: 21120,
      totalMinor: 21100,
    });
  });

  it('leaves a bill without promotions exactly as computeBill makes it', () => {
    const plain = computeBill({
      ...bill,
      payments: [{ method: 'cash', amountMinor: 22300, tenderedMinor: 22300 }],
    });
    const viaEngine = computeBill({
      ...withPromotionDiscounts(bill, outcomeFor([])),
      payments: [{ method: 'cash', amountMinor: 22300, tenderedMinor: 22300 }],
    });
    expect(viaEngine).toEqual(plain);
    expect(plain.ok).toBe(true);
  });

  it('refuses an outcome for another bill', () => {
    expect(() => withPromotionDiscounts({ ...bill, lines: [shampoo] }, outcomeFor([]))).toThrow(
      RangeError,
    );
  });
});
