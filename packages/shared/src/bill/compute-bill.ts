import { cashRound, minorUnits, MoneyError } from '../money/index';
import { billInputIssues } from './bill-input-checks';
import { splitBillGst } from './bill-gst-split';
import {
  allocateBillDiscount,
  completeLines,
  priceLines,
  specificCessIssues,
  taxBreakdownOf,
} from './bill-lines';
import { settlePayments } from './bill-settlement';
import { refundOf } from './refund-cap';
import {
  type BillInput,
  type BillIssue,
  type BillLine,
  type BillResult,
  type BillTotals,
} from './bill-types';

/** The amounts of a line that add up to the bill's totals (a rate such as the specific cess does not). */
type LineAmountField = Exclude<keyof BillLine & `${string}Minor`, 'cessSpecificMinor'>;

function sumOf(lines: readonly BillLine[], field: LineAmountField): number {
  return lines.reduce((sum, line) => minorUnits(sum + line[field]), 0);
}

/**
 * Computes a bill from what the counter entered: line amounts, discounts (the bill discount spread
 * over lines by net value without losing a paisa), GST per line by the policy in gst/index.ts,
 * CGST and SGST halved per rate group of the bill (bill-gst-split.ts), the tax breakdown by rate
 * (empty on a bill of supply, which charges no tax; see `BillInput.invoiceKind`), the specific
 * (per-unit) cess of a line taken out of its net before the rest is split (bill-lines.ts),
 * totals with the round-off to the rupee (on a return with `refund`, the refund by `refundOf`),
 * and the settlement of payments.
 * Never throws on bad input: returns `{ ok: false, errors }` listing every problem, each with a
 * SCREAMING_SNAKE code and details naming the line or payment.
 * @example
 * const result = computeBill({
 *   currency: 'INR', supplyType: 'intra', billDiscountMinor: 0,
 *   lines: [{ productId: 'p1', name: 'Shampoo', hsn: '3305', qtyBase: 1, priceBasisQty: 1,
 *     unitPriceMinor: 11800, mrpMinor: 11800, discountMinor: 0, gstRateBp: 1800, cessRateBp: 0 }],
 *   payments: [{ method: 'cash', amountMinor: 11800, tenderedMinor: 20000 }],
 * });
 * // result.ok === true; result.bill.totals: taxable 10000, CGST 900, SGST 900, total 11800;
 * // result.bill.payments[0].changeMinor === 8200
 */
export function computeBill(input: BillInput): BillResult {
  const inputIssues = billInputIssues(input);
  if (inputIssues.some((issue) => issue.details.paymentIndex === undefined)) {
    return { ok: false, errors: inputIssues };
  }
  try {
    return computeChecked(input, inputIssues);
  } catch (error) {
    if (error instanceof MoneyError && error.code === 'NOT_SAFE_INTEGER') {
      return {
        ok: false,
        errors: [
          {
            code: 'AMOUNT_TOO_LARGE',
            message: 'The bill amounts are too large to compute exactly.',
            details: {},
          },
        ],
      };
    }
    throw error;
  }
}

function computeChecked(input: BillInput, paymentIssues: readonly BillIssue[]): BillResult {
  const priced = priceLines(input.lines);
  const errors: BillIssue[] = [];
  priced.forEach(({ input: line, grossMinor }, index) => {
    if (line.discountMinor > grossMinor) {
      errors.push({
        code: 'DISCOUNT_EXCEEDS_AMOUNT',
        message: `Line ${index + 1} (${line.name}): discount ${line.discountMinor} is more than the line amount ${grossMinor}.`,
        details: {
          lineNo: index + 1,
          productId: line.productId,
          discountMinor: line.discountMinor,
          grossMinor,
        },
      });
    }
  });
  const afterLineDiscounts = priced.reduce(
    (sum, line) => minorUnits(sum + line.grossMinor - line.input.discountMinor),
    0,
  );
  if (errors.length === 0 && input.billDiscountMinor > afterLineDiscounts) {
    errors.push({
      code: 'DISCOUNT_EXCEEDS_AMOUNT',
      message: `The bill discount ${input.billDiscountMinor} is more than the amount ${afterLineDiscounts}.`,
      details: { billDiscountMinor: input.billDiscountMinor, amountMinor: afterLineDiscounts },
    });
  }
  if (errors.length > 0) return { ok: false, errors: [...errors, ...paymentIssues] };

  const invoiceKind = input.invoiceKind ?? 'tax-invoice';
  const discountShares = allocateBillDiscount(priced, input.billDiscountMinor);
  const cessIssues = specificCessIssues(priced, discountShares, invoiceKind);
  if (cessIssues.length > 0) return { ok: false, errors: [...cessIssues, ...paymentIssues] };
  const lines = splitBillGst(
    completeLines(priced, discountShares, input.supplyType, invoiceKind),
    input.supplyType,
  );
  const netMinor = sumOf(lines, 'netMinor');
  const mrpTotalMinor = priced.reduce((sum, line) => minorUnits(sum + line.mrpValueMinor), 0);
  const { totalMinor, roundOffMinor } = input.refund
    ? refundOf(input.refund, netMinor, input.currency, input.refund.isLastReturn)
    : cashRound(netMinor, input.currency, 'halfUp');
  const totals: BillTotals = {
    grossMinor: sumOf(lines, 'grossMinor'),
    discountMinor: sumOf(lines, 'discountMinor'),
    netMinor,
    taxableMinor: sumOf(lines, 'taxableMinor'),
    cgstMinor: sumOf(lines, 'cgstMinor'),
    sgstMinor: sumOf(lines, 'sgstMinor'),
    igstMinor: sumOf(lines, 'igstMinor'),
    cessMinor: sumOf(lines, 'cessMinor'),
    roundOffMinor,
    totalMinor,
    mrpTotalMinor,
    savingsMinor: mrpTotalMinor - netMinor,
  };
  // Unreadable payment amounts cannot be summed; their issues already say what is wrong.
  if (paymentIssues.some((issue) => issue.code === 'INVALID_AMOUNT'))
    return { ok: false, errors: paymentIssues };
  const { payments, settlement, issues } = settlePayments(input.payments, totalMinor);
  const allErrors = [...paymentIssues, ...issues];
  if (allErrors.length > 0) return { ok: false, errors: allErrors };
  return {
    ok: true,
    bill: {
      currency: input.currency,
      supplyType: input.supplyType,
      invoiceKind,
      lines,
      billDiscountMinor: input.billDiscountMinor,
      // A bill of supply prints no tax table (CGST Rule 49): it charges no tax.
      taxBreakdown: invoiceKind === 'bill-of-supply' ? [] : taxBreakdownOf(lines),
      totals,
      payments,
      settlement,
    },
  };
}

/**
 * Every problem with a bill ([] when it is valid): the same checks as `computeBill`.
 * @example
 * validateBill({ ...input, payments: [] })[0]?.code; // 'UNDERPAID'
 */
export function validateBill(input: BillInput): readonly BillIssue[] {
  const result = computeBill(input);
  return result.ok ? [] : result.errors;
}
