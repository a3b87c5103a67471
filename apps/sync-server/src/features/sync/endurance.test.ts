import type { Product, Sale, StockLevel } from '@kiryana/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RxTerminal, openRxTerminal } from '../../testing/rx-terminal';
import { insertProducts, makeSale } from '../../testing/sync-fixtures';
import { type SyncHarness, openSyncHarness } from '../../testing/sync-harness';
import { postgresOnly, testDatabases } from '../../testing/test-databases';
import { stockLevelDrift } from '../stock/stock-level.queries';

/** The first database the suite runs on: Postgres when configured, else PGlite. */
const [primary] = testDatabases();

describe.each(postgresOnly())('endurance on $name', (database) => {
  let h: SyncHarness;
  const open: RxTerminal[] = [];
  beforeAll(async () => {
    if (database.skip) return;
    h = await openSyncHarness(database, { productCount: 50 });
  }, 60_000);
  afterAll(async () => {
    if (database.skip) return;
    for (const t of open.splice(0)) await t.close();
    await h.close();
  });

  it.skipIf(database.skip)(
    'converges a week offline (3,500 sales) with nothing lost or doubled',
    async () => {
      const offline = await openRxTerminal(h.fetcher(await h.device('store-a', 'Week offline')), {
        collections: ['sales', 'stock-levels'],
        offline: true,
      });
      open.push(offline);
      const sales: Sale[] = [];
      for (let day = 0; day < 7; day += 1) {
        const date = `2026-03-${String(10 + day).padStart(2, '0')}`;
        for (let i = 0; i < 500; i += 1) {
          sales.push(
            makeSale(
              'store-a',
              [{ productId: h.products[i % 50] ?? 'p001', qtyBase: 1 + (i % 4) }],
              {
                businessDate: date,
                createdAt: `${date}T10:00:00.000Z`,
              },
            ),
          );
        }
      }
      await offline.collection('sales').bulkInsert(sales);
      const started = Date.now();
      await offline.goOnline();
      await offline.awaitInSync();
      const pushMs = Date.now() - started;

      const fresh = await openRxTerminal(h.fetcher(await h.device('store-a', 'Fresh')), {
        collections: ['sales', 'stock-levels'],
        pullBatchSize: 500,
      });
      open.push(fresh);
      await fresh.awaitInSync();
      const pulled = (await fresh.docs('sales')) as Sale[];
      expect(pulled).toHaveLength(3_500);
      expect(new Set(pulled.map((s) => s.id)).size).toBe(3_500);
      const stored = await h.db.query<{ n: string; lines: string }>(
        `SELECT count(*)::text AS n, (SELECT count(*)::text FROM stock_movements WHERE store_id = 'store-a') AS lines
           FROM sales WHERE store_id = 'store-a'`,
      );
      expect(stored.rows[0]).toEqual({ n: '3500', lines: '3500' });
      const levels = (await fresh.docs('stock-levels')) as StockLevel[];
      const sold = levels.reduce((sum, level) => sum - level.qtyBase, 0);
      expect(sold).toBe(sales.reduce((sum, s) => sum + (s.lines[0]?.qtyBase ?? 0), 0));
      expect(await stockLevelDrift(h.db, 'store-a')).toEqual([]);
      console.info(`3,500 offline sales pushed through RxDB in ${String(pushMs)} ms`);
    },
    120_000,
  );

  it.skipIf(database.skip)(
    'syncs a 20,000-product catalogue to a new terminal, measured in rows/s',
    async () => {
      const ids = Array.from({ length: 20_000 }, (_, i) => `cat-${String(i).padStart(5, '0')}`);
      await insertProducts(h.db, ids);
      const terminal = await openRxTerminal(h.fetcher(await h.device('store-b', 'New')), {
        collections: ['products'],
        pullBatchSize: 1_000,
      });
      open.push(terminal);
      const started = performance.now();
      await terminal.awaitInSync();
      const seconds = (performance.now() - started) / 1000;
      const products = (await terminal.docs('products')) as Product[];
      expect(products).toHaveLength(20_050);
      console.info(
        `initial catalogue sync: ${String(products.length)} rows in ${seconds.toFixed(2)} s = ${Math.round(products.length / seconds)} rows/s`,
      );
    },
    120_000,
  );
});

describe.each(primary ? [primary] : [])('reconnect storm on $name', (database) => {
  let h: SyncHarness;
  beforeAll(async () => {
    h = await openSyncHarness(database, { productCount: 0 });
  }, 60_000);
  afterAll(async () => {
    await h.close();
  });

  it('spreads the reconnects of 1,000 terminals after an outage over the retry window', async () => {
    const api = h.api(h.devices.a);
    const streams = await Promise.all(Array.from({ length: 1_000 }, () => api.stream()));
    const retries: number[] = [];
    for (const stream of streams) {
      const first = await stream.events.next();
      if (!first.done && first.value.retry !== undefined) retries.push(first.value.retry);
      stream.close();
    }
    expect(retries).toHaveLength(1_000);
    expect(Math.min(...retries)).toBeGreaterThanOrEqual(2_000);
    expect(Math.max(...retries)).toBeLessThan(10_000);
    // Eight one-second buckets between 2 s and 10 s each get a fair share, none takes the crowd.
    const buckets = Array.from(
      { length: 8 },
      (_, i) => retries.filter((retry) => Math.floor((retry - 2_000) / 1_000) === i).length,
    );
    expect(Math.min(...buckets)).toBeGreaterThan(60);
    expect(Math.max(...buckets)).toBeLessThan(200);
  }, 60_000);
});
