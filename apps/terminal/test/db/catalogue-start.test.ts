import { createManualNetworkStatus } from '@kiryana/sync-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { barcodeOf, syntheticCatalogue } from '../../bench/synthetic-catalogue';
import { startTerminal } from '../../src/renderer/app/start-terminal';
import { openLiveCatalogue, startLiveCatalogue } from '../../src/renderer/catalogue/live-catalogue';
import { resolveScanAtStart } from '../../src/renderer/features/billing/scan-at-start';
import type { Platform } from '../../src/renderer/platform/platform';
import { parseDeviceCredential } from '../../src/renderer/sync/device-credential';
import { openTestDatabase, type TestDatabase } from './open-test-database';

/**
 * Start-up must not grow with the catalogue (issue 22): the terminal comes up with nothing of the
 * catalogue in memory, loads it in pages after the first screen, and scans a barcode before the
 * load through the barcode directory. Sizes and states are asserted, never times.
 */

const COUNT = 2500;
/** A page smaller than the catalogue, so the test sees the load go in steps. */
const PAGE = 1000;
const AT = { storeId: 'store-1', regionId: 'region-1', date: '2026-04-01' };

let t: TestDatabase;

async function seed(count: number): Promise<void> {
  const catalogue = syntheticCatalogue(count, AT.storeId, AT.regionId);
  await t.db['tax-rates'].bulkInsert(catalogue.taxRates);
  await t.db.products.bulkInsert(catalogue.products);
  await t.db.prices.bulkInsert(catalogue.prices);
}

beforeEach(async () => {
  t = await openTestDatabase();
  await seed(COUNT);
});

afterEach(async () => {
  await t.close();
});

describe('catalogue at start-up', () => {
  it('startTerminal returns with no product in memory and nothing loading until the shell asks', async () => {
    const credential = parseDeviceCredential(
      JSON.stringify({
        serverUrl: 'http://127.0.0.1:9',
        deviceId: 'device-1',
        deviceSecret: 'secret',
        pinKey: 'a'.repeat(64),
        storeId: AT.storeId,
        storeCode: 'S1',
        regionId: AT.regionId,
        terminalCode: 'T1',
      }),
    );
    if (credential === undefined) throw new Error('test credential not parsed');
    const offline: typeof fetch = () => Promise.reject(new Error('offline'));
    const services = await startTerminal({
      platform: { credential: { save: () => Promise.resolve() } } as unknown as Platform,
      db: t.db,
      credential,
      clock: t.clock,
      network: createManualNetworkStatus(false),
      fetch: offline,
      onUnbind: () => undefined,
    });
    try {
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(services.catalogue.isLoaded()).toBe(false);
      expect(services.catalogue.catalogue.size).toBe(0);
      await services.catalogue.load();
      expect(services.catalogue.catalogue.size).toBe(COUNT);
    } finally {
      services.catalogue.stop();
      await services.sync.stop();
    }
  });

  it('loads in bounded pages, then holds every product with its index built', async () => {
    const live = startLiveCatalogue(t.db, { pageSize: PAGE });
    const sizes: number[] = [];
    const subscription = live.version$.subscribe(() => sizes.push(live.catalogue.size));
    await live.load();
    subscription.unsubscribe();
    live.stop();
    // Each step of the load adds at most one page: no single read of the whole collection.
    const steps = sizes.slice(1).map((size, i) => size - (sizes[i] ?? 0));
    expect(Math.max(...steps)).toBeLessThanOrEqual(PAGE);
    expect(steps.filter((step) => step > 0).length).toBeGreaterThanOrEqual(3);
    expect(live.catalogue.size).toBe(COUNT);
    expect(live.catalogue.search('atta', 5)).toHaveLength(5);
  });

  it('scans a barcode through the directory before the catalogue is loaded', async () => {
    // A first full load writes the directory (once per database).
    (await openLiveCatalogue(t.db)).stop();
    const live = startLiveCatalogue(t.db);
    const outcome = await resolveScanAtStart(live, t.db, barcodeOf(COUNT - 1), AT);
    expect(outcome.kind).toBe('line');
    if (outcome.kind === 'line') expect(outcome.line.productId).toBe('p002499');
    // Answered without the load: nothing of the catalogue came into memory.
    expect(live.isLoaded()).toBe(false);
    expect(live.catalogue.size).toBe(0);
    live.stop();
  });

  it('keeps the directory current for products written while it runs', async () => {
    const live = startLiveCatalogue(t.db);
    const extra = syntheticCatalogue(COUNT + 1, AT.storeId, AT.regionId);
    const last = extra.products.at(-1);
    const lastPrice = extra.prices.at(-1);
    if (last === undefined || lastPrice === undefined) throw new Error('no product');
    await t.db.products.insert(last);
    await t.db.prices.insert(lastPrice);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const outcome = await resolveScanAtStart(live, t.db, barcodeOf(COUNT), AT);
    expect(outcome.kind).toBe('line');
    expect(live.isLoaded()).toBe(false);
    live.stop();
  });

  it('never trusts a stale directory row: a barcode that moved waits for the full catalogue', async () => {
    (await openLiveCatalogue(t.db)).stop();
    // Written with no live catalogue running, so the directory still names the old owner.
    const doc = await t.db.products.findOne('p000007').exec();
    await doc?.incrementalPatch({ barcodes: ['8900000099996'] });
    const live = startLiveCatalogue(t.db);
    const outcome = await resolveScanAtStart(live, t.db, barcodeOf(7), AT);
    expect(outcome).toMatchObject({ kind: 'refused', reason: 'unknown-barcode' });
    expect(live.isLoaded()).toBe(true);
    live.stop();
  });
});
