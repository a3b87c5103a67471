import { type BillInput } from '../bill/bill-types';
import { type PromotionOutcome } from './apply-promotions';

/**
 * Adds the engine's per-line discounts to a bill's line discounts, so `computeBill` taxes the
 * discounted value (GST on the transaction value after a discount shown on the invoice, CGST Act
 * s.15(3)(a)). A bill without promotions is unchanged: computeBill itself knows nothing of offers.
 * @example
 * computeBill(withPromotionDiscounts(billInput, applyPromotions(request)));
 */
export function withPromotionDiscounts(bill: BillInput, outcome: PromotionOutcome): BillInput {
  if (outcome.lines.length !== bill.lines.length) {
    throw new RangeError(
      `The promotion outcome has ${outcome.lines.length} lines; the bill has ${bill.lines.length}.`,
    );
  }
  return {
    ...bill,
    lines: bill.lines.map((line, i) => ({
      ...line,
      discountMinor: line.discountMinor + (outcome.lines[i]?.discountMinor ?? 0),
    })),
  };
}
