import {
  computeBill,
  money,
  moneyApplyRateBp,
  type Bill,
  type BillInput,
  type BillIssue,
  type CurrencyCode,
  type InvoiceKind,
  type PlaceOfSupply,
  placeOfSupply,
} from '@kiryana/shared';
import type { CartState } from './cart';

/**
 * The bill on screen, computed by the shared `computeBill` on every change of the cart. Before the
 * customer has paid, `computeBill` refuses the bill as UNDERPAID and names the payable amount; the
 * preview then settles a stand-in credit of exactly that amount to show lines, tax and totals.
 * The terminal never adds up money itself.
 */

/** What the bill settings are for this store. */
export type BillContext = {
  readonly currency: CurrencyCode;
  /** Whether the cashier may put part of the bill on a customer's account. */
  readonly allowCredit: boolean;
  /**
   * The store's GST state code: with the cart's buyer it decides the place of supply and so
   * CGST + SGST or IGST. Absent (a tool without a store), every bill is intra-state.
   */
  readonly storeStateCode?: string;
  /** The store is under the composition scheme: its bills are bills of supply, without tax. */
  readonly composition?: boolean;
};

/**
 * The place of supply of a cart: the buyer's state when a buyer is recorded, else the store's;
 * null while the store's state is unknown (the bill is then intra-state, at the store).
 * @example
 * placeOfSupplyOf(cart, { currency: 'INR', allowCredit: false, storeStateCode: '29' });
 * // { stateCode: '33', supplyType: 'inter' } for a buyer in Tamil Nadu
 */
export function placeOfSupplyOf(cart: CartState, context: BillContext): PlaceOfSupply | null {
  if (context.storeStateCode === undefined) return null;
  return placeOfSupply(context.storeStateCode, cart.buyer ?? null);
}

/**
 * Whether the cart is an inter-state supply from a composition store, which Section 10(2)(c) of
 * the CGST Act forbids: such a store bills only within its state.
 */
export function isCompositionInterState(cart: CartState, context: BillContext): boolean {
  return context.composition === true && placeOfSupplyOf(cart, context)?.supplyType === 'inter';
}

/** Tax invoice, or bill of supply for a composition store. */
export function invoiceKindOf(context: BillContext): InvoiceKind {
  return context.composition === true ? 'bill-of-supply' : 'tax-invoice';
}

/** The bill as the screen shows it. */
export type BillPreview =
  /** Nothing to show yet, or the lines themselves are wrong (e.g. over MRP, discount too large). */
  | { readonly kind: 'invalid'; readonly errors: readonly BillIssue[] }
  /** Lines are fine; payments do not yet settle the bill exactly. */
  | {
      readonly kind: 'due';
      readonly bill: Bill;
      readonly payableMinor: number;
      /** Positive: still to pay; negative: paid too much as amount (extra cash is tendered, not amount). */
      readonly dueMinor: number;
      readonly issues: readonly BillIssue[];
    }
  /** Ready to complete. */
  | { readonly kind: 'ready'; readonly bill: Bill };

const PREVIEW_CUSTOMER = 'preview';

/** The `computeBill` input for a cart. */
export function billInputOf(cart: CartState, context: BillContext): BillInput {
  return {
    currency: context.currency,
    supplyType: placeOfSupplyOf(cart, context)?.supplyType ?? 'intra',
    invoiceKind: invoiceKindOf(context),
    billDiscountMinor: cart.billDiscountMinor,
    allowCredit: context.allowCredit,
    payments: cart.payments,
    lines: cart.lines.map((line) => ({
      productId: line.productId,
      name: line.nameEn,
      hsn: line.hsn,
      qtyBase: line.qtyBase,
      priceBasisQty: line.priceBasisQty,
      unitPriceMinor: line.unitPriceMinor,
      mrpMinor: line.mrpMinor,
      discountMinor: 0,
      gstRateBp: line.gstRateBp,
      cessRateBp: line.cessRateBp,
      cessSpecificMinor: line.cessSpecificMinor ?? null,
      cessSpecificPerQty: line.cessSpecificPerQty ?? null,
    })),
  };
}

function numberDetail(issue: BillIssue | undefined, key: string): number | undefined {
  const value = issue?.details[key];
  return typeof value === 'number' ? value : undefined;
}

/** The payable total and what is still due, as the settlement issues state them. */
function settlementOf(
  errors: readonly BillIssue[],
): { payableMinor: number; dueMinor: number } | undefined {
  const issue = errors.find((error) => error.code === 'UNDERPAID' || error.code === 'OVERPAID');
  const payableMinor = numberDetail(issue, 'payableMinor');
  if (payableMinor === undefined) return undefined;
  const dueMinor =
    issue?.code === 'UNDERPAID'
      ? (numberDetail(issue, 'shortfallMinor') ?? 0)
      : -(numberDetail(issue, 'excessMinor') ?? 0);
  return { payableMinor, dueMinor };
}

/**
 * Computes the preview of a cart.
 * @example
 * previewBill(cart, { currency: 'INR', allowCredit: false, storeStateCode: '29' }).kind; // 'due'
 */
export function previewBill(cart: CartState, context: BillContext): BillPreview {
  const input = billInputOf(cart, context);
  const result = computeBill(input);
  if (result.ok) return { kind: 'ready', bill: result.bill };
  // Without payments the only possible settlement issue is UNDERPAID, which names the payable.
  const unpaid = computeBill({ ...input, payments: [] });
  const payableMinor = unpaid.ok ? 0 : settlementOf(unpaid.errors)?.payableMinor;
  if (payableMinor === undefined)
    return { kind: 'invalid', errors: unpaid.ok ? [] : unpaid.errors };
  const shown = computeBill({
    ...input,
    allowCredit: true,
    payments:
      payableMinor === 0
        ? []
        : [{ method: 'credit', amountMinor: payableMinor, customerId: PREVIEW_CUSTOMER }],
  });
  if (!shown.ok) return { kind: 'invalid', errors: shown.errors };
  const dueMinor = settlementOf(result.errors)?.dueMinor ?? 0;
  return { kind: 'due', bill: shown.bill, payableMinor, dueMinor, issues: result.errors };
}

/**
 * The largest bill discount the cashier may give: `limitBp` of the bill before discount, rounded
 * down so the limit is never exceeded.
 * @example
 * maxBillDiscountMinor(10_000, 1000); // 1000: 10 % of ₹100
 */
export function maxBillDiscountMinor(grossMinor: number, limitBp: number): number {
  return moneyApplyRateBp(money(grossMinor), limitBp, 'down').amountMinor;
}
