import { randomBytes } from 'node:crypto';
import type { EventEnvelope } from '@kiryana/shared';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import type { Db, Queryable } from '../../db/db';
import type { EventBus } from './event-bus';
import { outboxInsertCtes } from '../../db/outbox-write';
import { createEmbeddedBus } from './embedded-bus';
import { pgliteLeaderSessions } from './leader-session';
import { relayBatch } from './outbox-relay';

/**
 * Helpers of the event suites: outbox rows written the way the product's writers write them, a
 * consumer that dedupes by id and checks per-store order, and throw-away JetStream streams.
 */

/** Writes `count` valid `stock.level_changed` rows for a store in one statement (one block). */
export async function writeOutboxRows(
  q: Queryable,
  storeId: string,
  keys: readonly string[],
): Promise<void> {
  await q.query(
    `WITH ${outboxInsertCtes('$1', [
      `SELECT k AS event_key, 'stock.level_changed' AS topic,
              jsonb_build_object('productId', 'p001', 'qtyBase', n, 'deltaBase', 1) AS payload,
              now() AS occurred_at
         FROM unnest($2::text[]) WITH ORDINALITY AS t(k, n)`,
    ])}
     SELECT 1`,
    [storeId, keys],
  );
}

/** What a deduping consumer holds. */
export type Collected = {
  /** Unique events in first-delivery order. */
  readonly events: EventEnvelope[];
  /** Every delivery, repeats included. */
  deliveries: number;
  /** Each store's `storeSeq`s in delivery order. */
  byStore(): Map<string, string[]>;
  /** Resolves when `count` unique events arrived; rejects after `timeoutMs`. */
  waitFor(count: number, timeoutMs?: number): Promise<void>;
};

/** A consumer on `bus` that keeps each event once (by id). */
export async function collect(
  bus: EventBus,
  name: string,
): Promise<Collected & { close(): Promise<void> }> {
  const seen = new Set<string>();
  const events: EventEnvelope[] = [];
  const collected = {
    events,
    deliveries: 0,
    byStore() {
      const map = new Map<string, string[]>();
      for (const event of events) {
        const list = map.get(event.storeId) ?? [];
        list.push(event.storeSeq);
        map.set(event.storeId, list);
      }
      return map;
    },
    async waitFor(count: number, timeoutMs = 20_000) {
      const until = Date.now() + timeoutMs;
      while (events.length < count) {
        if (Date.now() > until) {
          throw new Error(`waited for ${String(count)} events, have ${String(events.length)}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
  };
  const subscription = await bus.subscribe({
    name,
    handle: (event) => {
      collected.deliveries += 1;
      if (!seen.has(event.id)) {
        seen.add(event.id);
        events.push(event);
      }
      return Promise.resolve();
    },
  });
  return Object.assign(collected, { close: () => subscription.close() });
}

/**
 * Publishes everything the outbox holds beyond the relay's positions through a real relay batch
 * loop onto an in-process bus and answers the events, each once, in publish order. Rows whose
 * payload breaks their type's schema are listed in `invalid` (the relay publishes them anyway).
 */
export async function drainOutbox(db: Db): Promise<{ events: EventEnvelope[]; invalid: string[] }> {
  const bus = createEmbeddedBus();
  const consumer = await collect(bus, 'drain');
  const invalid: string[] = [];
  // The database itself as the session: a test drains after its writers committed.
  const session = await pgliteLeaderSessions(db)();
  let published = 0;
  const deps = {
    bus: {
      ...bus,
      publish: (events: readonly EventEnvelope[]) => {
        published += events.length;
        return bus.publish(events);
      },
    },
    onInvalidEvent: (row: { topic: string; eventKey: string }, problem: string) =>
      invalid.push(`${row.topic} ${row.eventKey}: ${problem}`),
  };
  for (;;) {
    const batch = await relayBatch(session, deps, { stores: 100, perStore: 1_000 });
    if (batch.failed) throw new Error('the in-process bus refused a batch');
    if (batch.rows === 0) break;
  }
  await consumer.waitFor(published);
  await bus.close();
  return { events: consumer.events, invalid };
}

/** A unique stream name and subject root, so suites sharing one NATS server never meet. */
export function testStream(): { stream: string; subjectRoot: string } {
  const tag = randomBytes(4).toString('hex');
  return { stream: `KIRYANA_TEST_${tag}`, subjectRoot: `kiryana-test-${tag}` };
}

/** Deletes a test stream. */
export async function deleteStream(url: string, stream: string): Promise<void> {
  const nc = await connect({ servers: url });
  try {
    const jsm = await jetstreamManager(nc);
    await jsm.streams.delete(stream).catch(() => false);
  } finally {
    await nc.close();
  }
}

/** Whether `seqs` (decimal text) strictly increase. */
export function isIncreasing(seqs: readonly string[]): boolean {
  return seqs.every((seq, i) => i === 0 || BigInt(seq) > BigInt(seqs[i - 1] ?? '0'));
}
