import type { Clock, EventEnvelope } from '@kiryana/shared';
import type { Db } from '../../db/db';
import { insertDeliveriesFor, selectSubscribedTypes } from './webhook-delivery.queries';

/**
 * What webhooks need of the event bus (features/events/event-bus.ts, whose contract they rely on:
 * durable named consumers, per-store order, a throwing batch handler gets the batch again first).
 */
export type EventSource = {
  subscribe(options: {
    readonly name: string;
    readonly handleBatch: (events: readonly EventEnvelope[]) => Promise<void>;
    readonly maxBatch?: number;
  }): Promise<{ close(): Promise<void> }>;
};

/** Most events one fan-out commit records (a multi-row insert of this many events). */
const FANOUT_MAX_BATCH = 500;

/** The durable bus consumer of webhooks. */
const WEBHOOK_CONSUMER = 'webhooks';

/** How long the fan-out trusts its list of subscribed types before reading it again. */
const TYPES_FRESH_MS = 1_000;

/**
 * Consumers the fan-out runs, each for the stores whose id hashes to it. The bus hands a consumer
 * what it holds as one batch, recorded with one statement and one commit; several consumers
 * commit side by side (Postgres flushes concurrent commits together). A store always maps to the same consumer, so its events stay in order. Changing the
 * number moves stores between durable consumers: do it only while no events flow.
 */
const WEBHOOK_FANOUT_PARTITIONS = 8;

/** The running fan-out. */
export type WebhookFanOut = {
  /** Subscriptions changed (in this process): read the subscribed types again. */
  invalidate(): void;
  close(): Promise<void>;
};

/** FNV-1a of the store id: which consumer records the store's events. */
function partitionOf(storeId: string, partitions: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < storeId.length; i += 1) {
    hash = Math.imul(hash ^ storeId.charCodeAt(i), 0x01000193) >>> 0;
  }
  return hash % partitions;
}

/**
 * Turns each event from the bus into a delivery per matching subscription. The bus keeps each
 * consumer's place (JetStream across restarts); the fan-out is idempotent on (subscription,
 * event), so an event the bus delivers again adds nothing. A handler that throws (database away)
 * gets the same batch again before any later event, so no event is skipped.
 *
 * Most events (every stock change of every sale) interest no subscription, so the fan-out keeps
 * the set of subscribed types and skips the others without a statement. The set is read again at
 * once after a change through this process's API, and at most a second after a change through
 * another process.
 */
export async function startWebhookFanOut(
  deps: { readonly db: Db; readonly clock: Clock; readonly bus: EventSource },
  onRecorded: () => void,
  options: { readonly name?: string; readonly partitions?: number } = {},
): Promise<WebhookFanOut> {
  const name = options.name ?? WEBHOOK_CONSUMER;
  const partitions = options.partitions ?? WEBHOOK_FANOUT_PARTITIONS;
  let types: { set: ReadonlySet<string>; readAt: number } | undefined;
  let reading: Promise<ReadonlySet<string>> | undefined;
  const subscribed = async (type: string): Promise<boolean> => {
    if (types?.set.has(type)) return true;
    if (!types || Date.now() - types.readAt >= TYPES_FRESH_MS) {
      reading ??= selectSubscribedTypes(deps.db)
        .then((list) => {
          const set = new Set(list);
          types = { set, readAt: Date.now() };
          return set;
        })
        .finally(() => {
          reading = undefined;
        });
      return (await reading).has(type);
    }
    return false;
  };
  const record = async (events: readonly EventEnvelope[]) => {
    const wanted: EventEnvelope[] = [];
    for (const event of events) if (await subscribed(event.type)) wanted.push(event);
    if (wanted.length === 0) return;
    const added = await insertDeliveriesFor(
      deps.db,
      wanted.map((event) => ({
        id: event.id,
        type: event.type,
        storeId: event.storeId,
        regionId: event.regionId,
        storeSeq: event.storeSeq,
        payload: JSON.stringify(event),
      })),
      new Date(deps.clock.now()).toISOString(),
    );
    if (added > 0) onRecorded();
  };
  const subscriptions = await Promise.all(
    Array.from({ length: partitions }, (_, partition) =>
      deps.bus.subscribe({
        name: partitions === 1 ? name : `${name}-${String(partition)}`,
        maxBatch: FANOUT_MAX_BATCH,
        handleBatch: (events) =>
          record(events.filter((event) => partitionOf(event.storeId, partitions) === partition)),
      }),
    ),
  );
  return {
    invalidate: () => {
      types = undefined;
    },
    async close() {
      await Promise.all(subscriptions.map((subscription) => subscription.close()));
    },
  };
}
