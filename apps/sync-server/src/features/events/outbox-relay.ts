import { EVENT_DATA_SCHEMAS, type EventEnvelope, isEventType } from '@kiryana/shared';
import type { EventBus } from './event-bus';
import { type LeaderSession, tryLead } from './leader-session';
import { pruneOutbox } from './outbox-prune.queries';
import { type OutboxRow, advanceOutboxPositions, readPendingOutbox } from './outbox-read.queries';

/**
 * The outbox relay (docs/events.md). One process at a time leads (advisory lock, leader-session.ts)
 * and loops: read each store's rows after its position (commit order), publish them to the bus,
 * then move the store's position, on the leading connection. Killed anywhere in between, the next
 * leader starts from the positions and publishes again what may already be out: delivery is
 * at-least-once and the events' stable ids let the bus and consumers drop repeats.
 *
 * Writers wake an idle leader at once (a NOTIFY at commit, migration 0510); polling every
 * `idleMs` stays as the fallback for a notification lost with the listening connection. The
 * leader also prunes published rows older than the retention, a bounded batch at a time.
 */

/** Limits and timings of the relay. */
export type RelayOptions = {
  /** Stores per batch. */
  readonly stores?: number;
  /** Rows per store and batch. */
  readonly perStore?: number;
  /** Wait after a batch found nothing, unless a writer wakes the relay first. */
  readonly idleMs?: number;
  /** Wait between a standby's attempts at the lock (bounds the hand-over time). */
  readonly standbyMs?: number;
  /** Wait after an error (database or bus away). */
  readonly retryMs?: number;
  /** Age after which a published outbox row is deleted. */
  readonly retentionMs?: number;
  /** Time between prunes while nothing more is due. */
  readonly pruneEveryMs?: number;
  /** Rows deleted per prune statement (bounded, so a large backlog never holds one long delete). */
  readonly pruneBatch?: number;
};

/** What the relay needs. */
export type RelayDeps = {
  readonly openSession: () => Promise<LeaderSession>;
  readonly bus: EventBus;
  readonly onError?: (error: unknown) => void;
  /** Told when this relay starts or stops leading. */
  readonly onLeadership?: (leading: boolean) => void;
  /** A row whose payload does not match its type's schema: published anyway, reported here. */
  readonly onInvalidEvent?: (row: OutboxRow, problem: string) => void;
  /**
   * Subscribes `wake` to writers' notifications (the outbox's NOTIFY channel) while this relay
   * leads; answers how to unsubscribe. Without it the relay only polls.
   */
  readonly listen?: (wake: () => void) => Promise<() => Promise<void>>;
  /** The clock the retention is measured by. */
  readonly now?: () => number;
};

/** What a relay has done, for metrics. */
type RelayStats = {
  readonly leading: boolean;
  /** Events this process published (repeats after a failed batch included). */
  readonly published: number;
  /** Outbox rows this process pruned. */
  readonly pruned: number;
};

/** A running relay. */
export type OutboxRelay = {
  isLeader(): boolean;
  stats(): RelayStats;
  /** Asks an idle leader to look at the outbox now instead of after `idleMs`. */
  wake(): void;
  stop(): Promise<void>;
};

/** Where the outbox's wake-up notifications are sent (migration 0510, `outbox_notify`). */
export const OUTBOX_CHANNEL = 'kiryana_outbox';

const DAY_MS = 86_400_000;

const DEFAULTS = {
  stores: 50,
  perStore: 500,
  idleMs: 1_000,
  standbyMs: 1_000,
  retryMs: 1_000,
  retentionMs: 7 * DAY_MS,
  pruneEveryMs: 60_000,
  pruneBatch: 5_000,
};

/** Starts the relay loop; it leads when it gets the lock and stands by otherwise. */
export function startOutboxRelay(deps: RelayDeps, options: RelayOptions = {}): OutboxRelay {
  const o = { ...DEFAULTS, ...options };
  // Read through a function: the loop must see what `stop()` writes later.
  const state = { stopped: false };
  const stopped = () => state.stopped;
  const now = deps.now ?? Date.now;
  let leading = false;
  const counts = { published: 0, pruned: 0 };
  let wakeUp: (() => void) | undefined;
  // A wake-up that came while the relay was busy: the next sleep returns at once, so a commit
  // notified between a batch's read and its sleep is not left waiting for the poll.
  let woken = false;
  const wake = () => {
    if (wakeUp) wakeUp();
    else woken = true;
  };
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      if (woken) {
        woken = false;
        resolve();
        return;
      }
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wakeUp = undefined;
        resolve();
      }
      wakeUp = done;
    });

  const setLeading = (value: boolean) => {
    if (leading === value) return;
    leading = value;
    deps.onLeadership?.(value);
  };

  async function runSession(session: LeaderSession): Promise<void> {
    while (!stopped() && !session.isLost() && !(await tryLead(session))) await sleep(o.standbyMs);
    if (stopped() || session.isLost()) return;
    setLeading(true);
    // Without the notifications the relay still polls: a failed LISTEN is reported, not fatal.
    const unlisten = await deps.listen?.(wake).catch((error: unknown) => {
      deps.onError?.(error);
      return undefined;
    });
    try {
      let pruneAt = 0;
      while (!stopped() && !session.isLost()) {
        const batch = await relayBatch(session, counting, o);
        if (!batch.failed && now() >= pruneAt) {
          const pruned = await pruneOutbox(session.q, {
            before: new Date(now() - o.retentionMs),
            limit: o.pruneBatch,
          });
          counts.pruned += pruned;
          // A full batch means more is due: prune again after the next batch.
          pruneAt = pruned < o.pruneBatch ? now() + o.pruneEveryMs : 0;
        }
        if (batch.failed) await sleep(o.retryMs);
        else if (batch.rows === 0) await sleep(o.idleMs);
      }
    } finally {
      await unlisten?.().catch((error: unknown) => deps.onError?.(error));
    }
  }

  const counting: Pick<RelayDeps, 'bus' | 'onError' | 'onInvalidEvent'> = {
    ...deps,
    bus: {
      kind: deps.bus.kind,
      publish: async (events) => {
        await deps.bus.publish(events);
        counts.published += events.length;
      },
      subscribe: (options) => deps.bus.subscribe(options),
      close: () => deps.bus.close(),
    },
  };

  const loop = (async () => {
    while (!stopped()) {
      let session: LeaderSession | undefined;
      try {
        session = await deps.openSession();
        await runSession(session);
      } catch (error) {
        if (!stopped()) deps.onError?.(error);
      } finally {
        setLeading(false);
        await session?.close();
      }
      if (!stopped()) await sleep(o.retryMs);
    }
  })();

  return {
    isLeader: () => leading,
    stats: () => ({ leading, ...counts }),
    wake,
    async stop() {
      state.stopped = true;
      wakeUp?.();
      await loop;
    },
  };
}

/** What one batch did. */
export type RelayBatch = {
  /** Rows read (a store whose pending numbers were all gaps counts as one: there is more to do). */
  readonly rows: number;
  /** Whether the bus refused the batch; no position moved and the batch is read again. */
  readonly failed: boolean;
};

/**
 * One batch: read, publish every store's rows in one ordered list (stores one after another, each
 * in seq order), then move the stores' positions. Should the bus refuse, no position moves and the
 * next batch publishes the same events again, which the bus and consumers drop by id.
 */
export async function relayBatch(
  session: LeaderSession,
  deps: Pick<RelayDeps, 'bus' | 'onError' | 'onInvalidEvent'>,
  limits: { readonly stores: number; readonly perStore: number },
): Promise<RelayBatch> {
  const pending = await readPendingOutbox(session.q, limits);
  if (pending.length === 0) return { rows: 0, failed: false };
  const events = pending.flatMap((store) => store.rows.map((row) => envelopeOf(row, deps)));
  const rows = pending.reduce((n, store) => n + Math.max(store.rows.length, 1), 0);
  try {
    if (events.length > 0) await deps.bus.publish(events);
  } catch (error) {
    deps.onError?.(error);
    return { rows, failed: true };
  }
  await advanceOutboxPositions(
    session.q,
    pending.map((store) => ({ storeId: store.storeId, seq: store.nextPosition })),
  );
  return { rows, failed: false };
}

/** The envelope of an outbox row (its id derived from store and key, see event-id.ts). */
function envelopeOf(row: OutboxRow, deps: Pick<RelayDeps, 'onInvalidEvent'> = {}): EventEnvelope {
  const event = {
    id: row.eventId,
    type: row.topic,
    version: row.version,
    storeId: row.storeId,
    regionId: row.regionId,
    occurredAt: row.occurredAt,
    storeSeq: row.seq,
    data: row.payload,
  };
  // The envelope's own fields come from columns and are right by construction; the payload is
  // what a writer's SQL built, so that is what is checked (the union schema would cost twice).
  if (!isEventType(row.topic)) {
    deps.onInvalidEvent?.(row, `unknown event type ${row.topic}`);
  } else if (row.version === EVENT_DATA_SCHEMAS[row.topic].version) {
    const checked = EVENT_DATA_SCHEMAS[row.topic].data.safeParse(row.payload);
    if (!checked.success) deps.onInvalidEvent?.(row, checked.error.message);
  }
  // Published as written even when invalid: holding it back would stop the store's stream, and
  // dropping it would lose an event; consumers parse with the shared schemas and report it.
  return event as EventEnvelope;
}
