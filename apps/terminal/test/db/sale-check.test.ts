import {
  businessDate,
  computeBill,
  INDIA_TIME_ZONE,
  MAX_PLAUSIBLE_QTY_BASE,
  SALE_DOCUMENT_CODES,
} from '@kiryana/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCatalogue } from '../../src/renderer/catalogue/catalogue';
import { recordSale } from '../../src/renderer/db/facts';
import { billInputOf, type BillContext } from '../../src/renderer/features/billing/bill-preview';
import { cartReducer, EMPTY_CART, type CartState } from '../../src/renderer/features/billing/cart';
import {
  completeBill,
  type CompleteBillDeps,
} from '../../src/renderer/features/billing/complete-bill';
import { saleDocumentOf } from '../../src/renderer/features/billing/sale-document';
import { resolveScan } from '../../src/renderer/features/billing/scan';
import { completeReturn } from '../../src/renderer/features/returns/complete-return';
import { en } from '../../src/renderer/i18n/resources-en';
import { hi } from '../../src/renderer/i18n/resources-hi';
import { TEST_CATALOGUE, TEST_PRICE_CONTEXT } from '../../src/renderer/testing/catalogue-fixtures';
import { counterDepsOf, openTestDatabase, type TestDatabase } from './open-test-database';

const context: BillContext = { currency: 'INR', allowCredit: false };
const catalogue = createCatalogue(TEST_CATALOGUE);
const HUGE_QTY = MAX_PLAUSIBLE_QTY_BASE * 2;

/**
 * A packet of salt and two million tonnes of a free giveaway: a bill `computeBill` accepts (the
 * giveaway costs nothing, so no amount overflows), but whose quantity the server refuses on push.
 */
function implausibleCart(): CartState {
  const scanned = resolveScan(catalogue, '8901058000012', TEST_PRICE_CONTEXT);
  if (scanned.kind !== 'line') throw new Error('scan failed');
  const salt = { ...scanned.line, key: 'salt' };
  const giveaway = {
    ...salt,
    key: 'giveaway',
    productId: 'giveaway',
    nameEn: 'Free sample',
    unitPriceMinor: 0,
    mrpMinor: 0,
    qtyBase: HUGE_QTY,
  };
  const cart = cartReducer(cartReducer(EMPTY_CART, { type: 'add', line: salt }), {
    type: 'add',
    line: giveaway,
  });
  return cartReducer(cart, { type: 'addPayment', payment: { method: 'cash', amountMinor: 2800 } });
}

const implausible = {
  code: 'QTY_IMPLAUSIBLE',
  path: 'lines.1.qtyBase',
  message: `A quantity of ${HUGE_QTY} base units is implausible.`,
};

describe('the counter refuses documents the server would quarantine', () => {
  let t: TestDatabase;
  let deps: CompleteBillDeps & { returnSeriesCode: string };

  beforeEach(async () => {
    t = await openTestDatabase();
    deps = counterDepsOf(t);
  });
  afterEach(async () => {
    await t.close();
  });

  it('does not store a bill breaking a shared sale rule, nor use up its invoice number', async () => {
    const refused = await completeBill(deps, implausibleCart(), context);
    expect(refused).toEqual({ ok: false, errors: [], problems: [implausible] });
    expect(await t.db.sales.count().exec()).toBe(0);
    expect(await t.db.outbox.count().exec()).toBe(0);

    // Voiding the giveaway (which clears the tenders) leaves a bill the server accepts.
    const fine = cartReducer(cartReducer(implausibleCart(), { type: 'void', key: 'giveaway' }), {
      type: 'addPayment',
      payment: { method: 'cash', amountMinor: 2800 },
    });
    const stored = await completeBill(deps, fine, context);
    if (!stored.ok) throw new Error(JSON.stringify(stored));
    expect(stored.sale.invoiceNo).toBe('BLR1T1/26/000001');
    expect(await t.db.outbox.count().exec()).toBe(1);
  });

  it('does not store a credit note breaking a shared sale rule', async () => {
    // A bill stored before the counter checked its documents (an older terminal version).
    const computed = computeBill(billInputOf(implausibleCart(), context));
    if (!computed.ok) throw new Error(JSON.stringify(computed.errors));
    const now = new Date(t.clock.now());
    const original = saleDocumentOf(computed.bill, {
      id: t.newId(),
      kind: 'sale',
      storeId: 'store-1',
      terminalId: 'device-1',
      invoiceNo: 'BLR1T1/26/000007',
      originalSaleId: null,
      customerId: null,
      createdAt: now.toISOString(),
      businessDate: businessDate(now, INDIA_TIME_ZONE),
    });
    await recordSale(t.db, original);

    const everything = new Map(original.lines.map((line) => [line.lineNo, line.qtyBase]));
    const refused = await completeReturn(deps, original, everything);
    expect(refused).toEqual({ ok: false, problem: { code: 'DOCUMENT', problems: [implausible] } });
    expect((await t.db.sales.find().exec()).map((sale) => sale.id)).toEqual([original.id]);
    expect(await t.db.outbox.count().exec()).toBe(1);
  });

  it('explains every shared sale rule in every language', () => {
    for (const resources of [en, hi]) {
      const texts: Record<string, string> = resources.saleCheck;
      for (const code of SALE_DOCUMENT_CODES) expect(texts[code]).toMatch(/\S/);
    }
  });
});
