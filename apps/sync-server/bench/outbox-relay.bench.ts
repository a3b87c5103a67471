/**
 * `pnpm bench`: outbox relay throughput as a ratio of a raw read of the outbox table in the same
 * run. 60,000 events of 30 stores are written the way pushes write them; then, three times each,
 * a raw keyset read of every row (pages as large as a relay batch) and a relay pass from position
 * zero to the in-process bus with one consumer (read, envelope, schema check, publish, position
 * writes). With NATS reachable (TEST_NATS_URL, default nats://127.0.0.1:4222) a third line
 * publishes to JetStream. Goal (issue 14): relay ≥ 0.5× the raw read. Uses Postgres at TEST_PG_URL
 * or DATABASE_URL (a database it creates and drops), else in-memory PGlite.
 */
import { openPgliteDb } from '../src/db/pglite-db';
import { migrate } from '../src/db/migrate';
import type { Queryable } from '../src/db/db';
import { createEmbeddedBus } from '../src/features/events/embedded-bus';
import type { EventBus } from '../src/features/events/event-bus';
import { deleteStream, testStream, writeOutboxRows } from '../src/features/events/events-test-kit';
import type { LeaderSession } from '../src/features/events/leader-session';
import { createNatsBus } from '../src/features/events/nats-bus';
import { relayBatch } from '../src/features/events/outbox-relay';
import { insertStores } from '../src/testing/sync-fixtures';
import { openTestPostgres } from '../src/testing/test-databases';
import { testNatsUrl } from '../src/testing/test-nats-env';
import { outboxRelayBenchEnv } from './outbox-relay-env';

const STORES = 30;
const { pgUrl, events: EVENTS } = outboxRelayBenchEnv();
const LIMITS = { stores: 50, perStore: 500 };
const RUNS = 3;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

async function rawRead(q: Queryable): Promise<number> {
  let after = { store: '', seq: '0' };
  let rows = 0;
  for (;;) {
    const page = await q.query<{ store_id: string; seq: string }>(
      `SELECT store_id, seq::text AS seq, event_key, topic, version, payload,
              to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS occurred_at
         FROM outbox WHERE (store_id, seq) > ($1, $2::bigint) ORDER BY store_id, seq LIMIT $3`,
      [after.store, after.seq, LIMITS.stores * LIMITS.perStore],
    );
    const last = page.rows.at(-1);
    if (!last) return rows;
    rows += page.rows.length;
    after = { store: last.store_id, seq: last.seq };
  }
}

async function relayPass(q: Queryable, bus: EventBus): Promise<number> {
  await q.query('DELETE FROM outbox_relay_position');
  const session: LeaderSession = { q, isLost: () => false, close: () => Promise.resolve() };
  let rows = 0;
  for (;;) {
    const batch = await relayBatch(session, { bus }, LIMITS);
    if (batch.rows === 0) return rows;
    rows += batch.rows;
  }
}

async function timed(fn: () => Promise<number>): Promise<{ rows: number; perSec: number }> {
  const started = performance.now();
  const rows = await fn();
  const ms = performance.now() - started;
  return { rows, perSec: (rows * 1000) / ms };
}

async function main(): Promise<void> {
  const db = pgUrl ? await openTestPostgres(pgUrl) : await openPgliteDb();
  if (!pgUrl) await migrate(db);
  try {
    const stores = Array.from({ length: STORES }, (_, i) => `bench-${String(i).padStart(2, '0')}`);
    await insertStores(db, 'r1', stores);
    const perStore = Math.ceil(EVENTS / STORES);
    for (const store of stores) {
      for (let start = 0; start < perStore; start += 1_000) {
        const keys = Array.from(
          { length: Math.min(1_000, perStore - start) },
          (_, i) => `e${String(start + i)}`,
        );
        await writeOutboxRows(db, store, keys);
      }
    }
    const raw: number[] = [];
    const relay: number[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      raw.push((await timed(() => rawRead(db))).perSec);
      // A new bus per pass (the in-process bus drops ids it has seen, as JetStream does), and the
      // pass ends when its consumer has every event, not when the bus has queued them.
      const bus = createEmbeddedBus();
      let delivered = 0;
      // A batch consumer, as the webhooks fan-out is: the pass measures the relay, not a
      // consumer's per-event awaits.
      await bus.subscribe({
        name: 'bench',
        handleBatch: (events) => {
          delivered += events.length;
          return Promise.resolve();
        },
      });
      const pass = await timed(async () => {
        const rows = await relayPass(db, bus);
        while (delivered < rows) await new Promise((resolve) => setImmediate(resolve));
        return rows;
      });
      relay.push(pass.perSec);
      await bus.close();
    }
    const rawMedian = median(raw);
    const relayMedian = median(relay);
    const where = pgUrl ? 'postgres' : 'pglite';
    console.log(
      `outbox-relay (${where}, ${String(EVENTS)} events, ${String(STORES)} stores): raw read ${rawMedian.toFixed(0)} rows/s, relay to the in-process bus ${relayMedian.toFixed(0)} events/s, ratio ${(relayMedian / rawMedian).toFixed(2)}x (goal >= 0.5x)`,
    );
    const natsUrl = await testNatsUrl();
    if (natsUrl) {
      const stream = testStream();
      const nats = await createNatsBus({ url: natsUrl, ...stream });
      try {
        const natsRate = (await timed(() => relayPass(db, nats))).perSec;
        console.log(
          `outbox-relay (${where}): relay to NATS JetStream ${natsRate.toFixed(0)} events/s, ratio ${(natsRate / rawMedian).toFixed(2)}x of the raw read`,
        );
      } finally {
        await nats.close();
        await deleteStream(natsUrl, stream.stream);
      }
    } else {
      console.log('outbox-relay: NATS leg skipped (no NATS at TEST_NATS_URL)');
    }
  } finally {
    await db.close();
  }
}

await main();
