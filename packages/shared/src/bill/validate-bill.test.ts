import { describe, expect, it } from 'vitest';
import { base, ghee, rice, shampoo } from './bill.fixtures';
import { type BillInput } from './bill-types';
import { validateBill } from './compute-bill';

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

  it('refuses an unknown invoice kind and a specific cess that is not whole or lacks its quantity', () => {
    expect(codes({ ...base, invoiceKind: 'receipt' as 'tax-invoice' })).toEqual([
      'INVALID_INVOICE_KIND',
    ]);
    expect(codes({ ...base, lines: [{ ...shampoo, cessSpecificMinor: 207600 }] })).toEqual([
      'INVALID_RATE',
    ]);
    expect(
      codes({ ...base, lines: [{ ...shampoo, cessSpecificMinor: -1, cessSpecificPerQty: 1000 }] }),
    ).toEqual(['INVALID_RATE']);
    // A specific cess too large for exact arithmetic (1e8 sticks × ₹1e6 each) is refused, never
    // thrown, though the line amount itself (1e8 paise) is fine.
    const stick = { ...shampoo, qtyBase: 1e8, unitPriceMinor: 1, mrpMinor: 1 };
    expect(
      codes({ ...base, lines: [{ ...stick, cessSpecificMinor: 1e8, cessSpecificPerQty: 1 }] }),
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
