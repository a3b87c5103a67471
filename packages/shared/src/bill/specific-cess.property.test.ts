import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { specificCessOf } from '../gst/index';
import { multiplyDivide } from '../money/index';
import { lineAmount } from '../units/index';
import { type BillInput, type BillLineInput, type BillResult } from './bill-types';
import { computeBill } from './compute-bill';

/**
 * Properties of the specific (per-unit) cess and of bills of supply: the line identity
 * taxable + GST + cess = net holds, no figure goes negative, a net too small for its specific cess
 * is a bill issue (never a negative taxable value, never a throw), and a bill of supply charges
 * nothing whatever rates its lines carry.
 */

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
const TAX_FIELDS = ['taxableMinor', 'cgstMinor', 'sgstMinor', 'igstMinor', 'cessMinor'] as const;

const lineArb: fc.Arbitrary<BillLineInput> = fc
  .record({
    productId: fc.constantFrom('c1', 'c2', 'c3', 'p1'),
    qtyBase: fc.integer({ min: 1, max: 400 }),
    priceBasisQty: fc.constantFrom(1, 10, 20),
    unitPriceMinor: fc.oneof(fc.constantFrom(1800, 36000), fc.integer({ min: 0, max: 60_000 })),
    discountPercent: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 100 })),
    rates: fc.constantFrom<[number, number]>([2800, 500], [2800, 3600], [4000, 0], [1800, 0]),
    specific: fc.oneof(
      fc.constantFrom<[number, number] | null>(null, [207600, 1000], [417000, 1000]),
      fc.tuple(fc.integer({ min: 0, max: 1_000_000 }), fc.constantFrom(1, 10, 1000)),
    ),
  })
  .map(
    ({ productId, qtyBase, priceBasisQty, unitPriceMinor, discountPercent, rates, specific }) => {
      const gross = lineAmount(qtyBase, unitPriceMinor, priceBasisQty);
      return {
        productId,
        name: productId,
        hsn: '24022030',
        qtyBase,
        priceBasisQty,
        unitPriceMinor,
        mrpMinor: unitPriceMinor,
        discountMinor: multiplyDivide(gross, discountPercent, 200, 'down'),
        gstRateBp: rates[0],
        cessRateBp: rates[1],
        ...(specific === null
          ? {}
          : { cessSpecificMinor: specific[0], cessSpecificPerQty: specific[1] }),
      };
    },
  );

const billArb = fc.record({
  lines: fc.array(lineArb, { minLength: 1, maxLength: 8 }),
  supplyType: fc.constantFrom('intra' as const, 'inter' as const),
  invoiceKind: fc.constantFrom(undefined, 'tax-invoice' as const, 'bill-of-supply' as const),
});

/** Computes a bill without payments and, when that is the only problem, pays it exactly. */
function computePaid(input: BillInput): BillResult {
  const unpaid = computeBill(input);
  if (unpaid.ok) return unpaid;
  const [first, ...rest] = unpaid.errors;
  if (first?.code !== 'UNDERPAID' || rest.length > 0) return unpaid;
  const payable = first.details.payableMinor;
  return computeBill({
    ...input,
    payments: [{ method: 'cash', amountMinor: typeof payable === 'number' ? payable : 0 }],
  });
}

describe('specific cess and bills of supply, properties', () => {
  it('keeps taxable + taxes = net on every line, nothing negative, or refuses the bill clearly', () => {
    fc.assert(
      fc.property(billArb, ({ lines, supplyType, invoiceKind }) => {
        const input: BillInput = {
          currency: 'INR',
          supplyType,
          invoiceKind,
          lines,
          billDiscountMinor: 0,
          payments: [],
        };
        const nets = lines.map(
          (l) => lineAmount(l.qtyBase, l.unitPriceMinor, l.priceBasisQty) - l.discountMinor,
        );
        const tooSmall = lines.some((l, i) => specificCessOf(l.qtyBase, l) > (nets[i] ?? 0));
        const result = computePaid(input);
        if (invoiceKind !== 'bill-of-supply' && tooSmall) {
          expect(result.ok).toBe(false);
          if (!result.ok) {
            expect(result.errors.map((e) => e.code)).toContain('SPECIFIC_CESS_EXCEEDS_AMOUNT');
          }
          return;
        }
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        const bill = result.bill;
        bill.lines.forEach((line, i) => {
          const source = lines[i];
          if (source === undefined) throw new Error('line missing');
          for (const field of TAX_FIELDS) expect(line[field]).toBeGreaterThanOrEqual(0);
          expect(
            line.taxableMinor + line.cgstMinor + line.sgstMinor + line.igstMinor + line.cessMinor,
          ).toBe(line.netMinor);
          if (invoiceKind === 'bill-of-supply') {
            expect(line.taxableMinor).toBe(line.netMinor);
            expect([line.gstRateBp, line.cessRateBp, line.cessSpecificMinor]).toEqual([
              0,
              0,
              undefined,
            ]);
          } else {
            // The line's cess holds its whole specific cess, plus the ad valorem cess.
            expect(line.cessMinor).toBeGreaterThanOrEqual(specificCessOf(source.qtyBase, source));
          }
        });
        for (const field of TAX_FIELDS) {
          expect(sum(bill.lines.map((line) => line[field]))).toBe(bill.totals[field]);
          expect(sum(bill.taxBreakdown.map((row) => row[field]))).toBe(
            invoiceKind === 'bill-of-supply' ? 0 : bill.totals[field],
          );
        }
        expect(bill.invoiceKind).toBe(invoiceKind ?? 'tax-invoice');
        if (invoiceKind === 'bill-of-supply') {
          expect(bill.taxBreakdown).toEqual([]);
          expect(bill.totals.taxableMinor).toBe(bill.totals.netMinor);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('reverses a whole line on its return exactly, from the figures kept on the line', () => {
    fc.assert(
      fc.property(billArb, ({ lines, supplyType, invoiceKind }) => {
        const sale = computePaid({
          currency: 'INR',
          supplyType,
          invoiceKind,
          lines,
          billDiscountMinor: 0,
          payments: [],
        });
        if (!sale.ok) return;
        // A credit note of each whole line, built from the sale's line as the terminal does.
        for (const line of sale.bill.lines) {
          const back = computePaid({
            currency: 'INR',
            supplyType,
            invoiceKind,
            lines: [line],
            billDiscountMinor: 0,
            payments: [],
            refund: {
              paidMinor: sale.bill.totals.totalMinor,
              returnedNetMinor: 0,
              refundedMinor: 0,
              isLastReturn: false,
            },
          });
          expect(back.ok).toBe(true);
          if (!back.ok) return;
          const [returned] = back.bill.lines;
          // Taxable value, GST and cess are the line's; only how its GST falls between CGST and
          // SGST may differ by the odd paisa, which is split per rate group of each bill.
          for (const field of ['taxableMinor', 'igstMinor', 'cessMinor'] as const) {
            expect(returned?.[field]).toBe(line[field]);
          }
          expect((returned?.cgstMinor ?? 0) + (returned?.sgstMinor ?? 0)).toBe(
            line.cgstMinor + line.sgstMinor,
          );
          expect(returned?.cessSpecificMinor).toBe(line.cessSpecificMinor);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('takes the specific cess out of the net exactly, within half a paisa of qty × rate', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        (qty, amount, perQty) => {
          const specific = specificCessOf(qty, {
            cessSpecificMinor: amount,
            cessSpecificPerQty: perQty,
          });
          // |specific − qty × amount / perQty| ≤ ½, in integers: |2·specific·perQty − 2·qty·amount| ≤ perQty.
          const diff = 2n * BigInt(specific) * BigInt(perQty) - 2n * BigInt(qty) * BigInt(amount);
          expect(diff <= BigInt(perQty) && -diff <= BigInt(perQty)).toBe(true);
        },
      ),
    );
  });
});
