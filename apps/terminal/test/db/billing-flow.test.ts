import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCatalogue } from '../../src/renderer/catalogue/catalogue';
import { confirmSynced, reconcileOutbox } from '../../src/renderer/db/facts';
import { issueInvoiceNumber } from '../../src/renderer/db/invoice-series';
import { findSaleByInvoiceNo } from '../../src/renderer/db/sales-queries';
import type { BillContext } from '../../src/renderer/features/billing/bill-preview';
import { cartReducer, EMPTY_CART, type CartState } from '../../src/renderer/features/billing/cart';
import {
  completeBill,
  type CompleteBillDeps,
} from '../../src/renderer/features/billing/complete-bill';
import { resolveScan } from '../../src/renderer/features/billing/scan';
import { completeReturn } from '../../src/renderer/features/returns/complete-return';
import {
  riceLabel,
  TEST_CATALOGUE,
  TEST_PRICE_CONTEXT,
} from '../../src/renderer/testing/catalogue-fixtures';
import { counterDepsOf, openTestDatabase, type TestDatabase } from './open-test-database';

const context: BillContext = { currency: 'INR', allowCredit: false };
const catalogue = createCatalogue(TEST_CATALOGUE);

function cartOf(...codes: string[]): CartState {
  return codes.reduce((state, code, index) => {
    const outcome = resolveScan(catalogue, code, TEST_PRICE_CONTEXT);
    if (outcome.kind !== 'line') throw new Error(`cannot scan ${code}`);
    return cartReducer(state, { type: 'add', line: { ...outcome.line, key: `k${index}` } });
  }, EMPTY_CART);
}

function paid(cart: CartState, ...payments: CartState['payments']): CartState {
  return payments.reduce(
    (state, payment) => cartReducer(state, { type: 'addPayment', payment }),
    cart,
  );
}

describe('billing on a real SQLite database', () => {
  let t: TestDatabase;
  let deps: CompleteBillDeps & { returnSeriesCode: string };

  beforeEach(async () => {
    t = await openTestDatabase();
    deps = counterDepsOf(t);
  });
  afterEach(async () => {
    await t.close();
  });

  it('stores one sale document with invoice number, GST breakdown, split payment and an outbox entry', async () => {
    // Salt ₹28 + soap ₹40 + 1.25 kg rice ₹72.50 = ₹140.50 → ₹141 after round-off.
    const cart = paid(
      cartOf('8901058000012', '8901030000017', riceLabel(1250)),
      { method: 'upi', amountMinor: 10_000, reference: 'UPI-1' },
      { method: 'cash', amountMinor: 4100, tenderedMinor: 5000 },
    );
    const result = await completeBill(deps, cart, context);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.sale).toMatchObject({
      kind: 'sale',
      invoiceNo: 'BLR1T1/26/000001',
      businessDate: '2026-04-01',
      totals: { totalMinor: 14_100, roundOffMinor: 50 },
      payments: [
        { method: 'upi', amountMinor: 10_000, reference: 'UPI-1', changeMinor: null },
        { method: 'cash', amountMinor: 4100, tenderedMinor: 5000, changeMinor: 900 },
      ],
    });
    expect(result.sale.taxBreakdown.map((row) => row.gstRateBp)).toEqual([500, 1800]);
    expect(await findSaleByInvoiceNo(t.db, 'blr1t1/26/000001')).toEqual(result.sale);
    expect((await t.db.outbox.find().exec()).map((entry) => entry.id)).toEqual([result.sale.id]);
    await confirmSynced(t.db, [result.sale.id]);
    expect(await t.db.outbox.count().exec()).toBe(0);
  });

  it('refuses an underpaid bill without credit and stores nothing', async () => {
    const cart = paid(cartOf('8901058000012'), { method: 'cash', amountMinor: 2000 });
    const result = await completeBill(deps, cart, context);
    expect(result).toMatchObject({ ok: false, errors: [{ code: 'UNDERPAID' }] });
    expect(await t.db.sales.count().exec()).toBe(0);
    expect(await t.db.outbox.count().exec()).toBe(0);
  });

  it('numbers bills consecutively, also across a crash before the series state was saved', async () => {
    const cart = paid(cartOf('8901058000012'), { method: 'cash', amountMinor: 2800 });
    const numbers = await Promise.all(
      [1, 2, 3].map(async () => {
        const result = await completeBill(deps, cart, context);
        return result.ok ? result.sale.invoiceNo : 'failed';
      }),
    );
    expect(numbers).toEqual(['BLR1T1/26/000001', 'BLR1T1/26/000002', 'BLR1T1/26/000003']);
    // A crash after storing bill 4 but before its series state was written:
    const issued = await issueInvoiceNumber(t.db, 'BLR1T1', new Date(t.clock.now()));
    expect(issued.invoiceNo).toBe('BLR1T1/26/000004');
    const fourth = await completeBill(deps, cart, context);
    expect(fourth.ok && fourth.sale.invoiceNo).toBe('BLR1T1/26/000004');
    await t.reopen();
    const fifth = await completeBill(deps, cart, context);
    expect(fifth.ok && fifth.sale.invoiceNo).toBe('BLR1T1/26/000005');
  });

  it('starts a new series on 1 April India time', async () => {
    const cart = paid(cartOf('8901058000012'), { method: 'cash', amountMinor: 2800 });
    t.clock.set('2027-03-31T18:29:00.000Z');
    const last = await completeBill(deps, cart, context);
    t.clock.set('2027-03-31T18:31:00.000Z');
    const first = await completeBill(deps, cart, context);
    expect([last.ok && last.sale.invoiceNo, first.ok && first.sale.invoiceNo]).toEqual([
      'BLR1T1/26/000001',
      'BLR1T1/27/000001',
    ]);
  });

  it('returns part of a bill by the original tenders, and never more than was sold', async () => {
    const cart = paid(
      cartReducer(cartOf('8901058000012', '8901058000012', '8901030000017'), {
        type: 'setBillDiscount',
        amountMinor: 600,
      }),
      { method: 'upi', amountMinor: 5000, reference: 'UPI-9' },
      { method: 'cash', amountMinor: 4000 },
    );
    const sale = await completeBill(deps, cart, context);
    if (!sale.ok) throw new Error('sale failed');
    // Two salt packets ₹56 + soap ₹40 − ₹6 bill discount = ₹90.
    expect(sale.sale.totals.totalMinor).toBe(9000);
    const saltLine = sale.sale.lines.find((line) => line.productId === 'salt');
    if (saltLine === undefined) throw new Error('no salt line');
    const first = await completeReturn(deps, sale.sale, new Map([[saltLine.lineNo, 1]]));
    if (!first.ok) throw new Error(JSON.stringify(first.problem));
    expect(first.sale).toMatchObject({
      kind: 'return',
      originalSaleId: sale.sale.id,
      invoiceNo: 'T1RBLR/26/000001',
      lines: [{ lineNo: saltLine.lineNo, qtyBase: 1, gstRateBp: 500 }],
    });
    const refunded = first.sale.payments.map((payment) => [payment.method, payment.amountMinor]);
    expect(refunded.map(([method]) => method)).toEqual(['upi', 'cash']);
    expect(first.sale.payments.reduce((sum, payment) => sum + payment.amountMinor, 0)).toBe(
      first.sale.totals.totalMinor,
    );
    const second = await completeReturn(deps, sale.sale, new Map([[saltLine.lineNo, 1]]));
    expect(second.ok).toBe(true);
    // Both salt packets are back: their discounts add up to the original line's exactly.
    if (second.ok) {
      expect(first.sale.lines[0]!.discountMinor + second.sale.lines[0]!.discountMinor).toBe(
        saltLine.discountMinor,
      );
    }
    const third = await completeReturn(deps, sale.sale, new Map([[saltLine.lineNo, 1]]));
    expect(third).toEqual({
      ok: false,
      problem: { code: 'TOO_MANY', lineNo: saltLine.lineNo, leftQtyBase: 0 },
    });
  });

  it('drops an outbox entry whose fact was never written', async () => {
    await t.db.outbox.insert({
      id: 'ghost',
      factCollection: 'sales',
      createdAt: '2026-04-01T00:00:00.000Z',
    });
    expect(await reconcileOutbox(t.db)).toBe(1);
    expect(await t.db.outbox.count().exec()).toBe(0);
  });
});
