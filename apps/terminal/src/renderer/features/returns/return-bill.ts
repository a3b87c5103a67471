import {
  allocateMinor,
  computeBill,
  lineAmount,
  multiplyDivide,
  parseCurrencyCode,
  type BillInput,
  type BillIssue,
  type Bill,
  type BillPayment,
  type PaymentInput,
  type RefundHistory,
  type Sale,
} from '@kiryana/shared';
import type { Stored } from '../../db/schemas';

/**
 * A return (credit note) against an original bill: some quantity of some of its lines back, at
 * the original prices, discounts and GST rates (a credit note reverses the tax actually charged),
 * refunded by the original tenders in proportion to what each paid. Each return line keeps the
 * original line's number, so several partial returns of one bill can be added up per line. The
 * refund follows the bill's returns cumulatively and never exceeds what was paid minus earlier
 * refunds (`refundOf` in packages/shared, docs/gst.md "Returns"); the sync server refuses a
 * return above that cap.
 */

type SaleDoc = Stored<Sale>;

/** How much of each original line (by lineNo) is still returnable. */
export function returnableQuantities(
  original: SaleDoc,
  earlierReturns: readonly SaleDoc[],
): Map<number, number> {
  const left = new Map(original.lines.map((line) => [line.lineNo, line.qtyBase]));
  for (const earlier of earlierReturns) {
    for (const line of earlier.lines) {
      left.set(line.lineNo, Math.max(0, (left.get(line.lineNo) ?? 0) - line.qtyBase));
    }
  }
  return left;
}

/** Why a return cannot be made. */
export type ReturnProblem =
  | { readonly code: 'NOTHING_SELECTED' }
  | { readonly code: 'NOT_A_SALE' }
  | { readonly code: 'TOO_MANY'; readonly lineNo: number; readonly leftQtyBase: number }
  | { readonly code: 'BILL'; readonly issues: readonly BillIssue[] };

/** What `original` was paid and what `earlierReturns` of it took back. */
export function refundHistoryOf(
  original: SaleDoc,
  earlierReturns: readonly SaleDoc[],
): RefundHistory {
  return {
    paidMinor: original.totals.totalMinor,
    returnedNetMinor: earlierReturns.reduce((sum, earlier) => sum + earlier.totals.netMinor, 0),
    refundedMinor: earlierReturns.reduce((sum, earlier) => sum + earlier.totals.totalMinor, 0),
  };
}

/** A computed return: the bill (with refunds as payments) and the original line number of each line. */
export type ReturnBill = { readonly bill: Bill; readonly lineNos: readonly number[] };

/**
 * The discount that goes back with `qtyBase` of a line: its share by quantity (the rest on the
 * line's last return), never more than the returned quantity's own amount. A few grams of a weighed
 * line can be worth 0 paise while their share of the line's discount rounds to 1; a return line
 * with a discount above its amount is no valid bill (DISCOUNT_EXCEEDS_AMOUNT).
 */
function discountShare(
  line: SaleDoc['lines'][number],
  qtyBase: number,
  alreadyDiscount: number,
  isLastOfLine: boolean,
): number {
  const left = Math.max(0, line.discountMinor - alreadyDiscount);
  const share = isLastOfLine
    ? left
    : Math.min(left, multiplyDivide(line.discountMinor, qtyBase, line.qtyBase, 'halfUp'));
  return Math.min(share, lineAmount(qtyBase, line.unitPriceMinor, line.priceBasisQty, 'halfUp'));
}

/**
 * Computes the return of `selected` quantities (lineNo → qtyBase) of `original`.
 * @example
 * computeReturn(sale, [], new Map([[1, 1]])); // { ok: true, value: { bill, lineNos: [1] } }
 */
export function computeReturn(
  original: SaleDoc,
  earlierReturns: readonly SaleDoc[],
  selected: ReadonlyMap<number, number>,
): { ok: true; value: ReturnBill } | { ok: false; problem: ReturnProblem } {
  if (original.kind !== 'sale') return { ok: false, problem: { code: 'NOT_A_SALE' } };
  const left = returnableQuantities(original, earlierReturns);
  const chosen = original.lines.filter((line) => (selected.get(line.lineNo) ?? 0) > 0);
  if (chosen.length === 0) return { ok: false, problem: { code: 'NOTHING_SELECTED' } };
  for (const line of chosen) {
    const leftQtyBase = left.get(line.lineNo) ?? 0;
    if ((selected.get(line.lineNo) ?? 0) > leftQtyBase) {
      return { ok: false, problem: { code: 'TOO_MANY', lineNo: line.lineNo, leftQtyBase } };
    }
  }
  const isLastReturn = original.lines.every(
    (line) => (left.get(line.lineNo) ?? 0) === (selected.get(line.lineNo) ?? 0),
  );
  const input: BillInput = {
    currency: parseCurrencyCode(original.currency),
    supplyType: original.supplyType,
    // A bill of supply's credit note charges no tax either (a v1 original is a tax invoice).
    invoiceKind: original.invoiceKind ?? 'tax-invoice',
    billDiscountMinor: 0,
    payments: [],
    allowCredit: true,
    refund: { ...refundHistoryOf(original, earlierReturns), isLastReturn },
    lines: chosen.map((line) => {
      const qtyBase = selected.get(line.lineNo) ?? 0;
      const alreadyDiscount = earlierReturns
        .flatMap((earlier) => earlier.lines)
        .filter((earlierLine) => earlierLine.lineNo === line.lineNo)
        .reduce((sum, earlierLine) => sum + earlierLine.discountMinor, 0);
      return {
        productId: line.productId,
        name: line.name,
        hsn: line.hsn,
        qtyBase,
        priceBasisQty: line.priceBasisQty,
        unitPriceMinor: line.unitPriceMinor,
        mrpMinor: line.mrpMinor,
        discountMinor: discountShare(
          line,
          qtyBase,
          alreadyDiscount,
          qtyBase === (left.get(line.lineNo) ?? 0),
        ),
        gstRateBp: line.gstRateBp,
        cessRateBp: line.cessRateBp,
        // The specific cess of the original line, at the original's rate per unit.
        cessSpecificMinor: line.cessSpecificMinor ?? null,
        cessSpecificPerQty: line.cessSpecificPerQty ?? null,
      };
    }),
  };
  const unpaid = computeBill(input);
  const payableIssue = unpaid.ok ? undefined : unpaid.errors.find((e) => e.code === 'UNDERPAID');
  const payable = unpaid.ok ? 0 : payableIssue?.details.payableMinor;
  if (typeof payable !== 'number') {
    return { ok: false, problem: { code: 'BILL', issues: unpaid.ok ? [] : unpaid.errors } };
  }
  const result = computeBill({ ...input, payments: refundsOf(original, payable) });
  if (!result.ok) return { ok: false, problem: { code: 'BILL', issues: result.errors } };
  // A return may refund nothing (its share rounds to ₹0, or earlier refunds used up the bill);
  // the document still records a refund of 0 by the first tender, as a sale needs a payment.
  const bill =
    result.bill.payments.length > 0
      ? result.bill
      : { ...result.bill, payments: [zeroRefund(original)] };
  return { ok: true, value: { bill, lineNos: chosen.map((line) => line.lineNo) } };
}

function zeroRefund(original: SaleDoc): BillPayment {
  const tender = original.payments.find((payment) => payment.amountMinor > 0);
  const method = tender?.method ?? 'cash';
  return {
    method,
    amountMinor: 0,
    tenderedMinor: method === 'cash' ? 0 : null,
    changeMinor: 0,
    reference: tender?.reference ?? null,
    customerId: tender?.customerId ?? null,
  };
}

/** The refund of `totalMinor` spread over the original tenders by what each paid. */
function refundsOf(original: SaleDoc, totalMinor: number): PaymentInput[] {
  if (totalMinor === 0) return [];
  const tenders = original.payments.filter((payment) => payment.amountMinor > 0);
  const shares = allocateMinor(
    totalMinor,
    tenders.map((payment) => payment.amountMinor),
  );
  return tenders
    .map((payment, index) => ({
      method: payment.method,
      amountMinor: shares[index] ?? 0,
      tenderedMinor: payment.method === 'cash' ? (shares[index] ?? 0) : null,
      reference: payment.reference,
      customerId: payment.customerId,
    }))
    .filter((payment) => payment.amountMinor > 0);
}
