import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { multiplyDivide } from '../money/index';
import { lineAmount } from '../units/index';
import { type BillInput, type BillLineInput, type BillTaxBreakdownRow } from './bill-types';
import { computeBill } from './compute-bill';

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

const TAX_FIELDS = ['taxableMinor', 'cgstMinor', 'sgstMinor', 'igstMinor', 'cessMinor'] as const;

const lineArb: fc.Arbitrary<BillLineInput> = fc
  .record({
    productId: fc.constantFrom('p1', 'p2', 'p3', 'p4'),
    weighed: fc.boolean(),
    qty: fc.oneof(fc.constant(1), fc.integer({ min: 1, max: 5000 })),
    // Repeated prices make lines of equal value, where leftover discount paise must be tie-broken.
    unitPriceMinor: fc.oneof(
      fc.constantFrom(1000, 2500, 11800),
      fc.integer({ min: 0, max: 500_000 }),
    ),
    mrpExtra: fc.integer({ min: 0, max: 10_000 }),
    discountPercent: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 100 })),
    rates: fc.constantFrom<[number, number]>(
      [0, 0],
      [25, 0],
      [300, 0],
      [500, 0],
      [1200, 0],
      [1800, 0],
      [2800, 1200],
      [2800, 6000],
      [4000, 0],
    ),
  })
  .map(({ productId, weighed, qty, unitPriceMinor, mrpExtra, discountPercent, rates }) => {
    const priceBasisQty = weighed ? 1000 : 1;
    const qtyBase = weighed ? qty : (qty % 12) + 1;
    // A line discount of up to half the line's gross, in whole paise.
    const gross = lineAmount(qtyBase, unitPriceMinor, priceBasisQty);
    return {
      productId,
      name: productId,
      hsn: '1234',
      qtyBase,
      priceBasisQty,
      unitPriceMinor,
      mrpMinor: unitPriceMinor + mrpExtra,
      discountMinor: multiplyDivide(gross, discountPercent, 200, 'down'),
      gstRateBp: rates[0],
      cessRateBp: rates[1],
    };
  });

const billArb = fc
  .record({
    lines: fc.array(lineArb, { minLength: 1, maxLength: 12 }),
    supplyType: fc.constantFrom('intra' as const, 'inter' as const),
    billDiscountPermille: fc.integer({ min: 0, max: 1000 }),
    shuffleKeys: fc.array(fc.double({ noNaN: true }), { minLength: 12, maxLength: 12 }),
  })
  .map(({ lines, supplyType, billDiscountPermille, shuffleKeys }) => {
    const afterLineDiscounts = sum(
      lines.map((l) => lineAmount(l.qtyBase, l.unitPriceMinor, l.priceBasisQty) - l.discountMinor),
    );
    const billDiscountMinor = multiplyDivide(
      afterLineDiscounts,
      billDiscountPermille,
      1000,
      'down',
    );
    const shuffled = lines
      .map((line, i) => ({ line, key: shuffleKeys[i] ?? 0 }))
      .sort((a, b) => a.key - b.key)
      .map(({ line }) => line);
    return {
      input: {
        currency: 'INR',
        supplyType,
        lines,
        billDiscountMinor,
        payments: [],
      } satisfies BillInput,
      shuffled,
    };
  });

/** Bills of equal-valued lines at different rates with a few paise of bill discount: all ties. */
const tieBillArb = fc
  .record({
    lines: fc.array(
      fc.record({
        productId: fc.constantFrom('p1', 'p2', 'p3', 'p4', 'p5'),
        gstRateBp: fc.constantFrom(0, 500, 1800, 4000),
      }),
      { minLength: 2, maxLength: 6 },
    ),
    billDiscountMinor: fc.integer({ min: 1, max: 9 }),
    seed: fc.integer(),
  })
  .map(({ lines, billDiscountMinor, seed }) => {
    const full = lines.map(({ productId, gstRateBp }): BillLineInput => ({
      productId,
      name: productId,
      hsn: '1234',
      qtyBase: 1,
      priceBasisQty: 1,
      unitPriceMinor: 1000,
      mrpMinor: 1000,
      discountMinor: 0,
      gstRateBp,
      cessRateBp: 0,
    }));
    const shuffled = full
      .map((line, i) => ({ line, key: (i * 7919 + seed) % 101 }))
      .sort((a, b) => a.key - b.key)
      .map(({ line }) => line);
    return {
      input: {
        currency: 'INR',
        supplyType: 'intra',
        lines: full,
        billDiscountMinor,
        payments: [],
      } satisfies BillInput,
      shuffled,
    };
  });

/** Computes a bill and pays it exactly in cash, so the properties see a valid bill. */
function paidBill(input: BillInput) {
  const unpaid = computeBill(input);
  const payable = unpaid.ok ? 0 : unpaid.errors[0]?.details.payableMinor;
  const owed = typeof payable === 'number' ? payable : 0;
  const result = computeBill({
    ...input,
    payments: owed > 0 ? [{ method: 'cash', amountMinor: owed }] : [],
  });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.bill;
}

describe('computeBill properties', () => {
  it('adds the tax breakdown rows up to the bill tax totals, and line parts up to line nets', () => {
    fc.assert(
      fc.property(billArb, ({ input }) => {
        const bill = paidBill(input);
        for (const field of TAX_FIELDS) {
          expect(sum(bill.taxBreakdown.map((row: BillTaxBreakdownRow) => row[field]))).toBe(
            bill.totals[field],
          );
          expect(sum(bill.lines.map((line) => line[field]))).toBe(bill.totals[field]);
        }
        // CGST and SGST are halved per rate group of the bill (bill-gst-split.ts).
        for (const row of bill.taxBreakdown) {
          expect(row.cgstMinor - row.sgstMinor).toBeGreaterThanOrEqual(0);
          expect(row.cgstMinor - row.sgstMinor).toBeLessThanOrEqual(1);
        }
        for (const line of bill.lines) {
          expect(
            line.taxableMinor + line.cgstMinor + line.sgstMinor + line.igstMinor + line.cessMinor,
          ).toBe(line.netMinor);
          expect(line.grossMinor - line.discountMinor).toBe(line.netMinor);
          expect(line.netMinor).toBeGreaterThanOrEqual(0);
        }
        const t = bill.totals;
        expect(t.taxableMinor + t.cgstMinor + t.sgstMinor + t.igstMinor + t.cessMinor).toBe(
          t.netMinor,
        );
        expect(t.totalMinor - t.netMinor).toBe(t.roundOffMinor);
        expect(t.totalMinor % 100).toBe(0);
        expect(Math.abs(t.roundOffMinor)).toBeLessThanOrEqual(50);
        expect(t.savingsMinor).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('never loses or invents a paisa of the bill discount', () => {
    fc.assert(
      fc.property(billArb, ({ input }) => {
        const bill = paidBill(input);
        const lineDiscounts = sum(input.lines.map((line) => line.discountMinor));
        expect(bill.totals.discountMinor).toBe(lineDiscounts + input.billDiscountMinor);
        expect(bill.totals.grossMinor - bill.totals.discountMinor).toBe(bill.totals.netMinor);
      }),
    );
  });

  it('gives the same totals, breakdown and per-line figures whatever the order of the lines', () => {
    fc.assert(
      fc.property(fc.oneof(billArb, tieBillArb), ({ input, shuffled }) => {
        const a = paidBill(input);
        const b = paidBill({ ...input, lines: shuffled });
        expect(b.totals).toEqual(a.totals);
        expect(b.taxBreakdown).toEqual(a.taxBreakdown);
        const canonical = (lines: typeof a.lines) =>
          lines.map(({ lineNo: _lineNo, ...rest }) => JSON.stringify(rest)).sort();
        expect(canonical(b.lines)).toEqual(canonical(a.lines));
      }),
      { numRuns: 300 },
    );
  });
});
