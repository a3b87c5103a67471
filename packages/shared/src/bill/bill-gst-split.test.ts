import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { taxFromInclusive } from '../gst/index';
import { billOf } from './bill.fixtures';
import { type BillInput, type BillLineInput } from './bill-types';
import { computeBill } from './compute-bill';

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

const tenner = (i: number, gstRateBp = 1800): BillLineInput => ({
  productId: `p${i}`,
  name: `Item ${i}`,
  hsn: '3305',
  qtyBase: 1,
  priceBasisQty: 1,
  unitPriceMinor: 1000,
  mrpMinor: 1000,
  discountMinor: 0,
  gstRateBp,
  cessRateBp: 0,
});

const billOfLines = (lines: BillLineInput[], supplyType: 'intra' | 'inter' = 'intra') => {
  const input: BillInput = {
    currency: 'INR',
    supplyType,
    lines,
    billDiscountMinor: 0,
    payments: [],
  };
  const unpaid = computeBill(input);
  const payable = unpaid.ok ? 0 : unpaid.errors[0]?.details.payableMinor;
  const owed = typeof payable === 'number' ? payable : 0;
  return billOf({ ...input, payments: owed > 0 ? [{ method: 'cash', amountMinor: owed }] : [] });
};

describe('GST split at bill level', () => {
  it('splits ten ₹10 lines at 18 % into equal halves of 1530 paise', () => {
    // Each line: taxable 847, GST 153. Per line the odd paisa went to CGST: 770 vs 760.
    const bill = billOfLines(Array.from({ length: 10 }, (_, i) => tenner(i)));
    expect(bill.totals).toMatchObject({ taxableMinor: 8470, cgstMinor: 765, sgstMinor: 765 });
    expect(bill.taxBreakdown).toEqual([
      {
        gstRateBp: 1800,
        cessRateBp: 0,
        taxableMinor: 8470,
        cgstMinor: 765,
        sgstMinor: 765,
        igstMinor: 0,
        cessMinor: 0,
      },
    ]);
    expect(bill.lines.map((l) => l.cgstMinor + l.sgstMinor)).toEqual(
      Array.from({ length: 10 }, () => 153),
    );
    expect(bill.lines.map((l) => l.cgstMinor).sort()).toEqual(
      Array.from({ length: 10 }, (_, i) => (i < 5 ? 76 : 77)),
    );
  });

  it('gives an odd group total its extra paisa to CGST, once per group', () => {
    const bill = billOfLines([tenner(1), tenner(2), tenner(3)]);
    // 3 × 153 = 459: CGST 230, SGST 229.
    expect(bill.totals).toMatchObject({ cgstMinor: 230, sgstMinor: 229 });
  });

  it('keeps IGST whole on an inter-state bill', () => {
    const bill = billOfLines([tenner(1), tenner(2)], 'inter');
    expect(bill.totals).toMatchObject({ cgstMinor: 0, sgstMinor: 0, igstMinor: 306 });
  });
});

const lineArb: fc.Arbitrary<BillLineInput> = fc
  .record({
    productId: fc.constantFrom('p1', 'p2', 'p3', 'p4', 'p5'),
    qtyBase: fc.integer({ min: 1, max: 12 }),
    unitPriceMinor: fc.oneof(
      fc.constantFrom(1000, 1050, 999),
      fc.integer({ min: 1, max: 200_000 }),
    ),
    rates: fc.constantFrom<[number, number]>(
      [0, 0],
      [25, 0],
      [300, 0],
      [500, 0],
      [1800, 0],
      [2800, 6000],
      [4000, 0],
    ),
  })
  .map(({ productId, qtyBase, unitPriceMinor, rates }) => ({
    productId,
    name: productId,
    hsn: '1234',
    qtyBase,
    priceBasisQty: 1,
    unitPriceMinor,
    mrpMinor: unitPriceMinor,
    discountMinor: 0,
    gstRateBp: rates[0],
    cessRateBp: rates[1],
  }));

describe('GST split at bill level: properties', () => {
  it('keeps CGST and SGST within one paisa per rate group, and line shares add up', () => {
    fc.assert(
      fc.property(fc.array(lineArb, { minLength: 1, maxLength: 25 }), (lines) => {
        const bill = billOfLines(lines);
        for (const row of bill.taxBreakdown) {
          expect(Math.abs(row.cgstMinor - row.sgstMinor)).toBeLessThanOrEqual(1);
          expect(row.cgstMinor).toBeGreaterThanOrEqual(row.sgstMinor);
          const group = bill.lines.filter(
            (l) => l.gstRateBp === row.gstRateBp && l.cessRateBp === row.cessRateBp,
          );
          expect(sum(group.map((l) => l.cgstMinor))).toBe(row.cgstMinor);
          expect(sum(group.map((l) => l.sgstMinor))).toBe(row.sgstMinor);
        }
        expect(sum(bill.lines.map((l) => l.cgstMinor))).toBe(bill.totals.cgstMinor);
        expect(sum(bill.lines.map((l) => l.sgstMinor))).toBe(bill.totals.sgstMinor);
        for (const line of bill.lines) {
          // The split moves paise between a line's CGST and SGST only: its GST, taxable value
          // and cess stay those of the line rule, and no share is negative.
          const alone = taxFromInclusive(line.netMinor, line.gstRateBp, line.cessRateBp, 'intra');
          expect(line.cgstMinor + line.sgstMinor).toBe(alone.cgstMinor + alone.sgstMinor);
          expect(line.taxableMinor).toBe(alone.taxableMinor);
          expect(line.cessMinor).toBe(alone.cessMinor);
          expect(line.cgstMinor).toBeGreaterThanOrEqual(0);
          expect(line.sgstMinor).toBeGreaterThanOrEqual(0);
          expect(Math.abs(line.cgstMinor - line.sgstMinor)).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 300 },
    );
  }, 60_000);
});
