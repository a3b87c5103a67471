import { gunzipSync } from 'node:zlib';
import { rxJsonSchemaOf, type SyncCheckpoint, type SyncCollection } from '@kiryana/shared';
import {
  createManualNetworkStatus,
  startReplication,
  type FetchLike,
  type SnapshotCheckpoints,
  createSyncApi,
  syncPaths,
} from '@kiryana/sync-client';
import { type RxJsonSchema, createRxDatabase } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertProducts } from '../../testing/sync-fixtures';
import { type RxTerminal, openRxTerminal } from '../../testing/rx-terminal';
import { asPushRows, makeMovement, makeSale } from '../../testing/sync-fixtures';
import { type SyncHarness, openSyncHarness } from '../../testing/sync-harness';
import type { Fetcher } from '../../testing/sync-test-app';
import { testDatabases } from '../../testing/test-databases';

/**
 * The bulk first load (docs/sync.md, "Snapshot"): the route's stream, and the sync client loading
 * it into RxDB and replicating on from its end checkpoint, including rows that change while the
 * stream runs. The server reads two rows per query here, so a stream has many pages to interleave.
 */

const PRODUCTS = 12;

/** Splits a snapshot body into its header, documents and end line. */
function parseLines(text: string) {
  const lines = text
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  return {
    header: lines[0] as { snapshot: { collection: string; total: number } },
    documents: lines.slice(1, -1) as ({ id: string; _deleted: boolean } & Record<
      string,
      unknown
    >)[],
    end: lines.at(-1) as { end: { checkpoint: SyncCheckpoint; count: number } },
  };
}

/** A fetch over a test fetcher that counts requests by path and can rewrite snapshot answers. */
function countingFetch(
  fetcher: Fetcher,
  rewrite?: (collection: string, response: Response) => Response,
): { fetch: FetchLike; snapshots: string[]; pulls: string[] } {
  const snapshots: string[] = [];
  const pulls: string[] = [];
  const fetchLike: FetchLike = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const response = await fetcher(`${url.pathname}${url.search}`, init);
    const snapshot = /\/v1\/sync\/([^/]+)\/snapshot$/.exec(url.pathname);
    if (snapshot?.[1] !== undefined) {
      snapshots.push(snapshot[1]);
      return rewrite?.(snapshot[1], response) ?? response;
    }
    if (url.pathname.endsWith('/pull')) pulls.push(url.pathname.split('/')[3] ?? '');
    return response;
  };
  return { fetch: fetchLike, snapshots, pulls };
}

/** A body that waits for `during()` after the first chunk carrying documents (the header is one). */
function pausedAfterFirstPage(response: Response, during: () => Promise<void>): Response {
  let chunks = 0;
  const body = response.body?.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      async transform(chunk, controller) {
        controller.enqueue(chunk);
        chunks += 1;
        if (chunks === 2) await during();
      },
    }),
  );
  return new Response(body ?? null, { status: response.status, headers: response.headers });
}

/** A body that ends after its first two chunks: the header and one page, no end line. */
function cutAfterFirstPage(response: Response): Response {
  const reader = response.body?.getReader() as ReadableStreamDefaultReader<Uint8Array> | undefined;
  let chunks = 0;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await reader?.read();
      chunks += 1;
      if (next === undefined || next.done || chunks > 2) {
        await reader?.cancel();
        controller.close();
      } else controller.enqueue(next.value);
    },
  });
  return new Response(body, { status: response.status, headers: response.headers });
}

function memoryCheckpoints(): SnapshotCheckpoints & { writes: SyncCollection[] } {
  const kept = new Map<SyncCollection, SyncCheckpoint>();
  const writes: SyncCollection[] = [];
  return {
    writes,
    read: (collection) => Promise.resolve(kept.get(collection)),
    write: (collection, checkpoint) => {
      writes.push(collection);
      kept.set(collection, checkpoint);
      return Promise.resolve();
    },
  };
}

const byId = <T extends { id: string }>(docs: readonly T[]) =>
  [...docs].sort((a, b) => a.id.localeCompare(b.id));

describe.each(testDatabases())('snapshot first load on $name', (database) => {
  let h: SyncHarness;
  const open: RxTerminal[] = [];

  async function insertHqPrices(): Promise<void> {
    await h.db.query(
      `INSERT INTO prices (id, product_id, level, price_minor, mrp_minor, effective_from)
       SELECT 'price-' || p.id, p.id, 'hq', 1000, 1200, '2026-01-01' FROM products p`,
    );
  }

  beforeAll(async () => {
    h = await openSyncHarness(database, {
      productCount: PRODUCTS,
      deps: { snapshotPageRows: 2 },
    });
    await insertHqPrices();
    await h.db.query(
      `INSERT INTO prices (id, product_id, level, region_id, store_id, price_minor, mrp_minor, effective_from)
       VALUES ('price-r2', 'p001', 'region', 'r2', NULL, 900, 1200, '2026-01-01'),
              ('price-store-c', 'p002', 'store', 'r2', 'store-c', 800, 1200, '2026-01-01')`,
    );
  }, 60_000);
  afterAll(async () => {
    for (const t of open.splice(0)) await t.close();
    await h.close();
  });

  it('streams what a pull gives, in the device scope, with a count and an end checkpoint', async () => {
    const fetcher = h.fetcher(h.devices.a);
    const response = await fetcher(syncPaths.snapshot('prices'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    const { header, documents, end } = parseLines(await response.text());
    const pulled = await h.api(h.devices.a).pullAll('prices', 1000);
    expect(header.snapshot).toEqual({ v: 1, collection: 'prices', total: PRODUCTS });
    expect(documents).toEqual(pulled.documents);
    expect(end.end).toEqual({ checkpoint: pulled.checkpoint, count: PRODUCTS });
    // Store C (region r2) sees the HQ prices, its region's and its own; store A none of those two.
    const ofC = parseLines(
      await (await h.fetcher(h.devices.c)(syncPaths.snapshot('prices'))).text(),
    );
    expect(ofC.header.snapshot.total).toBe(PRODUCTS + 2);
    expect(ofC.documents.map((d) => d.id)).toEqual(
      expect.arrayContaining(['price-r2', 'price-store-c']),
    );
    expect(documents.map((d) => d.id)).not.toContain('price-r2');
  });

  it('is gzip-compressed for a client that accepts it', async () => {
    const response = await h.fetcher(h.devices.a)(syncPaths.snapshot('products'), {
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(response.headers.get('content-encoding')).toBe('gzip');
    const text = gunzipSync(Buffer.from(await response.arrayBuffer())).toString('utf8');
    expect(parseLines(text).end.end.count).toBe(PRODUCTS);
  });

  it('refuses a terminal-owned collection and an unknown one with the error envelope', async () => {
    const fetcher = h.fetcher(h.devices.a);
    const sales = await fetcher(syncPaths.snapshot('sales'));
    expect(sales.status).toBe(400);
    expect(await sales.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
    const unknown = await fetcher(syncPaths.snapshot('customers'));
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: 'UNKNOWN_COLLECTION' } });
  });

  it('loses and doubles nothing when prices change, a price is deleted and a sale is pushed during the snapshots', async () => {
    const device = await h.device('store-b', 'New counter');
    // Stock levels of store B exist before the terminal is installed.
    const receipts = h.products.map((p) => makeMovement('store-b', p, 50));
    expect((await h.api(device).push('stock-movements', asPushRows(receipts))).status).toBe(200);
    const sale = makeSale('store-b', [
      { productId: 'p001', qtyBase: 3 },
      { productId: 'p012', qtyBase: 4 },
    ]);
    const during = {
      prices: async () => {
        // p001's price was in the first page already sent; p012's is at the end of the stream.
        await h.db.query(
          "UPDATE prices SET price_minor = 1111 WHERE id IN ('price-p001', 'price-p012')",
        );
        await h.db.query("UPDATE prices SET deleted = true WHERE id = 'price-p002'");
      },
      'stock-levels': async () => {
        const other = await h.device('store-b', 'Counter two');
        expect((await h.api(other).push('sales', asPushRows([sale]))).status).toBe(200);
      },
    } as Record<string, () => Promise<void>>;
    const counting = countingFetch(h.fetcher(device), (collection, response) => {
      const change = during[collection];
      return change === undefined ? response : pausedAfterFirstPage(response, change);
    });
    const checkpoints = memoryCheckpoints();
    const t = await openRxTerminal(h.fetcher(device), {
      collections: ['products', 'prices', 'stock-levels'],
      api: createSyncApi(counting.fetch, 'http://test'),
      bulkFirstLoad: { checkpoints },
    });
    open.push(t);
    await t.awaitInSync();
    // Anything the snapshot's end checkpoint does not cover arrives by the next pull (a hint).
    t.connectStream();
    // The server's live documents as RxDB shows them (without the `_deleted` flag).
    const server = async (collection: SyncCollection) =>
      byId(
        (
          (await h.api(device).pullAll(collection, 1000)).documents as ({
            id: string;
            _deleted: boolean;
          } & Record<string, unknown>)[]
        )
          .filter((doc) => !doc._deleted)
          .map(({ _deleted, ...doc }) => doc),
      );
    await expect
      .poll(async () => byId(await t.docs('prices')), { timeout: 10_000 })
      .toEqual(await server('prices'));
    const prices = await t.docs('prices');
    expect(prices.find((p) => p.id === 'price-p001')?.priceMinor).toBe(1111);
    expect(prices.find((p) => p.id === 'price-p012')?.priceMinor).toBe(1111);
    expect(prices.map((p) => p.id)).not.toContain('price-p002');
    await expect
      .poll(async () => byId(await t.docs('stock-levels')), { timeout: 10_000 })
      .toEqual(await server('stock-levels'));
    const levels = await t.docs('stock-levels');
    expect(levels.find((l) => l.productId === 'p001')?.qtyBase).toBe(47);
    expect(levels.find((l) => l.productId === 'p012')?.qtyBase).toBe(46);
    const stored = await h.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM sales WHERE id = $1',
      [sale.id],
    );
    expect(stored.rows[0]?.n).toBe(1);
    expect((await t.docs('products')).length).toBe(PRODUCTS);
    // One snapshot per collection, in replication order, each checkpoint kept once.
    expect(counting.snapshots).toEqual(['products', 'prices', 'stock-levels']);
    expect(checkpoints.writes).toEqual(['products', 'prices', 'stock-levels']);
  });

  it('loads a cut-off snapshot again, and pulls on from the kept checkpoint after that', async () => {
    const device = await h.device('store-a', 'Flaky line');
    let cuts = 0;
    const counting = countingFetch(h.fetcher(device), (_collection, response) => {
      if (cuts > 0) return response;
      cuts += 1;
      return cutAfterFirstPage(response);
    });
    const checkpoints = memoryCheckpoints();
    const t = await openRxTerminal(h.fetcher(device), {
      collections: ['products'],
      api: createSyncApi(counting.fetch, 'http://test'),
      bulkFirstLoad: { checkpoints },
    });
    open.push(t);
    await t.awaitInSync();
    expect(byId(await t.docs('products')).map((p) => p.id)).toEqual(h.products);
    expect(counting.snapshots).toEqual(['products', 'products']);
    expect(checkpoints.writes).toEqual(['products']);
    // A resync pulls from the kept checkpoint: no third snapshot.
    t.replication('products').reSync();
    await t.awaitInSync();
    expect(counting.snapshots).toHaveLength(2);
    expect(counting.pulls.length).toBeGreaterThan(0);
  });
  it('loads the rest after a restart in which an earlier collection already has its own checkpoint', async () => {
    const device = await h.device('store-a', 'Restarted');
    const db = await createRxDatabase({
      name: `restart${String(Date.now())}`,
      storage: getRxStorageMemory(),
      multiInstance: false,
    });
    type Doc = { id: string };
    const { products, prices } = await db.addCollections({
      products: { schema: rxJsonSchemaOf('products') as unknown as RxJsonSchema<Doc> },
      prices: { schema: rxJsonSchemaOf('prices') as unknown as RxJsonSchema<Doc> },
    });
    const checkpoints = memoryCheckpoints();
    const run = (cutPrices: boolean) => {
      const counting = countingFetch(h.fetcher(device), (collection, response) =>
        cutPrices && collection === 'prices' ? cutAfterFirstPage(response) : response,
      );
      return startReplication({
        collections: { products, prices },
        api: createSyncApi(counting.fetch, 'http://test'),
        network: createManualNetworkStatus(true),
        scope: 'http://test-restart',
        replicate: ['products', 'prices'],
        retryTimeMs: 50,
        bulkFirstLoad: { checkpoints },
      });
    };
    // First run: products load, every prices snapshot is cut off; a new product is pulled, so
    // RxDB stores a checkpoint of its own for products.
    const first = run(true);
    await first.states.get('products')?.awaitInitialReplication();
    await insertProducts(h.db, ['after-snapshot']);
    first.resync('products');
    await expect
      .poll(async () => (await products.findByIds(['after-snapshot']).exec()).size)
      .toBe(1);
    await first.states.get('products')?.awaitInSync();
    await first.cancel();
    expect(checkpoints.writes).toEqual(['products']);
    // After the restart, products start from RxDB's checkpoint and prices still load.
    const second = run(false);
    try {
      await second.awaitInitialPull();
      const live = (await h.api(device).pullAll('prices', 1000)).documents.filter(
        (doc) => (doc as { _deleted?: boolean })._deleted !== true,
      );
      expect(await prices.count().exec()).toBe(live.length);
      expect(checkpoints.writes).toEqual(['products', 'prices']);
    } finally {
      await second.cancel();
      await db.close();
    }
  });
});
