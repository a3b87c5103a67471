import { type EventEnvelope, eventEnvelopeSchema, isEventType } from '@kiryana/shared';
import type { EventBus } from './event-bus';
import { eventIdOf } from './event-id';
import { type LeaderSession, tryLead } from './leader-session';
import {
  type OutboxRow,
  type PendingStore,
  advanceOutboxPositions,
  readPendingOutbox,
} from './outbox-read.queries';

/**
 * The outbox relay (docs/events.md). One process at a time leads (advisory lock, leader-session.ts)
 * and loops: read each store's rows after its position (commit order), publish them to the bus,
 * then move the store's position, on the leading connection. Killed anywhere in between, the next
 * leader starts from the positions and publishes again what may already be out: delivery is
 * at-least-once and the events' stable ids let the bus and consumers drop repeats.
 */

/** Limits and timings of the relay. */
export type RelayOptions = {
  /** Stores per batch. */
  readonly stores?: number;
  /** Rows per store and batch. */
  readonly perStore?: number;
  /** Wait after a batch found nothing. */
  readonly idleMs?: number;
  /** Wait between a standby's attempts at the lock (bounds the hand-over time). */
  readonly standbyMs?: number;
  /** Wait after an error (database or bus away). */
  readonly retryMs?: number;
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
};

/** A running relay. */
export type OutboxRelay = {
  isLeader(): boolean;
  /** Asks an idle leader to look at the outbox now instead of after `idleMs`. */
  wake(): void;
  stop(): Promise<void>;
};

const DEFAULTS = { stores: 50, perStore: 500, idleMs: 100, standbyMs: 1_000, retryMs: 1_000 };

/** Starts the relay loop; it leads when it gets the lock and stands by otherwise. */
export function startOutboxRelay(deps: RelayDeps, options: RelayOptions = {}): OutboxRelay {
  const o = { ...DEFAULTS, ...options };
  // Read through a function: the loop must see what `stop()` writes later.
  const state = { stopped: false };
  const stopped = () => state.stopped;
  let leading = false;
  let wakeUp: (() => void) | undefined;
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
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
    while (!stopped() && !session.isLost()) {
      const batch = await relayBatch(session, deps, o);
      if (batch.failedStores > 0) await sleep(o.retryMs);
      else if (batch.rows === 0) await sleep(o.idleMs);
    }
  }

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
    wake: () => wakeUp?.(),
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
  /** Stores whose events the bus refused; their positions stay and they are read again. */
  readonly failedStores: number;
};

/**
 * One batch: read, publish per store (stores in parallel, each in order), move the positions of
 * the stores whose events the bus took.
 */
export async function relayBatch(
  session: LeaderSession,
  deps: Pick<RelayDeps, 'bus' | 'onError' | 'onInvalidEvent'>,
  limits: { readonly stores: number; readonly perStore: number },
): Promise<RelayBatch> {
  const pending = await readPendingOutbox(session.q, limits);
  if (pending.length === 0) return { rows: 0, failedStores: 0 };
  const results = await Promise.allSettled(
    pending.map(async (store) => {
      if (store.rows.length > 0)
        await deps.bus.publish(store.rows.map((row) => envelopeOf(row, deps)));
      return store;
    }),
  );
  const done: PendingStore[] = [];
  for (const result of results) {
    if (result.status === 'fulfilled') done.push(result.value);
    else deps.onError?.(result.reason);
  }
  await advanceOutboxPositions(
    session.q,
    done.map((store) => ({ storeId: store.storeId, seq: store.nextPosition })),
  );
  return {
    rows: pending.reduce((n, store) => n + Math.max(store.rows.length, 1), 0),
    failedStores: pending.length - done.length,
  };
}

/** The envelope of an outbox row (its id derived from store and key, see event-id.ts). */
export function envelopeOf(
  row: OutboxRow,
  deps: Pick<RelayDeps, 'onInvalidEvent'> = {},
): EventEnvelope {
  const event = {
    id: eventIdOf(row.storeId, row.eventKey),
    type: row.topic,
    version: row.version,
    storeId: row.storeId,
    regionId: row.regionId,
    occurredAt: row.occurredAt,
    storeSeq: row.seq,
    data: row.payload,
  };
  if (!isEventType(row.topic)) {
    deps.onInvalidEvent?.(row, `unknown event type ${row.topic}`);
  } else {
    const checked = eventEnvelopeSchema.safeParse(event);
    if (!checked.success) deps.onInvalidEvent?.(row, checked.error.message);
  }
  // Published as written even when invalid: holding it back would stop the store's stream, and
  // dropping it would lose an event; consumers parse with the shared schemas and report it.
  return event as EventEnvelope;
}
