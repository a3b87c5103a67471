import { describe, expect, it } from 'vitest';
import { base, billOf, ghee, rice, shampoo } from '../bill/bill.fixtures';
import { SALE_DOCUMENT_CODES } from '../errors/index';
import { MAX_PLAUSIBLE_QTY_BASE } from '../stock/index';
import { checkSaleDocument } from './sale-document-checks';
import { saleDocumentOfBill, TEST_SALE } from './sale-document.fixtures';

const ORIGINAL_ID = '01890a5d-ac96-774b-bcce-b302099a8058';
const [line0, line1] = TEST_SALE.lines;
if (!line0 || !line1) throw new Error('TEST_SALE has three lines');

describe('checkSaleDocument', () => {
  it('accepts a sale made from a computed bill, in its own store', () => {
    expect(checkSaleDocument(TEST_SALE, { storeId: 'store-1' })).toEqual([]);
  });

  it('accepts an inter-state bill carrying IGST', () => {
    const bill = billOf({
      currency: 'INR',
      supplyType: 'inter',
      lines: [shampoo, ghee, rice],
      billDiscountMinor: 0,
      payments: [{ method: 'card', amountMinor: 29800, reference: 'AUTH-1' }],
    });
    const sale = saleDocumentOfBill(bill);
    expect(sale.totals.igstMinor).toBeGreaterThan(0);
    expect(checkSaleDocument(sale)).toEqual([]);
  });

  it('refuses a document of another store only when the store is given', () => {
    expect(checkSaleDocument(TEST_SALE, { storeId: 'store-2' })).toEqual([
      {
        code: 'SCOPE_VIOLATION',
        path: 'storeId',
        message: 'The sale names a store this device is not enrolled in.',
      },
    ]);
    expect(checkSaleDocument(TEST_SALE)).toEqual([]);
  });

  it('lets only a return point at an original, and every return', () => {
    expect(checkSaleDocument({ ...TEST_SALE, originalSaleId: ORIGINAL_ID })).toEqual([
      {
        code: 'SALE_WITH_ORIGINAL',
        path: 'originalSaleId',
        message: 'Only a return may point at an original sale.',
      },
    ]);
    expect(checkSaleDocument({ ...TEST_SALE, kind: 'return' })).toEqual([
      {
        code: 'RETURN_WITHOUT_ORIGINAL',
        path: 'originalSaleId',
        message: 'A return must point at the sale it reverses.',
      },
    ]);
    expect(
      checkSaleDocument({ ...TEST_SALE, kind: 'return', originalSaleId: ORIGINAL_ID }),
    ).toEqual([]);
  });

  it('refuses two lines with one line number, naming the second', () => {
    const lines = [line0, { ...line1, lineNo: line0.lineNo }, ...TEST_SALE.lines.slice(2)];
    expect(checkSaleDocument({ ...TEST_SALE, lines })).toEqual([
      {
        code: 'DUPLICATE_LINE_NO',
        path: 'lines.1.lineNo',
        message: 'Two lines of the bill share a line number.',
      },
    ]);
  });

  it('refuses an implausible quantity', () => {
    const qtyBase = MAX_PLAUSIBLE_QTY_BASE + 1;
    const lines = [{ ...line0, qtyBase }, ...TEST_SALE.lines.slice(1)];
    expect(checkSaleDocument({ ...TEST_SALE, lines })).toEqual([
      {
        code: 'QTY_IMPLAUSIBLE',
        path: 'lines.0.qtyBase',
        message: `A quantity of ${qtyBase} base units is implausible.`,
      },
    ]);
    const atLimit = [{ ...line0, qtyBase: MAX_PLAUSIBLE_QTY_BASE }, ...TEST_SALE.lines.slice(1)];
    expect(checkSaleDocument({ ...TEST_SALE, lines: atLimit })).toEqual([]);
  });

  it('refuses a line whose gross − discount is not its net', () => {
    const lines = [line0, { ...line1, discountMinor: line1.discountMinor + 1 }];
    const problems = checkSaleDocument({
      ...TEST_SALE,
      lines: [...lines, ...TEST_SALE.lines.slice(2)],
    });
    expect(problems[0]).toEqual({
      code: 'LINE_ARITHMETIC',
      path: 'lines.1.netMinor',
      message: `Line ${line1.lineNo}: gross − discount must equal net, and taxable + taxes must equal net.`,
    });
  });

  it('refuses a line whose taxable value and taxes do not add up to its net', () => {
    const lines = [{ ...line0, cgstMinor: line0.cgstMinor + 1, sgstMinor: line0.sgstMinor - 1 }];
    // Moving a paisa between the heads keeps the line's sum: only the totals no longer match.
    expect(
      checkSaleDocument({ ...TEST_SALE, lines: [...lines, ...TEST_SALE.lines.slice(1)] }).map(
        (problem) => [problem.code, problem.path],
      ),
    ).toEqual([
      ['TOTALS_MISMATCH', 'totals.cgstMinor'],
      ['TOTALS_MISMATCH', 'totals.sgstMinor'],
    ]);
    const taxable = [{ ...line0, taxableMinor: line0.taxableMinor - 1 }];
    expect(
      checkSaleDocument({ ...TEST_SALE, lines: [...taxable, ...TEST_SALE.lines.slice(1)] }).map(
        (problem) => [problem.code, problem.path],
      ),
    ).toEqual([
      ['LINE_ARITHMETIC', 'lines.0.netMinor'],
      ['TOTALS_MISMATCH', 'totals.taxableMinor'],
    ]);
  });

  it('refuses IGST on an intra-state supply and CGST/SGST on an inter-state one', () => {
    const { cgstMinor, sgstMinor } = line0;
    const igst = { ...line0, cgstMinor: 0, sgstMinor: 0, igstMinor: cgstMinor + sgstMinor };
    const intra = checkSaleDocument({
      ...TEST_SALE,
      lines: [igst, ...TEST_SALE.lines.slice(1)],
    });
    expect(intra[0]).toEqual({
      code: 'SUPPLY_TYPE_TAX',
      path: 'lines.0.igstMinor',
      message: `Line ${line0.lineNo}: intra-state supply carries CGST+SGST, inter-state IGST only.`,
    });
    const inter = checkSaleDocument({ ...TEST_SALE, supplyType: 'inter' });
    expect(inter.map((problem) => [problem.code, problem.path])).toEqual([
      ['SUPPLY_TYPE_TAX', 'lines.0.cgstMinor'],
      ['SUPPLY_TYPE_TAX', 'lines.1.cgstMinor'],
    ]);
  });

  it('refuses each total that is not the sum of the lines', () => {
    for (const field of ['grossMinor', 'discountMinor', 'netMinor', 'cessMinor'] as const) {
      const totals = { ...TEST_SALE.totals, [field]: TEST_SALE.totals[field] + 100 };
      expect(checkSaleDocument({ ...TEST_SALE, totals })[0]).toEqual({
        code: 'TOTALS_MISMATCH',
        path: `totals.${field}`,
        message: `totals.${field} is not the sum of the lines.`,
      });
    }
  });

  it('refuses a total that is not net + round-off, and payments that do not add up to it', () => {
    const roundOff = { ...TEST_SALE.totals, roundOffMinor: TEST_SALE.totals.roundOffMinor + 1 };
    expect(checkSaleDocument({ ...TEST_SALE, totals: roundOff })).toEqual([
      {
        code: 'TOTALS_MISMATCH',
        path: 'totals.totalMinor',
        message: 'totals.totalMinor must be netMinor + roundOffMinor.',
      },
    ]);
    const [cash, upi] = TEST_SALE.payments;
    if (!cash || !upi) throw new Error('TEST_SALE has two payments');
    expect(
      checkSaleDocument({
        ...TEST_SALE,
        payments: [{ ...cash, amountMinor: cash.amountMinor - 1 }, upi],
      }),
    ).toEqual([
      {
        code: 'PAYMENTS_MISMATCH',
        path: 'payments',
        message: 'The payments do not add up to the bill total.',
      },
    ]);
  });

  it('refuses a return refunding more than is left of what was paid, when the history is known', () => {
    const credit = { ...TEST_SALE, kind: 'return' as const, originalSaleId: ORIGINAL_ID };
    const paid = credit.totals.totalMinor;
    const history = { paidMinor: paid, returnedNetMinor: 100, refundedMinor: 100 };
    expect(checkSaleDocument(credit, { refundHistory: history })).toEqual([
      {
        code: 'REFUND_EXCEEDS_PAID',
        path: 'totals.totalMinor',
        message: `The return refunds ${paid}; only ${paid - 100} of the ${paid} paid is left to refund.`,
      },
    ]);
    const untouched = { paidMinor: paid, returnedNetMinor: 0, refundedMinor: 0 };
    expect(checkSaleDocument(credit, { refundHistory: untouched })).toEqual([]);
    // A sale is never held to a refund cap.
    expect(checkSaleDocument(TEST_SALE, { refundHistory: history })).toEqual([]);
  });

  it('sums exactly: amounts near 2^53 cannot round their way to a match', () => {
    const big = 2 ** 52;
    const lines = [
      {
        ...line0,
        grossMinor: big,
        netMinor: big,
        taxableMinor: big - 1,
        cgstMinor: 1,
        sgstMinor: 0,
      },
      { ...line1, grossMinor: big, netMinor: big, taxableMinor: big, cgstMinor: 0, sgstMinor: 0 },
    ];
    const totals = {
      ...TEST_SALE.totals,
      grossMinor: 2 * big,
      discountMinor: 0,
      netMinor: 2 * big,
      taxableMinor: 2 * big - 1,
      cgstMinor: 1,
      sgstMinor: 0,
      roundOffMinor: 0,
      totalMinor: 2 * big,
    };
    const doc = {
      ...TEST_SALE,
      lines: lines.map((line) => ({ ...line, discountMinor: 0 })),
      totals,
      payments: [{ ...TEST_SALE.payments[0]!, amountMinor: 2 * big }],
    };
    expect(checkSaleDocument(doc)).toEqual([]);
    // 2^53 + 1 is not a double: in floating point this total would equal the sum of the lines.
    const off = { ...doc, totals: { ...totals, taxableMinor: 2 * big } };
    expect(checkSaleDocument(off).map((problem) => problem.path)).toEqual(['totals.taxableMinor']);
  });

  describe('buyer, place of supply and kind of invoice (sale v2)', () => {
    const interBill = billOf({
      currency: 'INR',
      supplyType: 'inter',
      lines: [shampoo, ghee, rice],
      billDiscountMinor: 0,
      payments: [{ method: 'card', amountMinor: 29800, reference: 'AUTH-1' }],
    });
    // A Karnataka store (29) selling to a registered buyer in Tamil Nadu (33): IGST.
    const b2b = saleDocumentOfBill(interBill, {
      buyer: { gstin: '33AABCT1332L1ZL', name: 'Hotel Annapoorna', stateCode: '33', address: '' },
      placeOfSupply: '33',
      invoiceKind: 'tax-invoice',
    });
    const codes = (doc: typeof TEST_SALE, storeStateCode?: string) =>
      checkSaleDocument(doc, { storeStateCode }).map((problem) => [problem.code, problem.path]);

    it('accepts a B2B inter-state invoice, and a v1 sale whatever the store state', () => {
      expect(checkSaleDocument(b2b, { storeId: 'store-1', storeStateCode: '29' })).toEqual([]);
      expect(TEST_SALE.buyer).toBeUndefined();
      expect(checkSaleDocument(TEST_SALE, { storeStateCode: '29' })).toEqual([]);
      // A v1 inter-state sale records no place of supply: nothing to hold its supply type to.
      expect(checkSaleDocument(saleDocumentOfBill(interBill), { storeStateCode: '29' })).toEqual(
        [],
      );
    });

    it('refuses a buyer GSTIN whose check character is wrong', () => {
      const buyer = { ...b2b.buyer!, gstin: '33AABCT1332L1ZA' };
      expect(checkSaleDocument({ ...b2b, buyer }, { storeStateCode: '29' })).toEqual([
        {
          code: 'BUYER_GSTIN_INVALID',
          path: 'buyer.gstin',
          message: 'The GSTIN check character does not match: a character is mistyped.',
        },
      ]);
    });

    it('refuses a buyer whose GSTIN is of another state than the one recorded', () => {
      const buyer = { ...b2b.buyer!, stateCode: '29' };
      expect(codes({ ...b2b, buyer, placeOfSupply: '29' })).toEqual([
        ['PLACE_OF_SUPPLY_MISMATCH', 'buyer.stateCode'],
      ]);
    });

    it('refuses a place of supply other than the buyer state, or no state at all', () => {
      expect(codes({ ...b2b, placeOfSupply: '29' })).toEqual([
        ['PLACE_OF_SUPPLY_MISMATCH', 'placeOfSupply'],
      ]);
      const unregistered = { gstin: null, name: 'Walk-in', stateCode: '98', address: '' };
      expect(codes({ ...b2b, buyer: unregistered, placeOfSupply: '98' })).toEqual([
        ['PLACE_OF_SUPPLY_MISMATCH', 'buyer.stateCode'],
        ['PLACE_OF_SUPPLY_MISMATCH', 'placeOfSupply'],
      ]);
    });

    it('holds the supply type to the place of supply when the store state is given', () => {
      // Same buyer, same bill: from a Tamil Nadu store the supply is intra-state.
      expect(codes(b2b, '33')).toEqual([['PLACE_OF_SUPPLY_MISMATCH', 'supplyType']]);
      expect(codes(b2b)).toEqual([]);
      const intra = { ...TEST_SALE, placeOfSupply: '29' };
      expect(codes(intra, '29')).toEqual([]);
      expect(codes(intra, '27')).toEqual([['PLACE_OF_SUPPLY_MISMATCH', 'supplyType']]);
      // A buyer without a recorded place of supply implies the buyer's state.
      expect(codes({ ...b2b, placeOfSupply: undefined }, '29')).toEqual([]);
      expect(codes({ ...b2b, placeOfSupply: undefined, supplyType: 'intra' }, '29')).toEqual([
        ['SUPPLY_TYPE_TAX', 'lines.0.igstMinor'],
        ['SUPPLY_TYPE_TAX', 'lines.1.igstMinor'],
        ['PLACE_OF_SUPPLY_MISMATCH', 'supplyType'],
      ]);
    });

    it('refuses tax on a bill of supply, line by line', () => {
      const bill = billOf({
        ...base,
        lines: [rice, { ...ghee, gstRateBp: 0 }],
        payments: [{ method: 'cash', amountMinor: 18000 }],
      });
      const ofSupply = saleDocumentOfBill(bill, { invoiceKind: 'bill-of-supply' });
      expect(ofSupply.totals.cgstMinor).toBe(0);
      expect(checkSaleDocument(ofSupply)).toEqual([]);
      expect(codes({ ...TEST_SALE, invoiceKind: 'bill-of-supply' })).toEqual([
        ['BILL_OF_SUPPLY_WITH_TAX', 'lines.0.cgstMinor'],
        ['BILL_OF_SUPPLY_WITH_TAX', 'lines.1.cgstMinor'],
      ]);
    });
  });

  it('lists every problem in the order of SALE_DOCUMENT_CODES', () => {
    const broken = {
      ...TEST_SALE,
      storeId: 'store-9',
      originalSaleId: ORIGINAL_ID,
      lines: TEST_SALE.lines.map((line) => ({ ...line, lineNo: 1, netMinor: line.netMinor + 1 })),
      payments: [],
    };
    const codes = checkSaleDocument(broken, { storeId: 'store-1' }).map((problem) => problem.code);
    const order = codes.map((code) => SALE_DOCUMENT_CODES.indexOf(code));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(new Set(codes)).toEqual(
      new Set([
        'SCOPE_VIOLATION',
        'SALE_WITH_ORIGINAL',
        'DUPLICATE_LINE_NO',
        'LINE_ARITHMETIC',
        'TOTALS_MISMATCH',
        'PAYMENTS_MISMATCH',
      ]),
    );
  });
});
