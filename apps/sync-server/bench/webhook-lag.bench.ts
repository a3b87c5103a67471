/**
 * `pnpm bench`: event lag from a sale's commit to its webhook delivery, at a sustained push load.
 * Terminals of BENCH_WEBHOOK_STORES stores (default 20) push sales through the real push route
 * (HTTP on a real socket, device tokens) at BENCH_WEBHOOK_RATE sales/s in all (default 1,000) for
 * BENCH_WEBHOOK_SECONDS (default 10), each store in batches every 100 ms, as a busy counter's
 * RxDB would. The server runs as server.ts runs it: outbox relay to the in-process bus, the
 * webhooks consumer, the dispatcher (in a process of its own with WEBHOOK_DISPATCHER=process, on
 * Postgres, as server.ts runs it then); an HQ subscription to `sale.recorded` for every store posts
 * to a real HTTP receiver on 127.0.0.1. Lag = receipt at the receiver − the push's answer (the
 * sale committed before the answer, so this is at most the true lag); the baseline in the same run
 * is the push round trip. Goal (issue 14): p99 lag ≤ 1 s at 1,000 sales/s. Uses Postgres at
 * TEST_PG_URL or DATABASE_URL (a database it creates and drops), else in-memory PGlite. Load
 * generator and server share one process, the receiver has one of its own (as an HQ system
 * would), all on this 2-core machine.
 */
import { fork } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import type { Sale } from '@kiryana/shared';
import pino from 'pino';
import { migrate } from '../src/db/migrate';
import { openPgliteDb } from '../src/db/pglite-db';
import { startEvents } from '../src/features/events/start-events';
import {
  ensureSaleLinePartitionsAhead,
  settleSaleLinePartitions,
} from '../src/features/sync/sale-line-partitions';
import { startWebhooks } from '../src/features/webhooks/start-webhooks';
import { integrationActor } from '../src/features/webhooks/webhooks-test-kit';
import { createSubscription } from '../src/features/webhooks/webhooks.service';
import { insertProducts, insertStores, makeSale } from '../src/testing/sync-fixtures';
import { createTestApp, createTestDeps, enrolTestDevice } from '../src/testing/sync-test-app';
import { type TestDb, openTestPostgres } from '../src/testing/test-databases';
import { percentile } from './bench-server';
import { webhookLagBenchEnv } from './webhook-lag-env';

const {
  pgUrl,
  rate: RATE,
  seconds: SECONDS,
  stores: STORES,
  perSubscription: PER_SUBSCRIPTION,
  dispatcherProcess: DISPATCHER_PROCESS,
} = webhookLagBenchEnv();
const TICK_MS = 100;
type ReceiverMessage =
  | { readonly url: string }
  | { readonly receipts: number; readonly received: readonly [string, number][] };
const PRODUCTS = Array.from({ length: 200 }, (_, i) => `bench-${String(i).padStart(3, '0')}`);

const db: TestDb = pgUrl ? await openTestPostgres(pgUrl, { max: 10 }) : await openPgliteDb();
if (!pgUrl) await migrate(db);
const where = pgUrl ? 'postgres' : 'pglite';
const storeIds = Array.from({ length: STORES }, (_, i) => `lag-${String(i).padStart(2, '0')}`);
await insertStores(db, 'r1', storeIds);
await insertProducts(db, PRODUCTS);
await ensureSaleLinePartitionsAhead(db, { now: () => Date.UTC(2026, 2, 15) });

// The receiver, in a process of its own: when each sale's event arrived (epoch ms).
const receivedAt = new Map<string, number>();
let receipts = 0;
const epochNow = () => performance.timeOrigin + performance.now();
const receiver = fork(fileURLToPath(new URL('./webhook-receiver-child.ts', import.meta.url)), [], {
  execArgv: ['--import', 'tsx'],
});
const receiverUrl = await new Promise<string>((resolve) => {
  receiver.on('message', (message: ReceiverMessage) => {
    if ('url' in message) resolve(message.url);
    else {
      receipts = message.receipts;
      for (const [saleId, at] of message.received) {
        if (!receivedAt.has(saleId)) receivedAt.set(saleId, at);
      }
    }
  });
});

const clock = { now: () => Date.now() };
const logger = pino({ level: 'warn' });
const events = await startEvents({ db, logger }, { databaseUrl: db.connectionString });
const webhooks = await startWebhooks(
  { db, clock, logger, bus: events.bus },
  {
    ...(PER_SUBSCRIPTION === undefined ? {} : { perSubscription: PER_SUBSCRIPTION }),
    // Postgres only, as in server.ts: PGlite cannot be opened by a second process.
    processOn: DISPATCHER_PROCESS ? db.connectionString : undefined,
  },
);
await createSubscription(
  { db, clock, allowPrivateTargets: true },
  integrationActor('bench-erp', ['all']),
  { url: receiverUrl, eventTypes: ['sale.recorded'] },
);
const deps = await createTestDeps(db, { maxBodyBytes: 10_000_000 });
const app = createTestApp(deps);
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
await new Promise((resolve) => server.once('listening', resolve));
const base = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;

let seed = 7;
const random = (n: number) => {
  seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0;
  return seed % n;
};
const saleOf = (storeId: string): Sale =>
  makeSale(
    storeId,
    Array.from({ length: 1 + random(4) }, () => ({
      productId: PRODUCTS[random(PRODUCTS.length)] ?? 'bench-000',
      qtyBase: 1 + random(3),
    })),
    { businessDate: '2026-03-14' },
  );

const answeredAt = new Map<string, number>();
const roundTrips: number[] = [];
try {
  const tokens = new Map<string, string>();
  for (const storeId of storeIds) {
    tokens.set(storeId, (await enrolTestDevice(app, deps, storeId, 'Lag')).token);
  }
  const push = async (storeId: string, sales: readonly Sale[]) => {
    const started = epochNow();
    const response = await fetch(`${base}/v1/sync/sales/push`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${tokens.get(storeId) ?? ''}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify(sales.map((doc) => ({ newDocumentState: doc }))),
    });
    const conflicts = (await response.json()) as unknown[];
    if (response.status !== 200 || conflicts.length > 0) {
      throw new Error(`push answered ${String(response.status)}`);
    }
    const at = epochNow();
    roundTrips.push(at - started);
    for (const sale of sales) answeredAt.set(sale.id, at);
  };
  // Warm-up: plans, JIT, connections, the first deliveries.
  for (const storeId of storeIds.slice(0, 4)) await push(storeId, [saleOf(storeId)]);
  while (receivedAt.size < 4) await new Promise((resolve) => setTimeout(resolve, 10));
  answeredAt.clear();
  receivedAt.clear();
  roundTrips.length = 0;

  // Each store pushes what accrued since its last push, every tick; a store whose push is still
  // running skips the tick and sends more next time (as a terminal's outbox would).
  const perStorePerSec = RATE / STORES;
  const started = performance.now();
  const busy = new Set<string>();
  const sent = new Map<string, number>();
  const pushes: Promise<void>[] = [];
  while (performance.now() - started < SECONDS * 1000) {
    const elapsed = (performance.now() - started) / 1000;
    for (const storeId of storeIds) {
      if (busy.has(storeId)) continue;
      const due = Math.floor(elapsed * perStorePerSec) - (sent.get(storeId) ?? 0);
      if (due <= 0) continue;
      const sales = Array.from({ length: due }, () => saleOf(storeId));
      sent.set(storeId, (sent.get(storeId) ?? 0) + due);
      busy.add(storeId);
      pushes.push(
        push(storeId, sales).finally(() => {
          busy.delete(storeId);
        }),
      );
    }
    await new Promise((resolve) => setTimeout(resolve, TICK_MS));
  }
  await Promise.all(pushes);
  const loadSeconds = (performance.now() - started) / 1000;
  const total = answeredAt.size;
  const deadline = performance.now() + 120_000;
  while (receivedAt.size < total && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  // Where the time goes: recording deliveries (relay, bus, fan-out) versus sending them.
  const stages = await db.query<{ recorded_s: number; wait_p50_ms: number; wait_p99_ms: number }>(
    `SELECT extract(epoch FROM max(created_at) - min(created_at))::float8 AS recorded_s,
            (extract(epoch FROM percentile_cont(0.5) WITHIN GROUP (ORDER BY delivered_at - created_at)) * 1000)::float8 AS wait_p50_ms,
            (extract(epoch FROM percentile_cont(0.99) WITHIN GROUP (ORDER BY delivered_at - created_at)) * 1000)::float8 AS wait_p99_ms
       FROM webhook_deliveries`,
  );
  const stage = stages.rows[0];
  // The requests themselves (the dispatcher's measure of each attempt, send to drained answer).
  const requests = await db.query<{ p50_ms: number; p99_ms: number }>(
    `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY duration_ms)::float8 AS p50_ms,
            percentile_cont(0.99) WITHIN GROUP (ORDER BY duration_ms)::float8 AS p99_ms
       FROM webhook_attempts`,
  );
  const request = requests.rows[0];
  const lags = [...answeredAt].flatMap(([id, at]) => {
    const received = receivedAt.get(id);
    return received === undefined ? [] : [received - at];
  });
  const p = (values: number[], q: number) => percentile(values, q).toFixed(0);
  const lagP99 = percentile(lags, 99);
  const rttP99 = percentile(roundTrips, 99);
  console.log(
    `webhook-lag (${where}, dispatcher ${DISPATCHER_PROCESS && pgUrl ? 'in its own process' : 'inline'}, ${String(STORES)} stores, target ${String(RATE)} sales/s for ${String(SECONDS)} s)\n` +
      `  pushed          : ${String(total)} sales in ${String(roundTrips.length)} pushes, ${(total / loadSeconds).toFixed(0)} sales/s sustained\n` +
      `  delivered       : ${String(receivedAt.size)} of ${String(total)} (${String(receipts)} requests)\n` +
      `  push round trip : p50 ${p(roundTrips, 50)} ms, p99 ${p(roundTrips, 99)} ms (baseline)\n` +
      `  lag push→webhook: p50 ${p(lags, 50)} ms, p99 ${p(lags, 99)} ms (goal p99 <= 1000 ms)\n` +
      `  of which        : deliveries recorded over ${(stage?.recorded_s ?? 0).toFixed(1)} s (${(total / (stage?.recorded_s ?? 1)).toFixed(0)}/s); recorded → delivered p50 ${(stage?.wait_p50_ms ?? 0).toFixed(0)} ms, p99 ${(stage?.wait_p99_ms ?? 0).toFixed(0)} ms\n` +
      `  one request     : p50 ${(request?.p50_ms ?? 0).toFixed(1)} ms, p99 ${(request?.p99_ms ?? 0).toFixed(1)} ms (at most ${String(PER_SUBSCRIPTION ?? 4)} in flight per subscription)\n` +
      `  ratio lag p99 / push round trip p99: ${(lagP99 / rttP99).toFixed(2)}x`,
  );
} finally {
  await new Promise((resolve) => server.close(resolve));
  await webhooks.stop();
  await events.stop();
  receiver.disconnect();
  await settleSaleLinePartitions(db);
  await deps.live.close();
  await db.close();
}
