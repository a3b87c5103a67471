/**
 * `pnpm bench` for the sync server: push ingest of sales through HTTP (a real socket, device
 * access token, validation, idempotency checks, partitioned inserts, stock projection, outbox)
 * against a raw batched insert of the same rows into the same schema, measured in the same run.
 * Runs on Postgres when TEST_PG_URL or DATABASE_URL is set (in a temporary database it creates and
 * drops), and always on embedded PGlite. BENCH_SALES sets the number of sales (default 6,000 on
 * Postgres, 2,000 on PGlite), BENCH_BATCH the sales per push (default 100, RxDB's push batch).
 */
import { serve } from '@hono/node-server';
import type { Sale } from '@kiryana/shared';
import type { AddressInfo } from 'node:net';
import { ensureSaleLinePartitionsAhead } from '../src/features/sync/sale-line-partitions';
import { settleSaleLinePartitions } from '../src/features/sync/sale-line-partitions';
import { insertProducts, insertStores, makeSale } from '../src/testing/sync-fixtures';
import { createTestApp, createTestDeps, enrolTestDevice } from '../src/testing/sync-test-app';
import { type TestDb, openTestPostgres } from '../src/testing/test-databases';
import { openPgliteDb } from '../src/db/pglite-db';
import { migrate } from '../src/db/migrate';
import { benchPgUrl, benchSizes } from './bench-env';
import { insertRawBatch, prepareRawBatch } from './raw-insert';

const BATCH = benchSizes.batch;
const PRODUCTS = Array.from({ length: 500 }, (_, i) => `bench-${String(i).padStart(3, '0')}`);

function makeSales(storeId: string, count: number, seed: number): Sale[] {
  let state = seed;
  const random = (n: number) => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    return state % n;
  };
  return Array.from({ length: count }, () =>
    makeSale(
      storeId,
      Array.from({ length: 1 + random(5) }, () => ({
        productId: PRODUCTS[random(PRODUCTS.length)] ?? 'bench-000',
        qtyBase: 1 + random(3),
      })),
      { businessDate: '2026-03-14' },
    ),
  );
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Sales per second of each path, and their ratio, on one database. */
async function compare(name: string, db: TestDb, saleCount: number): Promise<void> {
  await insertStores(db, 'bench-region', ['bench-push', 'bench-raw', 'bench-warm']);
  await insertProducts(db, PRODUCTS);
  const deps = await createTestDeps(db, { maxBodyBytes: 10_000_000 });
  await ensureSaleLinePartitionsAhead(db, { now: () => Date.UTC(2026, 2, 15) });
  const app = createTestApp(deps);
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  try {
    const device = await enrolTestDevice(app, deps, 'bench-push', 'Bench');
    const warm = await enrolTestDevice(app, deps, 'bench-warm', 'Warm-up');
    const push = async (token: string, body: string) => {
      const response = await fetch(`http://127.0.0.1:${String(port)}/v1/sync/sales/push`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body,
      });
      const conflicts = (await response.json()) as unknown[];
      if (response.status !== 200 || conflicts.length > 0) {
        throw new Error(`push answered ${String(response.status)}`);
      }
    };
    // Both sides prepare their payload before the clock starts: the terminal's JSON body, the
    // raw path's column arrays.
    const bodyOf = (sales: readonly Sale[]) =>
      JSON.stringify(sales.map((doc) => ({ newDocumentState: doc })));
    // Warm both paths (JIT, plans, connections) on a store of their own.
    for (const batch of chunks(makeSales('bench-warm', 4 * BATCH, 7), BATCH)) {
      await push(warm.token, bodyOf(batch));
    }
    for (const batch of chunks(makeSales('bench-warm', 4 * BATCH, 8), BATCH)) {
      await insertRawBatch(db, prepareRawBatch('bench-warm', batch));
    }

    const pushSales = makeSales('bench-push', saleCount, 1);
    const pushBatches = chunks(pushSales, BATCH).map(bodyOf);
    const rawBatches = chunks(makeSales('bench-raw', saleCount, 1), BATCH).map((batch) =>
      prepareRawBatch('bench-raw', batch),
    );
    // Alternate halves so drift in the machine's load hits both paths alike.
    let pushMs = 0;
    let rawMs = 0;
    const half = Math.ceil(pushBatches.length / 2);
    for (const part of [0, 1]) {
      let started = performance.now();
      for (const batch of rawBatches.slice(part * half, (part + 1) * half)) {
        await insertRawBatch(db, batch);
      }
      rawMs += performance.now() - started;
      started = performance.now();
      for (const batch of pushBatches.slice(part * half, (part + 1) * half)) {
        await push(device.token, batch);
      }
      pushMs += performance.now() - started;
    }
    const lines = pushSales.reduce((sum, sale) => sum + sale.lines.length, 0);
    const rate = (ms: number) => Math.round((saleCount / ms) * 1000);
    console.log(
      `push-ingest on ${name}: ${String(saleCount)} sales (${String(lines)} lines) in pushes of ${String(BATCH)}\n` +
        `  raw batched insert : ${String(rate(rawMs)).padStart(7)} sales/s  (${rawMs.toFixed(0)} ms)\n` +
        `  push through HTTP  : ${String(rate(pushMs)).padStart(7)} sales/s  (${pushMs.toFixed(0)} ms)\n` +
        `  ratio push / raw   : ${(rawMs / pushMs).toFixed(2)}  (goal ≥ 0.5 on Postgres)`,
    );
  } finally {
    await new Promise((resolve) => server.close(resolve));
    await settleSaleLinePartitions(db);
    await deps.live.close();
  }
}

if (benchPgUrl) {
  const db = await openTestPostgres(benchPgUrl, { max: 10 });
  try {
    await compare('Postgres', db, benchSizes.postgresSales);
  } finally {
    await db.close();
  }
} else {
  console.log('push-ingest on Postgres: skipped (set TEST_PG_URL or DATABASE_URL)');
}
const lite = await openPgliteDb();
await migrate(lite);
try {
  await compare('PGlite', lite, benchSizes.pgliteSales);
} finally {
  await lite.close();
}
