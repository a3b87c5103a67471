import { EVENT_DATA_SCHEMAS, type EventEnvelope, isEventType } from '@kiryana/shared';
import type { EventBus } from './event-bus';
import { type LeaderSession, tryLead } from './leader-session';
import { type OutboxRow, advanceOutboxPositions, readPendingOutbox } from './outbox-read.queries';

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
      if (batch.failed) await sleep(o.retryMs);
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
