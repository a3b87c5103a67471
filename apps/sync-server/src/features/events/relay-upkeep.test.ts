import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHttpMetrics } from '../../http/metrics';
import { insertStores } from '../../testing/sync-fixtures';
import { type TestDb, testDatabases } from '../../testing/test-databases';
import { createEmbeddedBus } from './embedded-bus';
import type { EventBus } from './event-bus';
import { collect, writeOutboxRows } from './events-test-kit';
import { type LeaderSession, pgliteLeaderSessions, postgresLeaderSessions } from './leader-session';
import { pruneOutbox } from './outbox-prune.queries';
import { OUTBOX_CHANNEL, type OutboxRelay, relayBatch, startOutboxRelay } from './outbox-relay';
import { registerRelayMetrics } from './relay-metrics';

const DAY_MS = 86_400_000;

/** The relay's upkeep: woken by writers' commits, pruning what it published, its metrics. */
describe.each(testDatabases())('outbox relay upkeep on $name', (database) => {
  let db: TestDb;
  let bus: EventBus;
  let relay: OutboxRelay | undefined;
  beforeEach(async () => {
    db = await database.open();
    await insertStores(db, 'r1', ['store-a', 'store-b']);
    bus = createEmbeddedBus();
  });
  afterEach(async () => {
    await relay?.stop();
    relay = undefined;
    await bus.close();
    await db.close();
  });

  const sessions = (): (() => Promise<LeaderSession>) =>
    db.connectionString ? postgresLeaderSessions(db.connectionString) : pgliteLeaderSessions(db);

  it('publishes a commit at once when idle, though its poll is a minute away', async () => {
    const consumer = await collect(bus, 'wake');
    relay = startOutboxRelay(
      {
        openSession: sessions(),
        bus,
        listen: (wake) => db.listen(OUTBOX_CHANNEL, wake, wake),
      },
      { idleMs: 60_000 },
    );
    await until(() => relay?.isLeader() === true);
    // Let the leader find nothing and go idle.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const lags: number[] = [];
    for (const key of ['w1', 'w2', 'w3']) {
      const started = performance.now();
      await writeOutboxRows(db, 'store-a', [key]);
      await consumer.waitFor(lags.length + 1, 5_000);
      lags.push(performance.now() - started);
    }
    expect(consumer.byStore().get('store-a')).toEqual(['1', '2', '3']);
    // Woken, not polled: each well under the minute-long idle wait.
    expect(Math.max(...lags)).toBeLessThan(2_000);
  });

  it('prunes only published rows older than the retention, in bounded batches', async () => {
    await writeOutboxRows(db, 'store-a', ['a1', 'a2', 'a3', 'a4', 'a5']);
    await writeOutboxRows(db, 'store-b', ['b1', 'b2', 'b3']);
    const session = await pgliteLeaderSessions(db)();
    const limits = { stores: 10, perStore: 100 };
    expect(await relayBatch(session, { bus }, limits)).toMatchObject({ rows: 8 });
    await writeOutboxRows(db, 'store-a', ['a6', 'a7']);
    // Everything so far is old; then one more published row that is young.
    await db.query("UPDATE outbox SET created_at = created_at - interval '8 days'");
    await writeOutboxRows(db, 'store-b', ['b4']);
    const consumer = await collect(bus, 'after-prune');
    await relayBatch(session, { bus }, { stores: 10, perStore: 100 });
    const before = new Date(Date.now() - 7 * DAY_MS);
    // a6 and a7 were published just now (a second batch), so everything but b4 may go.
    const deleted: number[] = [];
    for (let n = -1; n !== 0;) {
      n = await pruneOutbox(db, { before, limit: 3 });
      deleted.push(n);
    }
    expect(deleted).toEqual([3, 3, 3, 1, 0]);
    const left = await db.query<{ store_id: string; event_key: string }>(
      'SELECT store_id, event_key FROM outbox ORDER BY store_id, seq',
    );
    expect(left.rows).toEqual([{ store_id: 'store-b', event_key: 'b4' }]);
    await consumer.waitFor(3);

    // Unpublished rows stay whatever their age, and numbering goes on after a prune.
    await writeOutboxRows(db, 'store-a', ['a8']);
    await db.query("UPDATE outbox SET created_at = created_at - interval '30 days'");
    expect(await pruneOutbox(db, { before, limit: 100 })).toBe(1);
    const waiting = await db.query<{ event_key: string; seq: string }>(
      'SELECT event_key, seq::text AS seq FROM outbox',
    );
    expect(waiting.rows).toEqual([{ event_key: 'a8', seq: '8' }]);
  });

  it('has the leader prune on its own clock, and reports leadership, publishing and backlog', async () => {
    await writeOutboxRows(db, 'store-a', ['m1', 'm2', 'm3']);
    await writeOutboxRows(db, 'store-b', ['n1']);
    const metrics = createHttpMetrics();
    let open: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    const openSession = sessions();
    // Eight days ahead: every row the leader publishes is already past a 7-day retention.
    const now = () => Date.now() + 8 * DAY_MS;
    relay = startOutboxRelay(
      {
        openSession: async () => {
          await gate;
          return openSession();
        },
        bus,
        now,
      },
      { idleMs: 20, pruneEveryMs: 10, pruneBatch: 2 },
    );
    registerRelayMetrics(metrics, { db, relay });
    const standing = await metrics.registry.metrics();
    expect(standing).toMatch(/^outbox_relay_leader 0$/m);
    expect(standing).toMatch(/^outbox_relay_pending_events 4$/m);
    expect(standing).toMatch(/^outbox_relay_oldest_pending_seconds (0\.\d+|[1-9]\d*(\.\d+)?)$/m);

    const consumer = await collect(bus, 'metrics');
    open();
    await consumer.waitFor(4);
    await until(async () => (await db.query('SELECT 1 FROM outbox')).rows.length === 0);
    const led = await metrics.registry.metrics();
    expect(led).toMatch(/^outbox_relay_leader 1$/m);
    expect(led).toMatch(/^outbox_relay_events_published_total 4$/m);
    expect(led).toMatch(/^outbox_relay_rows_pruned_total 4$/m);
    expect(led).toMatch(/^outbox_relay_pending_events 0$/m);
    expect(led).toMatch(/^outbox_relay_oldest_pending_seconds 0$/m);
  });
});

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
