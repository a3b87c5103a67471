import {
  type Clock,
  type ReconcileOutcome,
  type ReconcileReason,
  type SyncCollection,
} from '@kiryana/shared';
import type { SyncApi } from './sync-api';

/**
 * When a terminal reconciles (reconcile.ts): once per business day, on the first sync cycle that
 * succeeds that day, and whenever a pull of its sales or movements answers with another epoch than
 * the checkpoint it sent (the server restored or purged the store's scope, or failed over to a
 * copy that lost the last minutes). Never two at once: a trigger during a run runs once more after.
 */

/** Wait after a failed daily reconciliation before sync cycles try again. */
const RETRY_AFTER_MS = 5 * 60_000;

/**
 * Wraps a sync API so that every pull answering another epoch than the one its collection had is
 * told to `onEpochChange`: the epoch of the checkpoint sent (which also catches a restore that
 * happened while the terminal was switched off), else the last one this wrapper saw answered (a
 * collection whose pages were all empty has no stored checkpoint).
 * @example
 * const api = watchEpochs(createSyncApi(fetch, url, tokens), (c, epoch) => schedule.epochChanged(c, epoch));
 */
export function watchEpochs(
  api: SyncApi,
  onEpochChange: (collection: SyncCollection, epoch: string) => void,
): SyncApi {
  const seen = new Map<SyncCollection, string>();
  return {
    ...api,
    async pull(collection, checkpoint, limit) {
      const page = await api.pull(collection, checkpoint, limit);
      const before = checkpoint?.epoch ?? seen.get(collection);
      const epoch = page.checkpoint.epoch;
      seen.set(collection, epoch);
      if (before !== undefined && before !== epoch) onEpochChange(collection, epoch);
      return page;
    },
  };
}

/**
 * The collections of the server's store scope (docs/sync.md): a restore of the store's facts gives
 * them all a new epoch. Reference data has its own scope, whose restore loses no terminal's facts.
 */
const STORE_SCOPE_COLLECTIONS: ReadonlySet<SyncCollection> = new Set([
  'sales',
  'stock-movements',
  'stock-levels',
]);

/** A running schedule. */
export type ReconcileSchedule = {
  /** A sync cycle succeeded: reconciles if none succeeded yet on this business day. */
  synced(): void;
  /**
   * The server's epoch of a collection changed: reconciles now if the collection is of the store's
   * scope and the epoch new (the collections of a scope share it: one restore, one reconciliation).
   */
  epochChanged(collection: SyncCollection, epoch: string): void;
  /** Reconciles now (an operator's button, tests); resolves with the outcome. */
  runNow(reason?: ReconcileReason): Promise<ReconcileOutcome>;
  /** The last outcome, if any ran. */
  last(): ReconcileOutcome | undefined;
  /** Resolves when no run is under way or queued. */
  idle(): Promise<void>;
  stop(): void;
};

/**
 * Starts a schedule over `run`. `today` is the store's business date now; `lastDay` the business
 * date of the last reconciliation that did not fail (kept by the caller across restarts, told
 * through `onOutcome`).
 */
export function startReconcileSchedule(options: {
  run(reason: ReconcileReason): Promise<ReconcileOutcome>;
  today(): string;
  clock: Clock;
  /** Wait after a failed daily run before the next cycle tries again; 5 minutes by default. */
  retryAfterMs?: number;
  lastDay?: string | null;
  onOutcome?(outcome: ReconcileOutcome, day: string): Promise<void> | void;
}): ReconcileSchedule {
  let stopped = false;
  let lastDay = options.lastDay ?? null;
  let last: ReconcileOutcome | undefined;
  let running: Promise<ReconcileOutcome> | undefined;
  let queued: ReconcileReason | undefined;
  let failedAtMs = Number.NEGATIVE_INFINITY;
  const epochsSeen = new Set<string>();
  const retryAfterMs = options.retryAfterMs ?? RETRY_AFTER_MS;

  const start = (reason: ReconcileReason): Promise<ReconcileOutcome> => {
    const day = options.today();
    const promise = options
      .run(reason)
      .then(async (outcome) => {
        last = outcome;
        // A failed run (server unreachable) is tried again with the next cycle of the day.
        if (outcome.status === 'failed') failedAtMs = options.clock.now();
        else lastDay = day;
        await options.onOutcome?.(outcome, day);
        return outcome;
      })
      .finally(() => {
        running = undefined;
        const next = queued;
        queued = undefined;
        if (next !== undefined && !stopped) void start(next);
      });
    running = promise;
    return promise;
  };
  return {
    synced() {
      // A run under way covers the day; a failed one waits before the cycles try again.
      if (stopped || running !== undefined || lastDay === options.today()) return;
      if (options.clock.now() - failedAtMs < retryAfterMs) return;
      void start('daily');
    },
    epochChanged(collection, epoch) {
      if (stopped || !STORE_SCOPE_COLLECTIONS.has(collection) || epochsSeen.has(epoch)) return;
      epochsSeen.add(epoch);
      // A run under way may have compared before the restore: one more runs after it.
      if (running !== undefined) queued = 'epoch';
      else void start('epoch');
    },
    async runNow(reason = 'manual') {
      while (running !== undefined) await running.catch(() => undefined);
      return start(reason);
    },
    last: () => last,
    async idle() {
      while (running !== undefined) await running.catch(() => undefined);
    },
    stop() {
      stopped = true;
      queued = undefined;
    },
  };
}
