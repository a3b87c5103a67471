import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type BillInput, type BillLineInput, computeBill } from '../bill/index';
import type { Sale } from '../documents/index';
import { gstinCheckCharacter, placeOfSupply } from '../gst/index';
import { checkSaleDocument } from './sale-document-checks';
import { saleDocumentOfBill } from './sale-document.fixtures';

const LINE_AMOUNTS = [
  'grossMinor',
  'discountMinor',
  'netMinor',
  'taxableMinor',
  'cgstMinor',
  'sgstMinor',
  'igstMinor',
  'cessMinor',
] as const;

const lineArb: fc.Arbitrary<BillLineInput> = fc
  .record({
    productId: fc.constantFrom('p1', 'p2', 'p3', 'p4'),
    weighed: fc.boolean(),
    qty: fc.integer({ min: 1, max: 5000 }),
    unitPriceMinor: fc.integer({ min: 0, max: 500_000 }),
    rates: fc.constantFrom<[number, number]>([0, 0], [500, 0], [1800, 0], [2800, 1200]),
  })
  .map(({ productId, weighed, qty, unitPriceMinor, rates }) => ({
    productId,
    name: productId,
    hsn: '1234',
    qtyBase: weighed ? qty : (qty % 12) + 1,
    priceBasisQty: weighed ? 1000 : 1,
    unitPriceMinor,
    mrpMinor: unitPriceMinor,
    discountMinor: 0,
    gstRateBp: rates[0],
    cessRateBp: rates[1],
  }));

/** A bill as a counter makes it, paid exactly in cash, as a sale document. */
const saleArb: fc.Arbitrary<Sale> = fc
  .record({
    lines: fc.array(lineArb, { minLength: 1, maxLength: 8 }),
    supplyType: fc.constantFrom('intra' as const, 'inter' as const),
    billDiscountMinor: fc.integer({ min: 0, max: 500 }),
  })
  .map((input) => paidBill({ currency: 'INR', payments: [], ...input }))
  .filter((bill) => bill !== undefined)
  .map((bill) => saleDocumentOfBill(bill));

/** What a bill without payments leaves to pay, or undefined when it is refused for more. */
function payableOf(input: BillInput): number | undefined {
  const result = computeBill({ ...input, payments: [] });
  if (result.ok) return 0;
  const underpaid = result.errors.find((issue) => issue.code === 'UNDERPAID');
  return underpaid && result.errors.length === 1
    ? Number(underpaid.details.payableMinor)
    : undefined;
}

/**
 * Computes a bill paid exactly in cash (without its bill discount if that is too large);
 * undefined when there is nothing to pay.
 */
function paidBill(input: BillInput) {
  const discounted = payableOf(input) === undefined ? { ...input, billDiscountMinor: 0 } : input;
  const amountMinor = payableOf(discounted) ?? 0;
  // A document carries at least one payment, and no payment is of nothing.
  if (amountMinor === 0) return undefined;
  const result = computeBill({ ...discounted, payments: [{ method: 'cash', amountMinor }] });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.bill;
}

const ORIGINAL_ID = '01890a5d-ac96-774b-bcce-b302099a8058';

describe('checkSaleDocument properties', () => {
  it('accepts every bill a counter computes', () => {
    fc.assert(
      fc.property(saleArb, (sale) => {
        expect(checkSaleDocument(sale, { storeId: sale.storeId })).toEqual([]);
      }),
    );
  });

  it('accepts every B2B bill whose supply type placeOfSupply() decides', () => {
    const states = ['07', '27', '29', '33'];
    fc.assert(
      fc.property(
        fc.array(lineArb, { minLength: 1, maxLength: 6 }),
        fc.constantFrom(...states),
        fc.constantFrom(...states),
        (lines, storeStateCode, buyerState) => {
          const gstin = `${buyerState}AABCT1332L1Z`;
          const buyer = {
            gstin: gstin + (gstinCheckCharacter(gstin) ?? ''),
            name: 'Buyer',
            stateCode: buyerState,
            address: '',
          };
          const supply = placeOfSupply(storeStateCode, buyer);
          const bill = paidBill({
            currency: 'INR',
            supplyType: supply.supplyType,
            lines,
            billDiscountMinor: 0,
            payments: [],
          });
          fc.pre(bill !== undefined);
          const sale = saleDocumentOfBill(bill, { buyer, placeOfSupply: supply.stateCode });
          expect(checkSaleDocument(sale, { storeStateCode })).toEqual([]);
        },
      ),
    );
  });

  it('accepts every partial return refunded by refundOf, with the bill’s refund history', () => {
    fc.assert(
      fc.property(
        saleArb,
        fc.integer({ min: 0, max: 5000 }),
        fc.boolean(),
        (original, earlierRefundMinor, isLastReturn) => {
          const paidMinor = original.totals.totalMinor;
          const refundedMinor = Math.min(earlierRefundMinor, paidMinor);
          const history = { paidMinor, returnedNetMinor: refundedMinor, refundedMinor };
          const refund = paidBill({
            currency: 'INR',
            supplyType: original.supplyType,
            lines: original.lines,
            billDiscountMinor: 0,
            payments: [],
            refund: { ...history, isLastReturn },
          });
          // Nothing left to refund makes no credit note (a document needs a payment).
          fc.pre(refund !== undefined);
          const credit = saleDocumentOfBill(refund, {
            kind: 'return',
            originalSaleId: ORIGINAL_ID,
          });
          expect(checkSaleDocument(credit, { refundHistory: history })).toEqual([]);
        },
      ),
    );
  });

  it('refuses a bill with any line amount tampered, naming the line', () => {
    fc.assert(
      fc.property(
        saleArb,
        fc.nat(),
        fc.constantFrom(...LINE_AMOUNTS),
        fc.integer({ min: 1, max: 10_000 }),
        (sale, pick, field, delta) => {
          const index = pick % sale.lines.length;
          const line = sale.lines[index];
          if (!line) throw new Error('no line');
          const lines = sale.lines.map((l, i) =>
            i === index ? { ...l, [field]: l[field] + delta } : l,
          );
          const [first] = checkSaleDocument({ ...sale, lines });
          expect(first?.code).toBe('LINE_ARITHMETIC');
          expect(first?.path).toBe(`lines.${index}.netMinor`);
        },
      ),
    );
  });

  it('refuses a bill with any total, the round-off or a payment tampered', () => {
    const fields = [...LINE_AMOUNTS, 'roundOffMinor', 'totalMinor'] as const;
    fc.assert(
      fc.property(
        saleArb,
        fc.constantFrom(...fields, 'payment' as const),
        fc.integer({ min: 1, max: 10_000 }),
        (sale, field, delta) => {
          if (field === 'payment') {
            const [cash, ...rest] = sale.payments;
            if (!cash) throw new Error('no payment');
            const payments = [{ ...cash, amountMinor: cash.amountMinor + delta }, ...rest];
            expect(checkSaleDocument({ ...sale, payments })).toEqual([
              {
                code: 'PAYMENTS_MISMATCH',
                path: 'payments',
                message: 'The payments do not add up to the bill total.',
              },
            ]);
            return;
          }
          const totals = { ...sale.totals, [field]: sale.totals[field] + delta };
          const [first] = checkSaleDocument({ ...sale, totals });
          expect(first?.code).toBe('TOTALS_MISMATCH');
          expect(first?.path).toBe(
            field === 'roundOffMinor' ? 'totals.totalMinor' : `totals.${field}`,
          );
        },
      ),
    );
  });
});
