import { type CurrencyCode } from '../money/index';
import { type SupplyType } from '../gst/index';
import { type RefundHistory } from './refund-cap';

/**
 * A line as the counter enters it. Prices are tax-inclusive per `priceBasisQty` base units
 * (1 for pieces, 1000 for a price per kg or per litre); rates are the ones in force on the bill's
 * date (or, on a return, the original line's).
 */
export type BillLineInput = {
  readonly productId: string;
  readonly name: string;
  /** HSN code of 4, 6 or 8 digits. */
  readonly hsn: string;
  /** Quantity in base units (pieces, grams, millilitres); must be > 0. */
  readonly qtyBase: number;
  /** Base units the prices are quoted for. */
  readonly priceBasisQty: number;
  /** Selling price, tax-inclusive, per `priceBasisQty`; never above `mrpMinor`. */
  readonly unitPriceMinor: number;
  /** MRP per `priceBasisQty`; loose goods without a printed MRP carry their selling price. */
  readonly mrpMinor: number;
  /** Discount on this line alone, tax-inclusive. */
  readonly discountMinor: number;
  readonly gstRateBp: number;
  readonly cessRateBp: number;
  /**
   * Specific (per-unit) cess of the rate in force, in minor units per `cessSpecificPerQty` base
   * units (as `TaxRateRow`); absent or null: none. It is taken out of the line's net before the
   * rest is split into taxable value, GST and ad valorem cess, and is part of the line's cess.
   */
  readonly cessSpecificMinor?: number | null;
  /** The base units `cessSpecificMinor` is quoted for (1000 for "per thousand sticks"). */
  readonly cessSpecificPerQty?: number | null;
  /** Lines are in the bill's currency; when a source states one, it must match (MIXED_CURRENCY). */
  readonly currency?: CurrencyCode;
};

/** How part of a bill is settled. `credit` puts the amount on the customer's account (khata). */
export type PaymentMethod = 'cash' | 'upi' | 'card' | 'credit';

/** A tender as the counter enters it; `amountMinor` is the part of the bill it settles. */
export type PaymentInput = {
  readonly method: PaymentMethod;
  readonly amountMinor: number;
  /** Cash handed over (≥ amount); change is the difference. Only cash gives change. */
  readonly tenderedMinor?: number | null;
  /** UPI transaction id or card approval code; required for those methods. */
  readonly reference?: string | null;
  /** The customer whose account a credit payment is charged to. */
  readonly customerId?: string | null;
  /** Payments are in the bill's currency; when a source states one, it must match. */
  readonly currency?: CurrencyCode;
};

/**
 * A tax invoice (CGST Rule 46) charges GST; a bill of supply (Rule 49), issued by a composition
 * store, charges none. The same strings as the sale document's `invoiceKind`.
 */
export type BillInvoiceKind = 'tax-invoice' | 'bill-of-supply';

/** What `computeBill` takes. */
export type BillInput = {
  readonly currency: CurrencyCode;
  readonly supplyType: SupplyType;
  /**
   * Tax invoice (the default) or bill of supply. On a bill of supply every line's taxable value is
   * its net and every tax and rate is 0, whatever rates the lines carry; a return of one likewise.
   */
  readonly invoiceKind?: BillInvoiceKind;
  readonly lines: readonly BillLineInput[];
  /** Discount on the whole bill, tax-inclusive; spread over lines by their net value. */
  readonly billDiscountMinor: number;
  readonly payments: readonly PaymentInput[];
  /** Whether this customer may buy on credit (store policy and credit limit, decided upstream). */
  readonly allowCredit?: boolean;
  /**
   * On a return (credit note): what the original bill was paid and refunded so far, and whether
   * this return takes back the last of it. The payable (the refund) then follows `refundOf`
   * instead of rounding this bill's net on its own, so partial returns never refund more than
   * was paid.
   */
  readonly refund?: RefundHistory & { readonly isLastReturn: boolean };
};

/**
 * A computed line. `discountMinor` includes the line's share of the bill discount;
 * grossMinor = line amount before discount, netMinor = gross − discount (tax-inclusive), and
 * taxable + CGST + SGST + IGST + cess = net. `cessMinor` is the ad valorem cess plus the
 * specific cess; the specific cess rate is kept on the line (only when there is one) so that a
 * return charges back the same.
 */
export type BillLine = Omit<
  BillLineInput,
  'currency' | 'cessSpecificMinor' | 'cessSpecificPerQty'
> & {
  /** The specific cess rate, only on a line that has one (as the sale line stores it). */
  readonly cessSpecificMinor?: number;
  readonly cessSpecificPerQty?: number;
  readonly lineNo: number;
  readonly grossMinor: number;
  readonly netMinor: number;
  readonly taxableMinor: number;
  readonly cgstMinor: number;
  readonly sgstMinor: number;
  readonly igstMinor: number;
  readonly cessMinor: number;
};

/** The tax of all lines at one (GST rate, cess rate), as printed in the bill's tax table. */
export type BillTaxBreakdownRow = {
  readonly gstRateBp: number;
  readonly cessRateBp: number;
  readonly taxableMinor: number;
  readonly cgstMinor: number;
  readonly sgstMinor: number;
  readonly igstMinor: number;
  readonly cessMinor: number;
};

/** A bill's totals: sums of its lines, then the round-off to the cash increment. */
export type BillTotals = {
  readonly grossMinor: number;
  readonly discountMinor: number;
  readonly netMinor: number;
  readonly taxableMinor: number;
  readonly cgstMinor: number;
  readonly sgstMinor: number;
  readonly igstMinor: number;
  readonly cessMinor: number;
  /** totalMinor − netMinor. */
  readonly roundOffMinor: number;
  /** Payable after rounding to the rupee (the currency's cash increment). */
  readonly totalMinor: number;
  /** Σ MRP × quantity: what the goods would cost at MRP. */
  readonly mrpTotalMinor: number;
  /** mrpTotalMinor − netMinor: what the customer saved against MRP. */
  readonly savingsMinor: number;
};

/** A settled tender, with nulls where a field does not apply (the sale document's shape). */
export type BillPayment = {
  readonly method: PaymentMethod;
  readonly amountMinor: number;
  /** Cash handed over (defaults to the amount); null for other methods. */
  readonly tenderedMinor: number | null;
  /** tendered − amount for cash; 0 for other methods. */
  readonly changeMinor: number;
  readonly reference: string | null;
  readonly customerId: string | null;
};

/** How the payable total was settled. */
export type BillSettlement = {
  readonly payableMinor: number;
  /** Received now: cash, UPI and card amounts. */
  readonly paidMinor: number;
  /** Charged to the customer's account. */
  readonly creditMinor: number;
  readonly changeMinor: number;
  /** payable − paid: what the customer still owes (equals creditMinor on a valid bill). */
  readonly balanceDueMinor: number;
};

/** A computed, valid bill. */
export type Bill = {
  readonly currency: CurrencyCode;
  readonly supplyType: SupplyType;
  /** What `computeBill` computed: a tax invoice or a bill of supply (absent on older bills). */
  readonly invoiceKind?: BillInvoiceKind;
  readonly lines: readonly BillLine[];
  readonly billDiscountMinor: number;
  /** One row per (GST rate, cess rate), ascending. */
  readonly taxBreakdown: readonly BillTaxBreakdownRow[];
  readonly totals: BillTotals;
  readonly payments: readonly BillPayment[];
  readonly settlement: BillSettlement;
};

/** Why a bill was refused. */
export type BillErrorCode =
  | 'EMPTY_BILL'
  | 'UNKNOWN_CURRENCY'
  | 'MIXED_CURRENCY'
  | 'NEGATIVE_QUANTITY'
  | 'INVALID_AMOUNT'
  | 'INVALID_PRICE_BASIS'
  | 'INVALID_RATE'
  | 'INVALID_INVOICE_KIND'
  | 'SPECIFIC_CESS_EXCEEDS_AMOUNT'
  | 'INVALID_HSN'
  | 'OVER_MRP'
  | 'DISCOUNT_EXCEEDS_AMOUNT'
  | 'AMOUNT_TOO_LARGE'
  | 'PAYMENT_REFERENCE_REQUIRED'
  | 'CHANGE_ONLY_FROM_CASH'
  | 'TENDERED_LESS_THAN_AMOUNT'
  | 'CREDIT_CUSTOMER_REQUIRED'
  | 'CREDIT_NOT_ALLOWED'
  | 'UNDERPAID'
  | 'OVERPAID';

/** One problem with a bill: a code, a message for the cashier, and details naming the line or payment. */
export type BillIssue = {
  readonly code: BillErrorCode;
  readonly message: string;
  readonly details: Readonly<Record<string, unknown>>;
};

/** The outcome of `computeBill`: the bill, or every problem found. */
export type BillResult =
  | { readonly ok: true; readonly bill: Bill }
  | { readonly ok: false; readonly errors: readonly BillIssue[] };
