import type { EventEnvelope } from '@kiryana/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testNatsUrl } from '../../testing/test-nats-env';
import { createEmbeddedBus } from './embedded-bus';
import type { EventBus } from './event-bus';
import { eventIdOf } from './event-id';
import { collect, deleteStream, testStream } from './events-test-kit';
import { createNatsBus } from './nats-bus';

const natsUrl = await testNatsUrl();

type Adapter = {
  name: string;
  open: () => Promise<{ bus: EventBus; cleanUp: () => Promise<void> }>;
};
const adapters: Adapter[] = [
  {
    name: 'embedded',
    open: () => Promise.resolve({ bus: createEmbeddedBus(), cleanUp: () => Promise.resolve() }),
  },
];
if (natsUrl) {
  const url = natsUrl;
  adapters.push({
    name: 'nats',
    open: async () => {
      const { stream, subjectRoot } = testStream();
      const bus = await createNatsBus({ url, stream, subjectRoot });
      return { bus, cleanUp: () => deleteStream(url, stream) };
    },
  });
}

let seq = 0;
function levelEvent(storeId: string, qtyBase: number): EventEnvelope {
  seq += 1;
  return {
    id: eventIdOf(storeId, `contract:${String(seq)}`),
    type: 'stock.level_changed',
    version: 1,
    storeId,
    regionId: 'r1',
    occurredAt: '2026-12-07T04:00:00.000Z',
    storeSeq: String(seq),
    data: { productId: 'p001', qtyBase, deltaBase: 1 },
  };
}

describe.each(adapters)('event bus contract on $name', (adapter) => {
  let bus: EventBus;
  let cleanUp: () => Promise<void>;
  beforeAll(async () => {
    ({ bus, cleanUp } = await adapter.open());
  });
  afterAll(async () => {
    await bus.close();
    await cleanUp();
  });

  it('delivers a store’s events whole and in publish order', async () => {
    const consumer = await collect(bus, 'in-order');
    const events = [1, 2, 3, 4, 5].map((n) => levelEvent('store-a', n));
    await bus.publish(events.slice(0, 2));
    await bus.publish(events.slice(2));
    await consumer.waitFor(5);
    expect(consumer.events).toEqual(events);
    await consumer.close();
  });

  it('drops a republished event id', async () => {
    const consumer = await collect(bus, 'dedupe');
    const first = levelEvent('store-b', 1);
    const second = levelEvent('store-b', 2);
    await bus.publish([first]);
    await bus.publish([first, second]);
    await consumer.waitFor(2);
    // A later marker proves nothing more was coming for the repeat.
    const marker = levelEvent('store-b', 3);
    await bus.publish([marker]);
    await consumer.waitFor(3);
    expect(consumer.events.map((e) => e.id)).toEqual([first.id, second.id, marker.id]);
    expect(consumer.deliveries).toBe(3);
    await consumer.close();
  });

  it('publishes past a repeat that is no longer the tail (the chain breaks, nothing is lost)', async () => {
    const consumer = await collect(bus, 'broken-chain');
    const [x, y, z] = [1, 2, 3].map((n) => levelEvent('store-g', n)) as [
      EventEnvelope,
      EventEnvelope,
      EventEnvelope,
    ];
    await bus.publish([x]);
    await bus.publish([y]);
    // A relay restarting republishes x; z's expectation (x last) is refused and z goes alone.
    await bus.publish([x, z]);
    await consumer.waitFor(3);
    expect(consumer.events.map((e) => e.id)).toEqual([x.id, y.id, z.id]);
    await consumer.close();
  });

  it('gives a failed event again before any later one', async () => {
    const seen: string[] = [];
    let failures = 0;
    const subscription = await bus.subscribe({
      name: 'retrying',
      retryDelayMs: 50,
      handle: (event) => {
        if (event.type === 'stock.level_changed' && event.data.qtyBase === 2 && failures < 2) {
          failures += 1;
          return Promise.reject(new Error('receiver down'));
        }
        seen.push(event.type === 'stock.level_changed' ? String(event.data.qtyBase) : '?');
        return Promise.resolve();
      },
    });
    await bus.publish([1, 2, 3].map((n) => levelEvent('store-c', n)));
    const until = Date.now() + 15_000;
    while (seen.length < 3 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    expect({ seen, failures }).toEqual({ seen: ['1', '2', '3'], failures: 2 });
    await subscription.close();
  });

  it('hands a batch handler what it holds, in order, whole and within the limit', async () => {
    const batches: string[][] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const subscription = await bus.subscribe({
      name: 'batches',
      maxBatch: 4,
      handleBatch: async (events) => {
        // The first batch waits until everything is published, so later ones find a backlog.
        if (batches.length === 0) await gate;
        batches.push(events.map((event) => event.id));
      },
    });
    const events = Array.from({ length: 10 }, (_, n) => levelEvent('store-e', n));
    await bus.publish(events.slice(0, 1));
    await bus.publish(events.slice(1));
    // Bounded wait for the server to hand the backlog over (not a timing assertion).
    await new Promise((resolve) => setTimeout(resolve, 200));
    release();
    const until = Date.now() + 15_000;
    while (batches.flat().length < 10 && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(batches.flat()).toEqual(events.map((event) => event.id));
    expect(Math.max(...batches.map((batch) => batch.length))).toBeGreaterThan(1);
    expect(batches.every((batch) => batch.length <= 4)).toBe(true);
    await subscription.close();
  });

  it('gives a failed batch again, whole and first', async () => {
    const calls: string[][] = [];
    const handled: string[] = [];
    const subscription = await bus.subscribe({
      name: 'batch-retrying',
      maxBatch: 8,
      retryDelayMs: 50,
      handleBatch: (events) => {
        const ids = events.map((event) => event.id);
        calls.push(ids);
        if (calls.length <= 2) return Promise.reject(new Error('database away'));
        handled.push(...ids);
        return Promise.resolve();
      },
    });
    const events = Array.from({ length: 6 }, (_, n) => levelEvent('store-f', n));
    await bus.publish(events);
    const until = Date.now() + 15_000;
    while (handled.length < 6 && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const [first = [], second = [], third = []] = calls;
    // Each call after a failure starts with the failed batch (more may have queued behind it).
    expect(second.slice(0, first.length)).toEqual(first);
    expect(third.slice(0, second.length)).toEqual(second);
    expect(first[0]).toBe(events[0]?.id);
    expect(handled).toEqual(events.map((event) => event.id));
    await subscription.close();
  });

  it('keeps a durable consumer’s place while it is away, and its type filter', async () => {
    const got: EventEnvelope[] = [];
    const handle = (event: EventEnvelope) => {
      got.push(event);
      return Promise.resolve();
    };
    const first = await bus.subscribe({ name: 'durable', types: ['stock.low'], handle });
    const low = (n: number): EventEnvelope => ({
      ...levelEvent('store-d', n),
      type: 'stock.low',
      data: { productId: 'p001', qtyBase: n, reorderLevelBase: 10 },
    });
    await bus.publish([low(1), levelEvent('store-d', 2)]);
    const until = Date.now() + 10_000;
    while (got.length < 1 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    await first.close();
    await bus.publish([low(3), levelEvent('store-d', 4), low(5)]);
    const again = await bus.subscribe({ name: 'durable', types: ['stock.low'], handle });
    while (got.length < 3 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    const lows = got.map((e): [string, number | null] => [
      e.type,
      e.type === 'stock.low' ? e.data.qtyBase : null,
    ]);
    expect(lows).toEqual([
      ['stock.low', 1],
      ['stock.low', 3],
      ['stock.low', 5],
    ]);
    await again.close();
  });
});
