import { computeBill, type BillLineInput, type PaymentInput } from '@kiryana/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Stored } from '../../db/schemas';
import { saleDocumentOf } from '../billing/sale-document';
import { computeReturn } from './return-bill';
import type { Sale } from '@kiryana/shared';

type SaleDoc = Stored<Sale>;

const line = (productId: string, overrides: Partial<BillLineInput> = {}): BillLineInput => ({
  productId,
  name: `Product ${productId}`,
  hsn: '1905',
  qtyBase: 2,
  priceBasisQty: 1,
  unitPriceMinor: 1050,
  mrpMinor: 1050,
  discountMinor: 0,
  gstRateBp: 500,
  cessRateBp: 0,
  ...overrides,
});

let ids = 0;
const nextId = () => `0190a8a0-0000-7000-8000-${String((ids += 1)).padStart(12, '0')}`;

/** A completed sale of `lines`, paid exactly by `methods` in equal-ish parts. */
function saleOf(
  lines: BillLineInput[],
  billDiscountMinor = 0,
  methods: PaymentInput['method'][] = ['cash'],
): SaleDoc {
  const input = {
    currency: 'INR' as const,
    supplyType: 'intra' as const,
    lines,
    billDiscountMinor,
  };
  const unpaid = computeBill({ ...input, payments: [] });
  const payable = unpaid.ok ? 0 : unpaid.errors[0]?.details.payableMinor;
  if (typeof payable !== 'number') throw new Error(JSON.stringify(unpaid));
  const share = Math.floor(payable / methods.length);
  const payments: PaymentInput[] = methods.map((method, i) => ({
    method,
    amountMinor: i === 0 ? payable - share * (methods.length - 1) : share,
    reference: method === 'cash' ? null : `REF-${i}`,
  }));
  const result = computeBill({ ...input, payments: payable > 0 ? payments : [] });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return saleDocumentOf(result.bill, {
    id: nextId(),
    kind: 'sale',
    storeId: 'store-1',
    terminalId: 'T1',
    invoiceNo: 'T1/26/000001',
    originalSaleId: null,
    customerId: null,
    createdAt: '2026-04-01T04:30:00.000Z',
    businessDate: '2026-04-01',
  });
}

/** Makes the return of `selected` against `original` after `earlier`, as the counter would. */
function returnOf(original: SaleDoc, earlier: SaleDoc[], selected: Map<number, number>): SaleDoc {
  const computed = computeReturn(original, earlier, selected);
  if (!computed.ok) throw new Error(JSON.stringify(computed.problem));
  return saleDocumentOf(computed.value.bill, {
    id: nextId(),
    kind: 'return',
    storeId: 'store-1',
    terminalId: 'T1',
    invoiceNo: 'T1R/26/000001',
    originalSaleId: original.id,
    customerId: null,
    createdAt: '2026-04-02T04:30:00.000Z',
    businessDate: '2026-04-02',
    lineNos: computed.value.lineNos,
  });
}

const refunded = (returns: SaleDoc[]) => returns.reduce((sum, r) => sum + r.totals.totalMinor, 0);

describe('computeReturn refunds', () => {
  it('refunds two one-packet returns of a 2 × ₹10.50 bill as ₹11 + ₹10, not ₹11 + ₹11', () => {
    const original = saleOf([line('salt')]);
    expect(original.totals.totalMinor).toBe(2100);
    const first = returnOf(original, [], new Map([[1, 1]]));
    expect(first.totals).toMatchObject({ netMinor: 1050, roundOffMinor: 50, totalMinor: 1100 });
    const second = returnOf(original, [first], new Map([[1, 1]]));
    expect(second.totals).toMatchObject({ netMinor: 1050, roundOffMinor: -50, totalMinor: 1000 });
    expect(second.payments).toEqual([
      {
        method: 'cash',
        amountMinor: 1000,
        tenderedMinor: 1000,
        changeMinor: 0,
        reference: null,
        customerId: null,
      },
    ]);
    expect(refunded([first, second])).toBe(2100);
  });

  it('returns a few grams worth 0 paise without giving back more discount than their amount', () => {
    // 1,072 g at 7 paise a kg (8 paise) carrying a share of the bill discount: some returned
    // portions are worth fewer paise than their share of that line's discount rounds to.
    const original = saleOf(
      [
        line('salt', { qtyBase: 1, gstRateBp: 0 }),
        line('dust', { qtyBase: 1072, priceBasisQty: 1000, unitPriceMinor: 7, gstRateBp: 0 }),
      ],
      67,
    );
    const returns: SaleDoc[] = [];
    const steps = [new Map([[2, 169]]), new Map([[2, 414]]), new Map([[2, 418]])];
    for (const selected of [
      ...steps,
      new Map([
        [1, 1],
        [2, 71],
      ]),
    ]) {
      const made = returnOf(original, returns, selected);
      for (const returned of made.lines) {
        expect(returned.discountMinor).toBeLessThanOrEqual(returned.grossMinor);
      }
      returns.push(made);
    }
    expect(refunded(returns)).toBe(original.totals.totalMinor);
  });

  it('refunds a bill whose round-off went up exactly what was paid when all is returned', () => {
    const original = saleOf([line('salt', { qtyBase: 1, unitPriceMinor: 2150, mrpMinor: 2150 })]);
    expect(original.totals.totalMinor).toBe(2200);
    expect(returnOf(original, [], new Map([[1, 1]])).totals.totalMinor).toBe(2200);
  });
});

const lineArb = fc
  .record({
    weighed: fc.boolean(),
    qty: fc.integer({ min: 1, max: 6 }),
    grams: fc.integer({ min: 3, max: 2500 }),
    unitPriceMinor: fc.oneof(fc.constantFrom(1050, 999, 2150), fc.integer({ min: 1, max: 50_000 })),
    discountPercent: fc.integer({ min: 0, max: 30 }),
    gstRateBp: fc.constantFrom(0, 500, 1800, 4000),
  })
  .map(({ weighed, qty, grams, unitPriceMinor, discountPercent, gstRateBp }) => ({
    weighed,
    qtyBase: weighed ? grams : qty,
    priceBasisQty: weighed ? 1000 : 1,
    unitPriceMinor,
    discountPercent,
    gstRateBp,
  }));

const scenarioArb = fc.record({
  lines: fc.array(lineArb, { minLength: 1, maxLength: 4 }),
  billDiscountPermille: fc.integer({ min: 0, max: 100 }),
  methods: fc.constantFrom<PaymentInput['method'][]>(['cash'], ['cash', 'upi'], ['card']),
  // Each step returns, of every line, this fraction (per mille) of what is left.
  steps: fc.array(fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 4, maxLength: 4 }), {
    minLength: 1,
    maxLength: 6,
  }),
  returnRest: fc.boolean(),
});

describe('computeReturn refund properties', () => {
  it('never refunds more than was paid over any sequence of partial returns', () => {
    fc.assert(
      fc.property(scenarioArb, ({ lines, billDiscountPermille, methods, steps, returnRest }) => {
        const inputs = lines.map((spec, i) => {
          const gross = Math.round((spec.qtyBase * spec.unitPriceMinor) / spec.priceBasisQty);
          return line(`p${i}`, {
            qtyBase: spec.qtyBase,
            priceBasisQty: spec.priceBasisQty,
            unitPriceMinor: spec.unitPriceMinor,
            mrpMinor: spec.unitPriceMinor,
            discountMinor: Math.floor((gross * spec.discountPercent) / 100),
            gstRateBp: spec.gstRateBp,
          });
        });
        const afterLine = inputs.reduce(
          (sum, l) =>
            sum + Math.round((l.qtyBase * l.unitPriceMinor) / l.priceBasisQty) - l.discountMinor,
          0,
        );
        // A bill that rounds to ₹0 has no payment and is no sale to return.
        fc.pre(afterLine >= 100);
        const original = saleOf(
          inputs,
          Math.floor((Math.max(0, afterLine) * billDiscountPermille) / 1000),
          methods,
        );
        if (original.totals.totalMinor === 0) return;
        const left = new Map(original.lines.map((l) => [l.lineNo, l.qtyBase]));
        const returns: SaleDoc[] = [];
        const plan = returnRest ? [...steps, [1000, 1000, 1000, 1000]] : steps;
        for (const fractions of plan) {
          const selected = new Map<number, number>();
          original.lines.forEach((l, i) => {
            const rest = left.get(l.lineNo) ?? 0;
            const qty = Math.floor((rest * (fractions[i] ?? 0)) / 1000);
            if (qty > 0) selected.set(l.lineNo, qty);
          });
          if (selected.size === 0) continue;
          const made = returnOf(original, returns, selected);
          returns.push(made);
          for (const [lineNo, qty] of selected) left.set(lineNo, (left.get(lineNo) ?? 0) - qty);
          expect(made.totals.totalMinor).toBeGreaterThanOrEqual(0);
          expect(refunded(returns)).toBeLessThanOrEqual(original.totals.totalMinor);
          for (const method of new Set(original.payments.map((p) => p.method))) {
            const paidBy = original.payments.filter((p) => p.method === method);
            const back = returns.flatMap((r) => r.payments).filter((p) => p.method === method);
            const sum = (ps: { amountMinor: number }[]) =>
              ps.reduce((s, p) => s + p.amountMinor, 0);
            // Each tender gets back its share of each refund: within a paisa per return.
            expect(sum(back)).toBeLessThanOrEqual(sum(paidBy) + returns.length);
          }
        }
        if ([...left.values()].every((qty) => qty === 0)) {
          expect(refunded(returns)).toBe(original.totals.totalMinor);
        }
      }),
      { numRuns: 300 },
    );
  }, 120_000);
});
