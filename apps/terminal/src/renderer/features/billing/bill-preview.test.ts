import { describe, expect, it } from 'vitest';
import { createCatalogue } from '../../catalogue/catalogue';
import { riceLabel, TEST_CATALOGUE, TEST_PRICE_CONTEXT } from '../../testing/catalogue-fixtures';
import {
  isCompositionInterState,
  maxBillDiscountMinor,
  placeOfSupplyOf,
  previewBill,
  type BillContext,
} from './bill-preview';
import { cartReducer, EMPTY_CART, type CartState } from './cart';
import { resolveScan } from './scan';

const context: BillContext = { currency: 'INR', allowCredit: false, storeStateCode: '29' };
const catalogue = createCatalogue(TEST_CATALOGUE);

function cartOf(...codes: string[]): CartState {
  return codes.reduce((state, code, index) => {
    const outcome = resolveScan(catalogue, code, TEST_PRICE_CONTEXT);
    if (outcome.kind !== 'line') throw new Error(`cannot scan ${code}`);
    return cartReducer(state, { type: 'add', line: { ...outcome.line, key: `k${index}` } });
  }, EMPTY_CART);
}

describe('previewBill', () => {
  it('shows totals and GST of an unpaid bill with the amount due', () => {
    // Salt ₹28 (5 %), soap ₹40 (18 %), 1.25 kg rice at ₹58/kg = ₹72.50 (5 %).
    const preview = previewBill(cartOf('8901058000012', '8901030000017', riceLabel(1250)), context);
    expect(preview.kind).toBe('due');
    if (preview.kind !== 'due') return;
    expect(preview.bill.totals).toMatchObject({
      netMinor: 14050,
      roundOffMinor: 50,
      totalMinor: 14100,
      mrpTotalMinor: 2800 + 4500 + 7500,
      savingsMinor: 14800 - 14050,
    });
    expect(preview.bill.taxBreakdown.map((row) => row.gstRateBp)).toEqual([500, 1800]);
    expect(preview.payableMinor).toBe(14100);
    expect(preview.dueMinor).toBe(14100);
    expect(preview.bill.lines.map((line) => line.netMinor)).toEqual([2800, 4000, 7250]);
  });

  it('charges IGST instead of CGST + SGST when the buyer is in another state, same total', () => {
    const cart = cartOf('8901058000012', '8901030000017');
    const intra = previewBill(cart, context);
    const buyer = {
      gstin: '33AABCT1332L1ZL',
      name: 'Hotel Saravana',
      stateCode: '33',
      address: '',
    };
    const inter = previewBill(cartReducer(cart, { type: 'setBuyer', buyer }), context);
    if (intra.kind !== 'due' || inter.kind !== 'due') throw new Error('not due');
    expect(intra.bill.supplyType).toBe('intra');
    expect(inter.bill.supplyType).toBe('inter');
    expect(inter.bill.totals.totalMinor).toBe(intra.bill.totals.totalMinor);
    expect(inter.bill.totals.cgstMinor + inter.bill.totals.sgstMinor).toBe(0);
    expect(inter.bill.totals.igstMinor).toBe(
      intra.bill.totals.cgstMinor + intra.bill.totals.sgstMinor,
    );
    // A buyer in the store's own state is intra-state, as is a store whose state is not known.
    const local = cartReducer(cart, { type: 'setBuyer', buyer: { ...buyer, stateCode: '29' } });
    expect(placeOfSupplyOf(local, context)).toEqual({ stateCode: '29', supplyType: 'intra' });
    expect(placeOfSupplyOf(cart, { currency: 'INR', allowCredit: false })).toBeNull();
  });

  it('charges no tax on a bill of supply (composition store): taxable is the net, same total', () => {
    const cart = cartOf('8901058000012', '8901030000017');
    const taxed = previewBill(cart, context);
    const supply = previewBill(cart, { ...context, composition: true });
    if (taxed.kind !== 'due' || supply.kind !== 'due') throw new Error('not due');
    expect(supply.bill.totals).toMatchObject({
      taxableMinor: 6800,
      cgstMinor: 0,
      sgstMinor: 0,
      igstMinor: 0,
      cessMinor: 0,
      totalMinor: taxed.bill.totals.totalMinor,
    });
    expect(supply.bill.taxBreakdown).toEqual([]);
    // Within its state only: a buyer in another state is refused (Section 10(2)(c)).
    const buyer = { gstin: null, name: 'Ravi Caterers', stateCode: '33', address: '' };
    const away = cartReducer(cart, { type: 'setBuyer', buyer });
    expect(isCompositionInterState(away, { ...context, composition: true })).toBe(true);
    expect(isCompositionInterState(away, context)).toBe(false);
    expect(isCompositionInterState(cart, { ...context, composition: true })).toBe(false);
  });

  it('takes the specific cess of a line out of its net before GST', () => {
    // ₹100 with ₹4.17 specific cess per stick: net 10000 − 417 = 9583 split at 28 %:
    // taxable round(9583 / 1.28) = 7487, GST 2096; cess = 417.
    const line = { ...cartOf('8901030000017').lines[0]!, unitPriceMinor: 10_000, mrpMinor: 10_000 };
    const cart = cartReducer(EMPTY_CART, {
      type: 'add',
      line: { ...line, gstRateBp: 2800, cessSpecificMinor: 417_000, cessSpecificPerQty: 1000 },
    });
    const preview = previewBill(cart, context);
    if (preview.kind !== 'due') throw new Error('not due');
    expect(preview.bill.totals).toMatchObject({ taxableMinor: 7487, cessMinor: 417 });
    expect(preview.bill.totals.cgstMinor + preview.bill.totals.sgstMinor).toBe(2096);
  });

  it('is ready once split payments settle the total, with change on the cash part', () => {
    let cart = cartOf('8901058000012', '8901030000017');
    cart = cartReducer(cart, {
      type: 'addPayment',
      payment: { method: 'upi', amountMinor: 5000, reference: 'UPI123' },
    });
    const partly = previewBill(cart, context);
    expect(partly).toMatchObject({ kind: 'due', dueMinor: 1800 });
    cart = cartReducer(cart, {
      type: 'addPayment',
      payment: { method: 'cash', amountMinor: 1800, tenderedMinor: 2000 },
    });
    const ready = previewBill(cart, context);
    expect(ready.kind).toBe('ready');
    if (ready.kind === 'ready') expect(ready.bill.settlement.changeMinor).toBe(200);
  });

  it('refuses to settle the rest on credit unless credit is allowed for the customer', () => {
    const cart = cartReducer(cartOf('8901058000012'), {
      type: 'addPayment',
      payment: { method: 'credit', amountMinor: 2800, customerId: 'cust-1' },
    });
    expect(previewBill(cart, context)).toMatchObject({
      kind: 'due',
      issues: [{ code: 'CREDIT_NOT_ALLOWED' }],
    });
    expect(previewBill(cart, { ...context, allowCredit: true }).kind).toBe('ready');
  });

  it('reports an empty cart and a discount larger than the bill as invalid', () => {
    expect(previewBill(EMPTY_CART, context)).toMatchObject({
      kind: 'invalid',
      errors: [{ code: 'EMPTY_BILL' }],
    });
    const cart = cartReducer(cartOf('8901058000012'), {
      type: 'setBillDiscount',
      amountMinor: 5000,
    });
    expect(previewBill(cart, context)).toMatchObject({
      kind: 'invalid',
      errors: [{ code: 'DISCOUNT_EXCEEDS_AMOUNT' }],
    });
  });
});

describe('maxBillDiscountMinor', () => {
  it('rounds the limit down', () => {
    expect(maxBillDiscountMinor(10_000, 1000)).toBe(1000);
    expect(maxBillDiscountMinor(999, 1000)).toBe(99);
  });
});
