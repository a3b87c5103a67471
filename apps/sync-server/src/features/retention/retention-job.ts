import type { Clock } from '@kiryana/shared';
import { ADVISORY_LOCKS } from '../../db/advisory-locks';
import type { DedicatedSession } from '../../db/dedicated-session';
import { pruneNotifications, pruneWebhookDeliveries } from './retention.queries';

/**
 * The retention job of the `jobs` role (docs/operations.md, "Retention"): every interval it
 * deletes webhook deliveries in a final state and notifications past their retention, in bounded
 * batches. Any number of jobs processes run it; one at a time prunes. A run opens a connection of
 * its own and takes a session-level advisory lock there (`pg_try_advisory_lock`): a process that
 * does not get it skips the run, as another is pruning. The lock is held across the run's batches
 * while each batch commits on its own (a transaction-level lock would make the whole run one
 * transaction, holding every deleted row's lock until the end), and it goes with the connection
 * should the process die mid-run.
 */

/** The advisory lock key of the retention job. */
const RETENTION_LOCK_KEY = ADVISORY_LOCKS.retention;

const DAY_MS = 86_400_000;

/** Retentions, timings and the batch size of the job. */
export type RetentionOptions = {
  /** Age after which a delivered or dead webhook delivery is deleted. */
  readonly webhookDeliveryMs: number;
  /** Age (since the event) after which a notification is deleted, read or not. */
  readonly notificationMs: number;
  /** Time between runs. */
  readonly intervalMs?: number;
  /** Time from the start to the first run: soon, but not in the thick of a process's start. */
  readonly firstRunMs?: number;
  /** Rows deleted per statement. */
  readonly batch?: number;
};

/** What the job needs. */
export type RetentionDeps = {
  /** A connection of its own per run, for the lock (db/dedicated-session.ts). */
  readonly openConnection: () => Promise<DedicatedSession>;
  /** The clock the retentions are measured by. */
  readonly clock: Clock;
  /** Told after each run (the server logs the runs that pruned anything). */
  readonly onRun?: (run: RetentionRun) => void;
  readonly onError?: (error: unknown) => void;
};

/** What one run did. */
export type RetentionRun = {
  /** False when another process held the lock, so this one pruned nothing. */
  readonly locked: boolean;
  readonly webhookDeliveries: number;
  readonly notifications: number;
  readonly ms: number;
};

/** Rows this process pruned since it started, per table (metrics). */
type RetentionStats = { readonly webhookDeliveries: number; readonly notifications: number };

/** A running retention job. */
export type RetentionJob = {
  stats(): RetentionStats;
  /** Runs now (after a run in progress, never beside it) and answers what it did. */
  runNow(): Promise<RetentionRun>;
  stop(): Promise<void>;
};

const DEFAULTS = { intervalMs: 3_600_000, firstRunMs: 60_000, batch: 5_000 };

/** Retentions in days as the environment gives them (env.ts) → milliseconds. */
export function retentionFromDays(days: {
  readonly WEBHOOK_DELIVERY_RETENTION_DAYS: number;
  readonly NOTIFICATION_RETENTION_DAYS: number;
}): Pick<RetentionOptions, 'webhookDeliveryMs' | 'notificationMs'> {
  return {
    webhookDeliveryMs: days.WEBHOOK_DELIVERY_RETENTION_DAYS * DAY_MS,
    notificationMs: days.NOTIFICATION_RETENTION_DAYS * DAY_MS,
  };
}

/** Starts the job: a first run after `firstRunMs`, then one every `intervalMs`. */
export function startRetention(deps: RetentionDeps, options: RetentionOptions): RetentionJob {
  const o = { ...DEFAULTS, ...options };
  // Read through a function: a run in progress must see what `stop()` writes later.
  const state = { stopped: false };
  const stopped = () => state.stopped;
  const totals = { webhookDeliveries: 0, notifications: 0 };
  // Runs queue behind each other: on PGlite the lock is taken on the one shared connection, where
  // a second run of this process would get it again (advisory locks are re-entrant per session).
  let last: Promise<unknown> = Promise.resolve();

  const runOnce = async (): Promise<RetentionRun> => {
    const connection = await deps.openConnection();
    try {
      const run = await runRetention(connection.q, { clock: deps.clock, stopped, ...o });
      totals.webhookDeliveries += run.webhookDeliveries;
      totals.notifications += run.notifications;
      deps.onRun?.(run);
      return run;
    } finally {
      await connection.close();
    }
  };
  const runNow = (): Promise<RetentionRun> => {
    const run = last.then(runOnce);
    last = run.catch(() => undefined);
    return run;
  };

  let timer: NodeJS.Timeout | undefined;
  const schedule = (ms: number) => {
    timer = setTimeout(() => {
      void runNow()
        .catch((error: unknown) => {
          if (!stopped()) deps.onError?.(error);
        })
        .finally(() => {
          if (!stopped()) schedule(o.intervalMs);
        });
    }, ms);
    // A pending run must not keep a process alive that is otherwise done.
    timer.unref();
  };
  schedule(o.firstRunMs);

  return {
    stats: () => ({ ...totals }),
    runNow,
    async stop() {
      state.stopped = true;
      clearTimeout(timer);
      await last;
    },
  };
}

/**
 * One run on `q` (a connection of the run's own): takes the lock or answers `locked: false`, then
 * deletes batch after batch until a batch comes back short (or the job stops), and lets the lock
 * go. Each batch is its own statement and commit.
 */
export async function runRetention(
  q: DedicatedSession['q'],
  options: {
    readonly clock: Clock;
    readonly webhookDeliveryMs: number;
    readonly notificationMs: number;
    readonly batch: number;
    readonly stopped?: () => boolean;
  },
): Promise<RetentionRun> {
  const started = performance.now();
  const stopped = options.stopped ?? (() => false);
  const { rows } = await q.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [
    RETENTION_LOCK_KEY,
  ]);
  if (rows[0]?.locked !== true) {
    return { locked: false, webhookDeliveries: 0, notifications: 0, ms: 0 };
  }
  try {
    const now = options.clock.now();
    let webhookDeliveries = 0;
    const deliveriesBefore = new Date(now - options.webhookDeliveryMs);
    for (let afterId = '0', done = false; !done && !stopped();) {
      const batch = await pruneWebhookDeliveries(q, {
        before: deliveriesBefore,
        limit: options.batch,
        afterId,
      });
      webhookDeliveries += batch.deleted;
      ({ lastId: afterId, done } = batch);
    }
    let notifications = 0;
    const notificationsBefore = new Date(now - options.notificationMs);
    for (let pruned = options.batch; pruned >= options.batch && !stopped();) {
      pruned = await pruneNotifications(q, { before: notificationsBefore, limit: options.batch });
      notifications += pruned;
    }
    return {
      locked: true,
      webhookDeliveries,
      notifications,
      ms: Math.round(performance.now() - started),
    };
  } finally {
    // Should this fail, the connection is gone and the lock with it (the run closes it next).
    await q.query('SELECT pg_advisory_unlock($1)', [RETENTION_LOCK_KEY]).catch(() => undefined);
  }
}
