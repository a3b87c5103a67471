import { describe, expect, it } from 'vitest';
import { INDIAN_GST_SCHEDULE, placeOfSupply, rateOn } from '../gst/index';
import { type Bill, type BillInput, type BillLineInput } from './bill-types';
import { computeBill } from './compute-bill';

/**
 * Hand-worked GST vectors (issue 19). Every figure below was worked out by hand from the rules in
 * gst/index.ts and is written out in the comment next to it:
 * - taxable = (net − specific cess) × 10000 / (10000 + GST bp + cess bp), half up;
 * - tax = net − specific cess − taxable, split GST : ad valorem cess by largest remainder;
 * - intra-state GST halved per rate group, the odd paisa to CGST; inter-state all IGST.
 * The store is in Karnataka (29).
 */

const STORE_STATE = '29';

/** A line of `qtyBase` pieces at a tax-inclusive unit price, at the rates of a tax class on a date. */
function lineOf(
  productId: string,
  hsn: string,
  qtyBase: number,
  unitPriceMinor: number,
  taxClassId: string,
  date: string,
  discountMinor = 0,
): BillLineInput {
  const rate = rateOn(INDIAN_GST_SCHEDULE, taxClassId, date);
  return {
    productId,
    name: productId,
    hsn,
    qtyBase,
    priceBasisQty: 1,
    unitPriceMinor,
    mrpMinor: unitPriceMinor,
    discountMinor,
    gstRateBp: rate.rateBp,
    cessRateBp: rate.cessBp,
    cessSpecificMinor: rate.cessSpecificMinor,
    cessSpecificPerQty: rate.cessSpecificPerQty,
  };
}

/** Computes a bill paid exactly (cash), failing the test with its errors otherwise. */
function paid(input: Omit<BillInput, 'currency' | 'billDiscountMinor' | 'payments'>): Bill {
  const base: BillInput = { currency: 'INR', billDiscountMinor: 0, payments: [], ...input };
  const unpaid = computeBill(base);
  const payable = unpaid.ok ? 0 : unpaid.errors[0]?.details.payableMinor;
  const result = computeBill({
    ...base,
    payments:
      typeof payable === 'number' && payable > 0 ? [{ method: 'cash', amountMinor: payable }] : [],
  });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.bill;
}

/** The tax figures of a line, in the order taxable, CGST, SGST, IGST, cess. */
const taxOf = (line: Bill['lines'][number]) => [
  line.taxableMinor,
  line.cgstMinor,
  line.sgstMinor,
  line.igstMinor,
  line.cessMinor,
];

describe('hand-worked GST vectors', () => {
  // Shampoo ₹118 at 18 % and 3 packets of biscuits at ₹10 at 5 % (rates of 1 Dec 2025).
  const mixed = [
    lineOf('shampoo', '3305', 1, 11800, 'gst-18', '2025-12-01'),
    lineOf('biscuits', '1905', 3, 1000, 'gst-was-18-now-5', '2025-12-01'),
  ];

  it('charges the same bill CGST + SGST within the state and IGST across, for the same total', () => {
    const intra = paid({ supplyType: placeOfSupply(STORE_STATE, null).supplyType, lines: mixed });
    const inter = paid({
      supplyType: placeOfSupply(STORE_STATE, { stateCode: '33' }).supplyType,
      lines: mixed,
    });
    expect([intra.supplyType, inter.supplyType]).toEqual(['intra', 'inter']);
    // Shampoo: taxable 11800 × 10000 / 11800 = 10000; GST 1800 → CGST 900 + SGST 900, or IGST 1800.
    expect(taxOf(intra.lines[0]!)).toEqual([10000, 900, 900, 0, 0]);
    expect(taxOf(inter.lines[0]!)).toEqual([10000, 0, 0, 1800, 0]);
    // Biscuits: net 3 × 1000 = 3000; taxable 3000 × 10000 / 10500 = 2857.14 → 2857; GST 143:
    // CGST 72 (the odd paisa) + SGST 71, or IGST 143.
    expect(taxOf(intra.lines[1]!)).toEqual([2857, 72, 71, 0, 0]);
    expect(taxOf(inter.lines[1]!)).toEqual([2857, 0, 0, 143, 0]);
    // Totals: net 14800 both ways; tax 972 + 971 = 1943 = IGST 1943; payable ₹148.00 both ways.
    expect(intra.totals).toMatchObject({ netMinor: 14800, taxableMinor: 12857, cgstMinor: 972 });
    expect(intra.totals).toMatchObject({ sgstMinor: 971, igstMinor: 0, totalMinor: 14800 });
    expect(inter.totals).toMatchObject({ netMinor: 14800, taxableMinor: 12857, cgstMinor: 0 });
    expect(inter.totals).toMatchObject({ sgstMinor: 0, igstMinor: 1943, totalMinor: 14800 });
    expect(inter.taxBreakdown.map((r) => [r.gstRateBp, r.taxableMinor, r.igstMinor])).toEqual([
      [500, 2857, 143],
      [1800, 10000, 1800],
    ]);
  });

  it('bills a business in another state at two rates (5 % and 18 %) with IGST only', () => {
    // A Chennai hotel (buyer state 33) buys from the Karnataka store: inter-state.
    const { supplyType } = placeOfSupply(STORE_STATE, { stateCode: '33' });
    const bill = paid({
      supplyType,
      lines: [
        // 10 × ghee 1 L at ₹650 = 650000 at 5 %: taxable 650000 × 10000 / 10500 = 619047.62 →
        // 619048; IGST 650000 − 619048 = 30952.
        lineOf('ghee-1l', '0405', 10, 65000, 'gst-was-12-now-5', '2025-11-10'),
        // 4 × detergent 1 kg at ₹236 = 94400, less ₹20 = 92400 at 18 %: taxable
        // 92400 × 10000 / 11800 = 78305.08 → 78305; IGST 92400 − 78305 = 14095.
        lineOf('detergent-1kg', '3402', 4, 23600, 'gst-18', '2025-11-10', 2000),
      ],
    });
    expect(bill.lines.map(taxOf)).toEqual([
      [619048, 0, 0, 30952, 0],
      [78305, 0, 0, 14095, 0],
    ]);
    // Totals: net 650000 + 92400 = 742400; taxable 697353; IGST 45047; ₹7,424.00, no round-off.
    expect(bill.totals).toMatchObject({
      grossMinor: 744400,
      discountMinor: 2000,
      netMinor: 742400,
      taxableMinor: 697353,
      cgstMinor: 0,
      sgstMinor: 0,
      igstMinor: 45047,
      roundOffMinor: 0,
      totalMinor: 742400,
    });
    expect(bill.taxBreakdown.map((r) => [r.gstRateBp, r.taxableMinor, r.igstMinor])).toEqual([
      [500, 619048, 30952],
      [1800, 78305, 14095],
    ]);
  });

  it("issues a composition store's bill of supply without tax, and its return likewise", () => {
    // The same lines as the first vector; the rates they carry are not charged.
    const bill = paid({ supplyType: 'intra', invoiceKind: 'bill-of-supply', lines: mixed });
    expect(bill.invoiceKind).toBe('bill-of-supply');
    // Shampoo: taxable = net = 11800; biscuits: taxable = net = 3000; every tax 0, rates 0.
    expect(bill.lines.map(taxOf)).toEqual([
      [11800, 0, 0, 0, 0],
      [3000, 0, 0, 0, 0],
    ]);
    expect(bill.lines.map((l) => [l.gstRateBp, l.cessRateBp])).toEqual([
      [0, 0],
      [0, 0],
    ]);
    expect(bill.taxBreakdown).toEqual([]);
    expect(bill.totals).toMatchObject({ netMinor: 14800, taxableMinor: 14800, totalMinor: 14800 });
    // A return of the biscuits (credit note of a bill of supply): taxable 3000, no tax, ₹30 back.
    const back = paid({
      supplyType: 'intra',
      invoiceKind: 'bill-of-supply',
      lines: [bill.lines[1]!],
      refund: { paidMinor: 14800, returnedNetMinor: 0, refundedMinor: 0, isLastReturn: false },
    });
    expect(back.lines.map(taxOf)).toEqual([[3000, 0, 0, 0, 0]]);
    expect(back.totals.totalMinor).toBe(3000);
  });

  it('reverses a November B2B invoice in December at its own rates, IGST exactly', () => {
    // Tax invoice of 20 Nov 2025 to a Chennai hotel: 2 × namkeen 1 kg at ₹210 (5 %) and one
    // detergent at ₹236 (18 %).
    const november = paid({
      supplyType: 'inter',
      lines: [
        lineOf('namkeen-1kg', '2106', 2, 21000, 'gst-was-12-now-5', '2025-11-20'),
        lineOf('detergent-1kg', '3402', 1, 23600, 'gst-18', '2025-11-20'),
      ],
    });
    // Namkeen: 42000 × 10000 / 10500 = 40000, IGST 2000; detergent: 20000, IGST 3600.
    expect(november.lines.map(taxOf)).toEqual([
      [40000, 0, 0, 2000, 0],
      [20000, 0, 0, 3600, 0],
    ]);
    expect(november.totals.totalMinor).toBe(65600);
    // Credit notes reuse the original lines' rates (never rateOn at their own date).
    const returned = (lineIndex: number, qtyBase: number): BillLineInput => {
      const line = november.lines[lineIndex]!;
      return { ...line, qtyBase, discountMinor: 0 };
    };
    // 5 Dec 2025: one namkeen back: net 21000, taxable 20000, IGST 1000; refund ₹210.
    const first = paid({
      supplyType: november.supplyType,
      lines: [returned(0, 1)],
      refund: { paidMinor: 65600, returnedNetMinor: 0, refundedMinor: 0, isLastReturn: false },
    });
    expect(first.lines.map(taxOf)).toEqual([[20000, 0, 0, 1000, 0]]);
    expect(first.totals.totalMinor).toBe(21000);
    // 20 Dec 2025: the rest: namkeen 20000 + IGST 1000, detergent 20000 + IGST 3600; the last
    // return refunds what is left of what was paid: 65600 − 21000 = 44600.
    const rest = paid({
      supplyType: november.supplyType,
      lines: [returned(0, 1), returned(1, 1)],
      refund: {
        paidMinor: 65600,
        returnedNetMinor: 21000,
        refundedMinor: 21000,
        isLastReturn: true,
      },
    });
    expect(rest.lines.map(taxOf)).toEqual([
      [20000, 0, 0, 1000, 0],
      [20000, 0, 0, 3600, 0],
    ]);
    expect(rest.totals.totalMinor).toBe(44600);
    // IGST reversed 1000 + 1000 + 3600 = 5600 = IGST charged 2000 + 3600, to the paisa.
    expect(first.totals.igstMinor + rest.totals.igstMinor).toBe(november.totals.igstMinor);
    expect(first.totals.taxableMinor + rest.totals.taxableMinor).toBe(november.totals.taxableMinor);
  });

  it('charges cigarettes ad valorem + per-1,000-stick cess before 1 Feb 2026, and 40 % after', () => {
    // A packet of 10 filter cigarettes up to 65 mm at ₹18 a stick, 15 Jan 2026: class
    // gst-cigarettes-65 = 28 % GST + 5 % cess + ₹2,076 per 1,000 sticks.
    const january = paid({
      supplyType: 'intra',
      lines: [lineOf('cig-65', '24022030', 10, 1800, 'gst-cigarettes-65', '2026-01-15')],
    });
    // Net 18000; specific cess 10 × 207600 / 1000 = 2076; the rest 15924:
    // taxable 15924 × 10000 / 13300 = 11972.93 → 11973; tax 15924 − 11973 = 3951 split 2800 : 500:
    // GST 3352.36 → 3352, cess 598.64 → 599 (the leftover paisa, larger remainder); GST halves
    // 1676 + 1676; line cess 599 + 2076 = 2675; 11973 + 1676 + 1676 + 2675 = 18000.
    expect(taxOf(january.lines[0]!)).toEqual([11973, 1676, 1676, 0, 2675]);
    expect(january.lines[0]).toMatchObject({ cessSpecificMinor: 207600, cessSpecificPerQty: 1000 });
    expect(january.taxBreakdown).toEqual([
      {
        gstRateBp: 2800,
        cessRateBp: 500,
        taxableMinor: 11973,
        cgstMinor: 1676,
        sgstMinor: 1676,
        igstMinor: 0,
        cessMinor: 2675,
      },
    ]);
    // The same packet on 1 Feb 2026: 40 %, no cess: taxable 18000 × 10000 / 14000 = 12857.14 →
    // 12857; GST 5143 → CGST 2572 + SGST 2571.
    const february = paid({
      supplyType: 'intra',
      lines: [lineOf('cig-65', '24022030', 10, 1800, 'gst-cigarettes-65', '2026-02-01')],
    });
    expect(taxOf(february.lines[0]!)).toEqual([12857, 2572, 2571, 0, 0]);
    expect(february.lines[0]?.cessSpecificMinor).toBeUndefined();

    // 3 Feb 2026: 4 sticks of the January packet come back at January's rates: specific
    // 4 × 207.6 = 830.4 → 830; net 7200, the rest 6370: taxable 6370 × 10000 / 13300 = 4789.47 →
    // 4789; tax 1581: GST 1341.45 → 1341, cess 239.55 → 240 (larger remainder); halves 671 + 670;
    // line cess 240 + 830 = 1070; 4789 + 671 + 670 + 1070 = 7200.
    const creditNote = paid({
      supplyType: 'intra',
      lines: [{ ...january.lines[0]!, qtyBase: 4, discountMinor: 0 }],
      refund: { paidMinor: 18000, returnedNetMinor: 0, refundedMinor: 0, isLastReturn: false },
    });
    expect(taxOf(creditNote.lines[0]!)).toEqual([4789, 671, 670, 0, 1070]);
    expect(creditNote.totals.totalMinor).toBe(7200);
  });

  it('refuses a cigarette line whose price cannot carry its specific cess', () => {
    // 10 sticks at ₹2 with a ₹10 discount: net 1000 < specific cess 2076.
    const result = computeBill({
      currency: 'INR',
      supplyType: 'intra',
      billDiscountMinor: 0,
      payments: [{ method: 'cash', amountMinor: 1000 }],
      lines: [lineOf('cig-65', '24022030', 10, 200, 'gst-cigarettes-65', '2026-01-15', 1000)],
    });
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.errors.map((e) => [e.code, e.details.specificMinor])).toEqual([
      ['SPECIFIC_CESS_EXCEEDS_AMOUNT', 2076],
    ]);
  });

  it('bills by the rate in force: the day before and the day of GST 2.0 (21 / 22 Sept 2025)', () => {
    const bill = (date: string) =>
      paid({
        supplyType: 'intra',
        lines: [
          lineOf('butter-100g', '0405', 1, 5600, 'gst-was-12-now-5', date),
          lineOf('cola-750ml', '2202', 1, 4000, 'gst-was-28-cess-now-40', date),
        ],
      });
    const before = bill('2025-09-21');
    // Butter at 12 %: 5600 × 10000 / 11200 = 5000; GST 600 → 300 + 300.
    // Cola at 28 % + 12 % cess: 4000 × 10000 / 14000 = 2857.14 → 2857; tax 1143 split 2800 : 1200:
    // GST 800.1 → 800, cess 342.9 → 343 (larger remainder); GST 400 + 400.
    expect(before.lines.map(taxOf)).toEqual([
      [5000, 300, 300, 0, 0],
      [2857, 400, 400, 0, 343],
    ]);
    expect(before.totals).toMatchObject({ taxableMinor: 7857, cgstMinor: 700, sgstMinor: 700 });
    expect(before.totals).toMatchObject({ cessMinor: 343, totalMinor: 9600 });
    const after = bill('2025-09-22');
    // Butter at 5 %: 5600 × 10000 / 10500 = 5333.33 → 5333; GST 267 → 134 + 133.
    // Cola at 40 %, no cess: 2857; GST 1143 → 572 + 571.
    expect(after.lines.map(taxOf)).toEqual([
      [5333, 134, 133, 0, 0],
      [2857, 572, 571, 0, 0],
    ]);
    expect(after.totals).toMatchObject({ taxableMinor: 8190, cgstMinor: 706, sgstMinor: 704 });
    expect(after.totals).toMatchObject({ cessMinor: 0, totalMinor: 9600 });
    expect(after.taxBreakdown.map((r) => [r.gstRateBp, r.cessRateBp])).toEqual([
      [500, 0],
      [4000, 0],
    ]);
  });
});
