import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Queryable } from '../../db/db';
import { createHttpMetrics } from '../../http/metrics';
import { insertStores } from '../../testing/sync-fixtures';
import { type TestDb, testDatabases } from '../../testing/test-databases';
import { insertLowStockNotification, markRead } from '../notifications/notification.queries';
import {
  claimDueDeliveries,
  insertDeliveriesFor,
  recordAttempts,
} from '../webhooks/webhook-delivery.queries';
import { insertSubscription } from '../webhooks/webhook-subscription.queries';
import { type ManualClock, manualClock } from '../webhooks/webhooks-test-kit';
import { pgliteDedicatedSessions, postgresDedicatedSessions } from '../../db/dedicated-session';
import { type RetentionJob, runRetention, startRetention } from './retention-job';
import { registerRetentionMetrics } from './retention-metrics';

const MIN_MS = 60_000;
const DAY_MS = 86_400_000;
const RETENTION = { webhookDeliveryMs: 30 * DAY_MS, notificationMs: 90 * DAY_MS };
/** The job's lock (retention-job.ts), taken by hand to play another jobs process. */
const RETENTION_LOCK_KEY = 727_276;

/** Retention of webhook deliveries and notifications, on rows the real SQL writes. */
describe.each(testDatabases())('retention job on $name', (database) => {
  let db: TestDb;
  let clock: ManualClock;
  let subscriptionId: string;
  let job: RetentionJob | undefined;
  beforeEach(async () => {
    db = await database.open();
    await insertStores(db, 'r1', ['store-a', 'store-b']);
    clock = manualClock(Date.parse('2026-06-01T00:00:00Z'));
    subscriptionId = randomUUID();
    await insertSubscription(db, {
      id: subscriptionId,
      ownerId: 'hq',
      secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
      nowIso: new Date(clock.now() - 60 * DAY_MS).toISOString(),
      url: 'https://hq.example/hooks',
      eventTypes: ['stock.low'],
      storeIds: null,
      description: '',
      status: 'active',
      scope: { all: true },
    });
  });
  afterEach(async () => {
    await job?.stop();
    job = undefined;
    await db.close();
  });

  const connections = () =>
    db.connectionString
      ? postgresDedicatedSessions(db.connectionString)
      : pgliteDedicatedSessions(db);

  /** A job whose timer never fires in a test: runs come from `runNow`. */
  const manualJob = (batch?: number) =>
    startRetention(
      { openConnection: connections(), clock },
      { ...RETENTION, firstRunMs: DAY_MS, ...(batch ? { batch } : {}) },
    );

  let group = 0;
  /**
   * `count` deliveries fanned out `createdDaysAgo`, then (unless `pending`) attempted by a
   * dispatcher `finishedDaysAgo` with the outcome `status`: a delivered, dead or failed delivery
   * with one attempt, as the dispatcher leaves them. Each group has a store of its own, so a
   * failed group's store order never holds another group's claim back. Answers the ids.
   */
  async function deliveries(
    count: number,
    status: 'pending' | 'failed' | 'delivered' | 'dead',
    createdDaysAgo: number,
    finishedDaysAgo = createdDaysAgo,
  ): Promise<string[]> {
    group += 1;
    const storeId = `store-g${group}`;
    const createdIso = new Date(clock.now() - createdDaysAgo * DAY_MS).toISOString();
    const events = Array.from({ length: count }, (_, i) => ({
      id: randomUUID(),
      type: 'stock.low',
      storeId,
      regionId: 'r1',
      storeSeq: String(i + 1),
      payload: '{}',
    }));
    await insertDeliveriesFor(db, events, createdIso);
    const { rows } = await db.query<{ id: string }>(
      'SELECT d.id::text AS id FROM webhook_deliveries d WHERE d.store_id = $1 ORDER BY d.id',
      [storeId],
    );
    if (status === 'pending') return rows.map((row) => row.id);
    const at = clock.now() - finishedDaysAgo * DAY_MS;
    const leaseToken = randomUUID();
    const claimed = await claimDueDeliveries(db, {
      nowIso: new Date(at).toISOString(),
      subscriptions: 10,
      perSubscription: 50,
      perRun: 1_000,
      leaseToken,
      leaseUntilIso: new Date(at + MIN_MS).toISOString(),
    });
    const ours = claimed.filter((d) => d.store_id === storeId);
    expect(ours).toHaveLength(count);
    await recordAttempts(
      db,
      leaseToken,
      ours.map((d) => ({
        deliveryId: d.id,
        startedIso: new Date(at).toISOString(),
        durationMs: 20,
        statusCode: status === 'delivered' ? 204 : 503,
        error: null,
        status,
        nextAttemptIso: status === 'failed' ? new Date(clock.now() + DAY_MS).toISOString() : null,
        nowIso: new Date(at).toISOString(),
      })),
    );
    return rows.map((row) => row.id);
  }

  async function notification(storeId: string, occurredDaysAgo: number): Promise<string> {
    const eventId = randomUUID();
    await insertLowStockNotification(db, {
      eventId,
      storeId,
      productId: 'p1',
      qtyBase: 2,
      reorderLevelBase: 5,
      occurredAt: new Date(clock.now() - occurredDaysAgo * DAY_MS).toISOString(),
    });
    return eventId;
  }

  it('deletes delivered and dead deliveries past 30 days with their attempts; open and young stay', async () => {
    // Fanned out in time order, as the ids are in real life.
    const oldPending = await deliveries(1, 'pending', 50);
    const oldDead = await deliveries(2, 'dead', 45, 44);
    const oldDelivered = await deliveries(3, 'delivered', 40);
    const lateDelivered = await deliveries(1, 'delivered', 40, 10);
    // A dead letter replayed (a fresh retry window) 5 days ago that died again.
    const replayedDead = await deliveries(1, 'dead', 40, 5);
    const oldFailed = await deliveries(1, 'failed', 40, 39);
    const recentDelivered = await deliveries(2, 'delivered', 5);
    const recentDead = await deliveries(1, 'dead', 3, 2);
    const metrics = createHttpMetrics();
    job = manualJob();
    registerRetentionMetrics(metrics, { retention: job });

    const run = await job.runNow();

    expect(run).toMatchObject({ locked: true, webhookDeliveries: 5, notifications: 0 });
    const left = await db.query<{ id: string; status: string }>(
      'SELECT id::text AS id, status FROM webhook_deliveries d ORDER BY d.id',
    );
    expect(left.rows.map((row) => row.id)).toEqual([
      ...oldPending,
      ...lateDelivered,
      ...replayedDead,
      ...oldFailed,
      ...recentDelivered,
      ...recentDead,
    ]);
    const attempts = await attemptsOf(db, [...oldDead, ...oldDelivered]);
    expect(attempts).toBe(0);
    expect(await attemptsOf(db, [...lateDelivered, ...oldFailed, ...recentDelivered])).toBe(4);
    expect(await attemptsOf(db, replayedDead)).toBe(1);
    expect(await metrics.registry.getSingleMetricAsString('retention_pruned_rows_total')).toContain(
      'retention_pruned_rows_total{table="webhook_deliveries"} 5',
    );

    // A month on, the late, replayed and recent ones are due too; the open ones still stay.
    clock.advance(40 * DAY_MS);
    expect(await job.runNow()).toMatchObject({ webhookDeliveries: 5 });
    const still = await db.query<{ id: string }>(
      'SELECT id::text AS id FROM webhook_deliveries d ORDER BY d.id',
    );
    expect(still.rows.map((row) => row.id)).toEqual([...oldPending, ...oldFailed]);
    expect(job.stats()).toEqual({ webhookDeliveries: 10, notifications: 0 });
  });

  it('deletes notifications that occurred over 90 days ago, read or not', async () => {
    const oldUnread = await notification('store-a', 120);
    const oldRead = await notification('store-b', 91);
    await markRead(db, { all: true }, { id: oldRead, actorId: 'manager-1' });
    const recent = await notification('store-a', 89);
    const today = await notification('store-b', 0);
    job = manualJob();

    expect(await job.runNow()).toMatchObject({ webhookDeliveries: 0, notifications: 2 });

    const { rows } = await db.query<{ id: string }>('SELECT id::text AS id FROM notifications');
    expect(rows.map((row) => row.id).sort()).toEqual([recent, today].sort());
    expect(rows.map((row) => row.id)).not.toContain(oldUnread);
  });

  it('works a backlog off batch after batch, past old open deliveries, to the end', async () => {
    // More old open deliveries than a batch at the head of the table: the walk must pass them.
    const open = await deliveries(4, 'pending', 60);
    await deliveries(7, 'delivered', 50);
    await deliveries(4, 'dead', 45, 44);
    const young = await deliveries(2, 'delivered', 1);
    for (let i = 0; i < 5; i += 1) await notification('store-a', 100 + i);
    for (let i = 0; i < 4; i += 1) await notification('store-b', 200 + i);
    const kept = await notification('store-b', 10);

    const run = await runRetention(db, { clock, ...RETENTION, batch: 3 });

    expect(run).toMatchObject({ locked: true, webhookDeliveries: 11, notifications: 9 });
    const left = await db.query<{ id: string }>(
      'SELECT id::text AS id FROM webhook_deliveries d ORDER BY d.id',
    );
    expect(left.rows.map((row) => row.id)).toEqual([...open, ...young]);
    const notes = await db.query<{ id: string }>('SELECT id::text AS id FROM notifications');
    expect(notes.rows.map((row) => row.id)).toEqual([kept]);
  });

  it('runs by itself after its first delay, and stops', async () => {
    await notification('store-a', 100);
    job = startRetention(
      { openConnection: connections(), clock },
      { ...RETENTION, firstRunMs: 20, intervalMs: DAY_MS },
    );
    const deadline = Date.now() + 5_000;
    while (job.stats().notifications === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(job.stats().notifications).toBe(1);
    await job.stop();
  });
});

/** The lock across processes: Postgres only (PGlite is one connection, where it is re-entrant). */
describe.each(testDatabases({ postgresOnly: true }))('retention lock on $name', (database) => {
  let db: TestDb;
  const jobs: RetentionJob[] = [];
  beforeEach(async () => {
    db = await database.open();
  });
  afterEach(async () => {
    await Promise.all(jobs.splice(0).map((job) => job.stop()));
    await db.close();
  });

  const clock = manualClock(Date.parse('2026-06-01T00:00:00Z'));
  const startJob = (batch = 5_000) => {
    const job = startRetention(
      { openConnection: postgresDedicatedSessions(db.connectionString ?? ''), clock },
      { ...RETENTION, firstRunMs: DAY_MS, batch },
    );
    jobs.push(job);
    return job;
  };
  const oldNotifications = async (count: number) => {
    await db.query(
      `INSERT INTO notifications (store_id, id, kind, product_id, qty_base, reorder_level_base, occurred_at)
       SELECT 'store-' || (i % 7), gen_random_uuid(), 'stock.low', 'p1', 1, 5, $1::timestamptz
         FROM generate_series(1, $2::int) AS i`,
      [new Date(clock.now() - 100 * DAY_MS).toISOString(), count],
    );
  };
  const count = async () =>
    Number(
      (await db.query<{ n: string }>('SELECT count(*)::text AS n FROM notifications')).rows[0]?.n,
    );

  it('skips a run while another process holds the lock, and prunes once it is free', async () => {
    await oldNotifications(10);
    const other = new pg.Client({ connectionString: db.connectionString });
    await other.connect();
    try {
      await other.query('SELECT pg_advisory_lock($1)', [RETENTION_LOCK_KEY]);
      const job = startJob();
      expect(await job.runNow()).toMatchObject({ locked: false, notifications: 0 });
      expect(await count()).toBe(10);
      await other.query('SELECT pg_advisory_unlock($1)', [RETENTION_LOCK_KEY]);
      expect(await job.runNow()).toMatchObject({ locked: true, notifications: 10 });
      expect(await count()).toBe(0);
    } finally {
      await other.end();
    }
  });

  it('lets one of two concurrent runs prune, never both', async () => {
    await oldNotifications(3_000);
    // Small batches make each run hundreds of statements (a second or so) long, so the two
    // overlap: the one that came second finds the lock taken. (Without the lock both would run;
    // the loser might still prune nothing, blocked behind the winner's batch, so `locked` is
    // what tells.)
    const runs = await Promise.all([startJob(10).runNow(), startJob(10).runNow()]);
    expect(runs.map((run) => run.locked).sort()).toEqual([false, true]);
    expect(runs.reduce((sum, run) => sum + run.notifications, 0)).toBe(3_000);
    expect(Math.max(...runs.map((run) => run.ms))).toBeGreaterThan(0);
    expect(await count()).toBe(0);
  });
});

async function attemptsOf(q: Queryable, deliveryIds: readonly string[]): Promise<number> {
  const { rows } = await q.query<{ n: string }>(
    'SELECT count(*)::text AS n FROM webhook_attempts WHERE delivery_id = ANY ($1::bigint[])',
    [deliveryIds],
  );
  return Number(rows[0]?.n);
}
