import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { barcodeOf, syntheticCatalogue } from '../../bench/synthetic-catalogue';
import {
  openLiveCatalogue,
  startLiveCatalogue,
  type LiveCatalogue,
} from '../../src/renderer/catalogue/live-catalogue';
import {
  closeBill,
  createCartStore,
  type CartStore,
} from '../../src/renderer/features/billing/cart-store';
import type { ScanOutcome } from '../../src/renderer/features/billing/scan';
import { createScanLane, type ScanLane } from '../../src/renderer/features/billing/scan-lane';
import { openTestDatabase, type TestDatabase } from './open-test-database';

/**
 * Items scanned while the catalogue is still loading (issue 22) reach the cart as the billing
 * screen wires them (use-billing.ts): through the scan lane into the cart store, on a real
 * SQLite database. Orders and quantities are asserted, never times.
 */

const COUNT = 2500;
/** Small pages, so the load is still running when the tests scan. */
const PAGE = 250;
const AT = { storeId: 'store-1', regionId: 'region-1', date: '2026-04-01' };

let t: TestDatabase;
let live: LiveCatalogue;
let store: CartStore;
let lane: ScanLane;
let refusals: ScanOutcome[];

beforeEach(async () => {
  t = await openTestDatabase();
  const catalogue = syntheticCatalogue(COUNT, AT.storeId, AT.regionId);
  await t.db['tax-rates'].bulkInsert(catalogue.taxRates);
  await t.db.products.bulkInsert(catalogue.products);
  await t.db.prices.bulkInsert(catalogue.prices);
  // A first full load writes the barcode directory (once per database), as on any later start.
  (await openLiveCatalogue(t.db)).stop();
  live = startLiveCatalogue(t.db, { pageSize: PAGE });
  store = createCartStore();
  refusals = [];
  let keys = 0;
  lane = createScanLane({
    live,
    db: t.db,
    priceContext: () => AT,
    show: (outcome) => {
      if (outcome.kind === 'line') {
        keys += 1;
        store.dispatch({ type: 'add', line: { ...outcome.line, key: `line-${String(keys)}` } });
      } else refusals.push(outcome);
    },
    fail: (_code, error) => {
      throw error;
    },
  });
});

afterEach(async () => {
  live.stop();
  await t.close();
});

const lines = () => store.get().lines.map((line) => [line.productId, line.qtyBase]);

describe('scans while the catalogue loads', () => {
  it('keeps an early line through the end of the load; the same item scanned after it makes qty 2', async () => {
    void live.load();
    lane.scan(barcodeOf(COUNT - 1), 0);
    lane.scan(barcodeOf(3), 0);
    expect(live.isLoaded()).toBe(false);
    await lane.settled();
    expect(lines()).toEqual([
      ['p002499', 1],
      ['p000003', 1],
    ]);
    await live.load();
    expect(live.isLoaded()).toBe(true);
    lane.scan(barcodeOf(COUNT - 1), 0);
    lane.scan(barcodeOf(3), 0);
    expect(lines()).toEqual([
      ['p002499', 2],
      ['p000003', 2],
    ]);
    expect(refusals).toEqual([]);
  });

  it('bills an item whose lookup is still running when the bill is completed', async () => {
    void live.load();
    lane.scan(barcodeOf(1), 0);
    lane.scan(barcodeOf(2), 0);
    let billed: unknown[] = [];
    const result = await closeBill(lane, store, (open) => {
      billed = open.lines.map((line) => line.productId);
      return Promise.resolve({ ok: true });
    });
    expect(result).toEqual({ ok: true });
    expect(billed).toEqual(['p000001', 'p000002']);
    expect(store.get().lines).toEqual([]);
  });

  it('keeps for the next bill what is scanned while a bill is being written', async () => {
    await live.load();
    lane.scan(barcodeOf(1), 0);
    lane.scan(barcodeOf(2), 0);
    await closeBill(lane, store, async () => {
      // The cashier scans on while the sale is written: a new item and one already on the bill.
      lane.scan(barcodeOf(9), 0);
      lane.scan(barcodeOf(1), 0);
      await new Promise((resolve) => setTimeout(resolve, 10));
      return { ok: true };
    });
    expect(lines()).toEqual([
      ['p000001', 1],
      ['p000009', 1],
    ]);
  });

  it('prices a product picked by search before its prices are in memory', async () => {
    void live.load();
    // Products load before prices: wait until this one is in memory, its price not yet.
    while (live.catalogue.product('p000004') === undefined)
      await new Promise((resolve) => setTimeout(resolve, 1));
    const product = live.catalogue.product('p000004');
    if (product === undefined) throw new Error('unreachable');
    expect(live.catalogue.priceOf(product.id, AT)).toBeUndefined();
    lane.pick(product, 3);
    await lane.settled();
    expect(refusals).toEqual([]);
    expect(lines()).toEqual([['p000004', 3]]);
  });
});
