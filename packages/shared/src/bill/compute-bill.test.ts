import { describe, expect, it } from 'vitest';
import { base, billOf, ghee, rice, shampoo } from './bill.fixtures';

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
