import type { EventEnvelope } from '@kiryana/shared';
import {
  batchHandlerOf,
  type ConsumerOptions,
  DEFAULT_RETRY_DELAY_MS,
  type EventBus,
  type EventSubscription,
} from './event-bus';

/**
 * The in-process bus: what `pnpm start` runs with, needing nothing besides the server. Each
 * durable consumer has a queue; events go to it in publish order and a handler sees one at a time,
 * or a batch handler what is queued (up to its limit).
 * Like JetStream's duplicate window, an id seen in the last `duplicateWindowMs` is dropped, so a
 * relay that republishes after a restart of its leader does not deliver twice.
 */

type Consumer = {
  options: ConsumerOptions;
  queue: EventEnvelope[];
  active: boolean;
  running: boolean;
  timer: ReturnType<typeof setTimeout> | undefined;
};

/** Options of the in-process bus. */
export type EmbeddedBusOptions = {
  /** How long a published id is remembered for de-duplication (JetStream's default is 2 min). */
  readonly duplicateWindowMs?: number;
  readonly now?: () => number;
  /** Called when a handler throws (the event is retried). */
  readonly onHandlerError?: (error: unknown, consumer: string) => void;
};

/** Opens the in-process bus. */
export function createEmbeddedBus(options: EmbeddedBusOptions = {}): EventBus {
  const windowMs = options.duplicateWindowMs ?? 120_000;
  const now = options.now ?? Date.now;
  // Insertion-ordered, so the oldest ids are at the front and expire first.
  const seen = new Map<string, number>();
  const consumers = new Map<string, Consumer>();
  let closed = false;

  function forget(at: number): void {
    for (const [id, time] of seen) {
      if (at - time < windowMs) break;
      seen.delete(id);
    }
  }

  async function drain(consumer: Consumer): Promise<void> {
    if (consumer.running) return;
    consumer.running = true;
    try {
      while (consumer.active && !closed) {
        const { handle, maxBatch } = batchHandlerOf(consumer.options);
        const types = consumer.options.types;
        // What is queued, up to a batch of wanted events; `taken` counts the queue entries it
        // covers (unwanted types included), removed only once the batch is handled.
        const batch: EventEnvelope[] = [];
        let taken = 0;
        while (taken < consumer.queue.length && batch.length < maxBatch) {
          const event = consumer.queue[taken] as EventEnvelope;
          taken += 1;
          if (!types || types.includes(event.type)) batch.push(event);
        }
        if (taken === 0) return;
        try {
          if (batch.length > 0) await handle(batch);
          consumer.queue.splice(0, taken);
        } catch (error) {
          options.onHandlerError?.(error, consumer.options.name);
          // The batch stays at the head: nothing later overtakes it.
          consumer.timer = setTimeout(() => {
            consumer.timer = undefined;
            void drain(consumer);
          }, consumer.options.retryDelayMs ?? DEFAULT_RETRY_DELAY_MS);
          return;
        }
      }
    } finally {
      consumer.running = false;
    }
  }

  return {
    kind: 'embedded',
    publish(events) {
      if (closed) return Promise.reject(new Error('the event bus is closed'));
      const at = now();
      forget(at);
      for (const event of events) {
        if (seen.has(event.id)) continue;
        seen.set(event.id, at);
        for (const consumer of consumers.values()) consumer.queue.push(event);
      }
      for (const consumer of consumers.values()) {
        if (consumer.timer === undefined) void drain(consumer);
      }
      return Promise.resolve();
    },
    subscribe(consumerOptions): Promise<EventSubscription> {
      const known = consumers.get(consumerOptions.name);
      if (known?.active) {
        return Promise.reject(new Error(`consumer ${consumerOptions.name} is already subscribed`));
      }
      const consumer: Consumer = known ?? {
        options: consumerOptions,
        queue: [],
        active: false,
        running: false,
        timer: undefined,
      };
      // The filter stays as first made (as on JetStream); the handler is the new one.
      consumer.options = { ...consumerOptions, types: consumer.options.types };
      consumer.active = true;
      consumers.set(consumerOptions.name, consumer);
      void drain(consumer);
      return Promise.resolve({
        close() {
          consumer.active = false;
          clearTimeout(consumer.timer);
          consumer.timer = undefined;
          return Promise.resolve();
        },
      });
    },
    close() {
      closed = true;
      for (const consumer of consumers.values()) clearTimeout(consumer.timer);
      return Promise.resolve();
    },
  };
}
