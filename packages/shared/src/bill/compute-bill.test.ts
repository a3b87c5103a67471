import { describe, expect, it } from 'vitest';
import { type BillInput, type BillLineInput } from './bill-types';
import { computeBill, validateBill } from './compute-bill';

const shampoo: BillLineInput = {
  productId: 'p-shampoo',
  name: 'Shampoo 340 ml',
  hsn: '3305',
  qtyBase: 1,
  priceBasisQty: 1,
  unitPriceMinor: 11800,
  mrpMinor: 12000,
  discountMinor: 0,
  gstRateBp: 1800,
  cessRateBp: 0,
};
const ghee: BillLineInput = {
  productId: 'p-ghee',
  name: 'Ghee 500 ml',
  hsn: '0405',
  qtyBase: 2,
  priceBasisQty: 1,
  unitPriceMinor: 5250,
  mrpMinor: 5500,
  discountMinor: 0,
  gstRateBp: 500,
  cessRateBp: 0,
};
const rice: BillLineInput = {
  productId: 'p-rice',
  name: 'Sona masoori (loose)',
  hsn: '1006',
  qtyBase: 1250,
  priceBasisQty: 1000,
  unitPriceMinor: 6000,
  mrpMinor: 6000,
  discountMinor: 0,
  gstRateBp: 0,
  cessRateBp: 0,
};

const base: BillInput = {
  currency: 'INR',
  supplyType: 'intra',
  lines: [shampoo, ghee, rice],
  billDiscountMinor: 0,
  payments: [
    { method: 'cash', amountMinor: 20000, tenderedMinor: 50000 },
    { method: 'upi', amountMinor: 9800, reference: 'UPI-4711' },
  ],
};

function billOf(input: BillInput) {
  const result = computeBill(input);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.bill;
}

describe('computeBill', () => {
  it('computes a mixed-rate intra-state bill, checked by hand', () => {
    const bill = billOf(base);
    expect(
      bill.lines.map((l) => [
        l.lineNo,
        l.grossMinor,
        l.discountMinor,
        l.netMinor,
        l.taxableMinor,
        l.cgstMinor,
        l.sgstMinor,
      ]),
    ).toEqual([
      [1, 11800, 0, 11800, 10000, 900, 900],
      [2, 10500, 0, 10500, 10000, 250, 250],
      [3, 7500, 0, 7500, 7500, 0, 0],
    ]);
    expect(bill.taxBreakdown).toEqual([
      {
        gstRateBp: 0,
        cessRateBp: 0,
        taxableMinor: 7500,
        cgstMinor: 0,
        sgstMinor: 0,
        igstMinor: 0,
        cessMinor: 0,
      },
      {
        gstRateBp: 500,
        cessRateBp: 0,
        taxableMinor: 10000,
        cgstMinor: 250,
        sgstMinor: 250,
        igstMinor: 0,
        cessMinor: 0,
      },
      {
        gstRateBp: 1800,
        cessRateBp: 0,
        taxableMinor: 10000,
        cgstMinor: 900,
        sgstMinor: 900,
        igstMinor: 0,
        cessMinor: 0,
      },
    ]);
    expect(bill.totals).toEqual({
      grossMinor: 29800,
      discountMinor: 0,
      netMinor: 29800,
      taxableMinor: 27500,
      cgstMinor: 1150,
      sgstMinor: 1150,
      igstMinor: 0,
      cessMinor: 0,
      roundOffMinor: 0,
      totalMinor: 29800,
      mrpTotalMinor: 30500,
      savingsMinor: 700,
    });
    expect(bill.payments).toEqual([
      {
        method: 'cash',
        amountMinor: 20000,
        tenderedMinor: 50000,
        changeMinor: 30000,
        reference: null,
        customerId: null,
      },
      {
        method: 'upi',
        amountMinor: 9800,
        tenderedMinor: null,
        changeMinor: 0,
        reference: 'UPI-4711',
        customerId: null,
      },
    ]);
    expect(bill.settlement).toEqual({
      payableMinor: 29800,
      paidMinor: 29800,
      creditMinor: 0,
      changeMinor: 30000,
      balanceDueMinor: 0,
    });
  });

  it('charges IGST inter-state: ₹140 at 40 % → taxable ₹100.00, IGST ₹40.00', () => {
    const cola = {
      ...shampoo,
      productId: 'p-cola',
      hsn: '2202',
      unitPriceMinor: 14000,
      mrpMinor: 14000,
      gstRateBp: 4000,
    };
    const bill = billOf({
      ...base,
      supplyType: 'inter',
      lines: [cola],
      payments: [{ method: 'cash', amountMinor: 14000 }],
    });
    expect(bill.lines[0]).toMatchObject({
      taxableMinor: 10000,
      cgstMinor: 0,
      sgstMinor: 0,
      igstMinor: 4000,
    });
    expect(bill.payments[0]).toMatchObject({ tenderedMinor: 14000, changeMinor: 0 });
  });

  it('spreads the bill discount over lines by net value and taxes the discounted net', () => {
    const a = { ...shampoo, unitPriceMinor: 30000, mrpMinor: 30000 };
    const b = { ...ghee, qtyBase: 1, unitPriceMinor: 10000, mrpMinor: 10000 };
    const bill = billOf({
      ...base,
      lines: [a, b],
      billDiscountMinor: 1000,
      payments: [{ method: 'cash', amountMinor: 39000 }],
    });
    // A: 29250 / 1.18 = 24788.13… → 24788, tax 4462; B: 9750 / 1.05 = 9285.71… → 9286, tax 464.
    expect(
      bill.lines.map((l) => [
        l.discountMinor,
        l.netMinor,
        l.taxableMinor,
        l.cgstMinor,
        l.sgstMinor,
      ]),
    ).toEqual([
      [750, 29250, 24788, 2231, 2231],
      [250, 9750, 9286, 232, 232],
    ]);
    expect(bill.totals).toMatchObject({
      discountMinor: 1000,
      netMinor: 39000,
      totalMinor: 39000,
      savingsMinor: 1000,
    });
  });

  it('gives a leftover discount paisa by line content, not position, so line order cannot change the tax', () => {
    const x = { ...shampoo, productId: 'p-x', unitPriceMinor: 1000, mrpMinor: 1000 };
    const y = { ...ghee, productId: 'p-y', qtyBase: 1, unitPriceMinor: 1000, mrpMinor: 1000 };
    const pay = [{ method: 'cash' as const, amountMinor: 2000 }];
    const xy = billOf({ ...base, lines: [x, y], billDiscountMinor: 1, payments: pay });
    const yx = billOf({ ...base, lines: [y, x], billDiscountMinor: 1, payments: pay });
    // p-x sorts first and gets the paisa: 999 at 18 % → 847, 1000 at 5 % → 952. Had p-y got it,
    // 1000 → 847 and 999 → 951: the taxable total would depend on the order of the lines.
    expect(xy.lines.map((l) => [l.productId, l.netMinor, l.taxableMinor])).toEqual([
      ['p-x', 999, 847],
      ['p-y', 1000, 952],
    ]);
    expect(yx.lines.map((l) => [l.productId, l.netMinor, l.taxableMinor])).toEqual([
      ['p-y', 1000, 952],
      ['p-x', 999, 847],
    ]);
    expect(yx.totals).toEqual(xy.totals);
  });

  it('rounds the payable to the rupee, half up, and shows the round-off', () => {
    const item = (price: number) => ({
      ...rice,
      qtyBase: 1,
      priceBasisQty: 1,
      unitPriceMinor: price,
      mrpMinor: price,
    });
    const down = billOf({
      ...base,
      lines: [item(10549)],
      payments: [{ method: 'cash', amountMinor: 10500 }],
    });
    expect(down.totals).toMatchObject({ netMinor: 10549, roundOffMinor: -49, totalMinor: 10500 });
    const up = billOf({
      ...base,
      lines: [item(10550)],
      payments: [{ method: 'cash', amountMinor: 10600 }],
    });
    expect(up.totals).toMatchObject({ netMinor: 10550, roundOffMinor: 50, totalMinor: 10600 });
  });

  it('puts the rest on credit for a customer when credit is allowed', () => {
    const bill = billOf({
      ...base,
      allowCredit: true,
      payments: [
        { method: 'cash', amountMinor: 10000 },
        { method: 'credit', amountMinor: 19800, customerId: 'c-42' },
      ],
    });
    expect(bill.settlement).toEqual({
      payableMinor: 29800,
      paidMinor: 10000,
      creditMinor: 19800,
      changeMinor: 0,
      balanceDueMinor: 19800,
    });
  });
});

describe('validateBill', () => {
  const codes = (input: BillInput) => validateBill(input).map((issue) => issue.code);

  it('accepts a valid bill', () => {
    expect(validateBill(base)).toEqual([]);
  });

  it('names the line in OVER_MRP, NEGATIVE_QUANTITY and DISCOUNT_EXCEEDS_AMOUNT', () => {
    expect(validateBill({ ...base, lines: [shampoo, { ...ghee, unitPriceMinor: 5600 }] })).toEqual([
      {
        code: 'OVER_MRP',
        message: 'Line 2 (Ghee 500 ml): price is above the MRP.',
        details: { lineNo: 2, productId: 'p-ghee', unitPriceMinor: 5600, mrpMinor: 5500 },
      },
    ]);
    expect(
      validateBill({
        ...base,
        lines: [
          { ...rice, qtyBase: 0 },
          { ...rice, qtyBase: -5 },
        ],
      }).map((i) => [i.code, i.details.lineNo]),
    ).toEqual([
      ['NEGATIVE_QUANTITY', 1],
      ['NEGATIVE_QUANTITY', 2],
    ]);
    expect(validateBill({ ...base, lines: [{ ...shampoo, discountMinor: 11801 }] })[0]).toEqual({
      code: 'DISCOUNT_EXCEEDS_AMOUNT',
      message: 'Line 1 (Shampoo 340 ml): discount 11801 is more than the line amount 11800.',
      details: { lineNo: 1, productId: 'p-shampoo', discountMinor: 11801, grossMinor: 11800 },
    });
    expect(codes({ ...base, billDiscountMinor: 29801 })).toEqual(['DISCOUNT_EXCEEDS_AMOUNT']);
  });

  it('refuses an empty bill, unknown or mixed currencies and malformed fields', () => {
    expect(codes({ ...base, lines: [] })).toEqual(['EMPTY_BILL']);
    expect(codes({ ...base, currency: 'XXX' as 'INR' })).toEqual(['UNKNOWN_CURRENCY']);
    expect(codes({ ...base, lines: [{ ...shampoo, currency: 'USD' }] })).toEqual([
      'MIXED_CURRENCY',
    ]);
    expect(
      codes({ ...base, payments: [{ method: 'cash', amountMinor: 29800, currency: 'USD' }] }),
    ).toEqual(['MIXED_CURRENCY']);
    expect(
      codes({
        ...base,
        lines: [{ ...shampoo, hsn: '33051', gstRateBp: -1, unitPriceMinor: 1.5, priceBasisQty: 0 }],
      }),
    ).toEqual(['INVALID_PRICE_BASIS', 'INVALID_AMOUNT', 'INVALID_RATE', 'INVALID_HSN']);
    expect(
      codes({
        ...base,
        lines: [{ ...shampoo, qtyBase: 1e15, unitPriceMinor: 1e9, mrpMinor: 1e9 }],
      }),
    ).toEqual(['AMOUNT_TOO_LARGE']);
  });

  it('checks payments: underpaid, overpaid, references, change and credit', () => {
    expect(validateBill({ ...base, payments: [{ method: 'cash', amountMinor: 20000 }] })).toEqual([
      {
        code: 'UNDERPAID',
        message: 'Payments cover 20000 of 29800; 9800 is still due.',
        details: { payableMinor: 29800, paidMinor: 20000, creditMinor: 0, shortfallMinor: 9800 },
      },
    ]);
    expect(codes({ ...base, payments: [{ method: 'cash', amountMinor: 30000 }] })).toEqual([
      'OVERPAID',
    ]);
    expect(
      codes({ ...base, payments: [{ method: 'card', amountMinor: 29800, reference: ' ' }] }),
    ).toEqual(['PAYMENT_REFERENCE_REQUIRED']);
    expect(
      codes({
        ...base,
        payments: [{ method: 'upi', amountMinor: 29800, reference: 'r', tenderedMinor: 30000 }],
      }),
    ).toEqual(['CHANGE_ONLY_FROM_CASH']);
    expect(
      codes({ ...base, payments: [{ method: 'cash', amountMinor: 29800, tenderedMinor: 20000 }] }),
    ).toEqual(['TENDERED_LESS_THAN_AMOUNT']);
    expect(codes({ ...base, payments: [{ method: 'credit', amountMinor: 29800 }] })).toEqual([
      'CREDIT_CUSTOMER_REQUIRED',
      'CREDIT_NOT_ALLOWED',
    ]);
    expect(
      codes({
        ...base,
        payments: [
          { method: 'cash', amountMinor: 0 },
          { method: 'cash', amountMinor: 29800 },
        ],
      }),
    ).toEqual(['INVALID_AMOUNT']);
  });

  it('reports line and payment problems together', () => {
    expect(
      codes({
        ...base,
        lines: [{ ...ghee, unitPriceMinor: 9999 }],
        payments: [{ method: 'upi', amountMinor: 1 }],
      }),
    ).toEqual(['OVER_MRP', 'PAYMENT_REFERENCE_REQUIRED']);
  });
});
