import { isValidHsn, isWithinMrp, specificCessProblem } from '../gst/index';
import { isCurrencyCode } from '../money/index';
import {
  type BillInput,
  type BillIssue,
  type BillLineInput,
  type PaymentInput,
} from './bill-types';

/**
 * Checks of a bill's input that need no arithmetic: shapes, signs, the MRP ceiling and payment
 * rules. Every problem is reported, not just the first, so the cashier fixes a bill in one go.
 */

function isNonNegativeInteger(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 0;
}

function lineIssues(line: BillLineInput, lineNo: number, input: BillInput): BillIssue[] {
  const at = { lineNo, productId: line.productId };
  const issues: BillIssue[] = [];
  const add = (code: BillIssue['code'], message: string, extra: Record<string, unknown> = {}) => {
    issues.push({
      code,
      message: `Line ${lineNo} (${line.name}): ${message}`,
      details: { ...at, ...extra },
    });
  };
  if (line.currency !== undefined && line.currency !== input.currency) {
    add('MIXED_CURRENCY', `priced in ${line.currency}, the bill is in ${input.currency}.`, {
      currency: line.currency,
      billCurrency: input.currency,
    });
  }
  if (!Number.isSafeInteger(line.qtyBase)) {
    add('INVALID_AMOUNT', 'quantity must be a whole number of base units.', {
      qtyBase: line.qtyBase,
    });
  } else if (line.qtyBase <= 0) {
    add('NEGATIVE_QUANTITY', `quantity must be more than zero, got ${line.qtyBase}.`, {
      qtyBase: line.qtyBase,
    });
  }
  if (!Number.isSafeInteger(line.priceBasisQty) || line.priceBasisQty <= 0) {
    add('INVALID_PRICE_BASIS', 'price basis must be a positive whole quantity.', {
      priceBasisQty: line.priceBasisQty,
    });
  }
  for (const field of ['unitPriceMinor', 'mrpMinor', 'discountMinor'] as const) {
    if (!isNonNegativeInteger(line[field])) {
      add('INVALID_AMOUNT', `${field} must be a whole number of minor units ≥ 0.`, {
        [field]: line[field],
      });
    }
  }
  for (const field of ['gstRateBp', 'cessRateBp'] as const) {
    if (!isNonNegativeInteger(line[field])) {
      add('INVALID_RATE', `${field} must be whole basis points ≥ 0.`, { [field]: line[field] });
    }
  }
  const specificProblem = specificCessProblem(line);
  if (specificProblem !== null) {
    add('INVALID_RATE', specificProblem, {
      cessSpecificMinor: line.cessSpecificMinor,
      cessSpecificPerQty: line.cessSpecificPerQty,
    });
  }
  if (!isValidHsn(line.hsn))
    add('INVALID_HSN', `HSN "${line.hsn}" must be 4, 6 or 8 digits.`, { hsn: line.hsn });
  if (!isWithinMrp(line.unitPriceMinor, line.mrpMinor)) {
    add('OVER_MRP', 'price is above the MRP.', {
      unitPriceMinor: line.unitPriceMinor,
      mrpMinor: line.mrpMinor,
    });
  }
  return issues;
}

function paymentIssues(payment: PaymentInput, paymentIndex: number, input: BillInput): BillIssue[] {
  const at = { paymentIndex, method: payment.method };
  const issues: BillIssue[] = [];
  const add = (code: BillIssue['code'], message: string, extra: Record<string, unknown> = {}) => {
    issues.push({
      code,
      message: `Payment ${paymentIndex + 1} (${payment.method}): ${message}`,
      details: { ...at, ...extra },
    });
  };
  const tendered = payment.tenderedMinor ?? null;
  if (payment.currency !== undefined && payment.currency !== input.currency) {
    add('MIXED_CURRENCY', `paid in ${payment.currency}, the bill is in ${input.currency}.`, {
      currency: payment.currency,
      billCurrency: input.currency,
    });
  }
  if (!Number.isSafeInteger(payment.amountMinor) || payment.amountMinor <= 0) {
    add('INVALID_AMOUNT', 'amount must be a whole number of minor units > 0.', {
      amountMinor: payment.amountMinor,
    });
  }
  if (tendered !== null && !isNonNegativeInteger(tendered)) {
    add('INVALID_AMOUNT', 'tendered must be a whole number of minor units ≥ 0.', {
      tenderedMinor: tendered,
    });
  } else if (payment.method === 'cash' && tendered !== null && tendered < payment.amountMinor) {
    add('TENDERED_LESS_THAN_AMOUNT', 'less cash was handed over than the amount it pays.', {
      amountMinor: payment.amountMinor,
      tenderedMinor: tendered,
    });
  } else if (payment.method !== 'cash' && tendered !== null && tendered !== payment.amountMinor) {
    add('CHANGE_ONLY_FROM_CASH', 'only cash can be tendered above its amount and give change.', {
      amountMinor: payment.amountMinor,
      tenderedMinor: tendered,
    });
  }
  if (
    (payment.method === 'upi' || payment.method === 'card') &&
    (payment.reference ?? '').trim() === ''
  ) {
    add('PAYMENT_REFERENCE_REQUIRED', 'needs the transaction reference.');
  }
  if (payment.method === 'credit') {
    if ((payment.customerId ?? '').trim() === '')
      add('CREDIT_CUSTOMER_REQUIRED', 'credit needs a customer.');
    if (input.allowCredit !== true)
      add('CREDIT_NOT_ALLOWED', 'this bill may not be put on credit.');
  }
  return issues;
}

/**
 * Every input problem of a bill that can be found without computing it.
 * @example
 * billInputIssues({ currency: 'INR', supplyType: 'intra', lines: [], billDiscountMinor: 0, payments: [] });
 * // [{ code: 'EMPTY_BILL', message: 'The bill has no lines.', details: {} }]
 */
export function billInputIssues(input: BillInput): BillIssue[] {
  const issues: BillIssue[] = [];
  if (!isCurrencyCode(input.currency)) {
    issues.push({
      code: 'UNKNOWN_CURRENCY',
      message: `"${String(input.currency)}" is not a known currency.`,
      details: { currency: input.currency },
    });
    return issues;
  }
  // A client can send any string; the type alone does not keep one out.
  const invoiceKind: unknown = input.invoiceKind;
  if (
    invoiceKind !== undefined &&
    invoiceKind !== 'tax-invoice' &&
    invoiceKind !== 'bill-of-supply'
  ) {
    issues.push({
      code: 'INVALID_INVOICE_KIND',
      message: `${JSON.stringify(invoiceKind)} is neither a tax invoice nor a bill of supply.`,
      details: { invoiceKind },
    });
  }
  if (input.lines.length === 0)
    issues.push({ code: 'EMPTY_BILL', message: 'The bill has no lines.', details: {} });
  if (!isNonNegativeInteger(input.billDiscountMinor)) {
    issues.push({
      code: 'INVALID_AMOUNT',
      message: 'The bill discount must be a whole number of minor units ≥ 0.',
      details: { billDiscountMinor: input.billDiscountMinor },
    });
  }
  input.lines.forEach((line, index) => issues.push(...lineIssues(line, index + 1, input)));
  input.payments.forEach((payment, index) => issues.push(...paymentIssues(payment, index, input)));
  return issues;
}
