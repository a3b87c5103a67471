import type { EventEnvelope, EventType } from '@kiryana/shared';

/**
 * The bus the outbox relay publishes to, and that consumers (webhooks, the live dashboard, alerts)
 * read from. Two adapters keep the same contract (event-bus.contract.test.ts): the in-process bus
 * (`embedded-bus.ts`, the default) and NATS JetStream (`nats-bus.ts`, when NATS_URL is set).
 *
 * Contract:
 * - `publish` takes a list of events, each store's in `storeSeq` order, and resolves once the bus
 *   holds all of them in that order; when it rejects, a prefix may be held and nothing after the
 *   first missing event was, so the caller publishes the whole list again (the bus drops ids it
 *   already holds within its duplicate window).
 * - A consumer is named and durable: it receives the events published after it first subscribed,
 *   in bus order (so in per-store order); an event counts as handled when the handler resolves,
 *   and comes again, before any later one, when it throws. Delivery is at-least-once: handlers
 *   dedupe by event id.
 * - A consumer gives either `handle` (one event at a time) or `handleBatch` (what the bus holds
 *   for it, up to `maxBatch`, in bus order, so one commit can record many events): a batch is
 *   handled as a whole when the handler resolves, and when it throws the same batch, or a longer
 *   one starting with the same events, comes again before anything later.
 * - The embedded bus keeps a consumer's place for the life of the process; JetStream keeps it
 *   across restarts.
 */

/** Handles one event; throwing asks for the same event again later. */
type EventHandler = (event: EventEnvelope) => Promise<void>;

/** Handles events in bus order as a whole; throwing asks for the same events again later. */
type BatchHandler = (events: readonly EventEnvelope[]) => Promise<void>;

/** What a consumer wants. */
export type ConsumerOptions = {
  /** Durable name: subscribing again under it resumes where the last subscription stopped. */
  readonly name: string;
  /** Only these types (all when omitted). Fixed when the consumer is first made. */
  readonly types?: readonly EventType[];
  /** Wait before an event whose handler threw comes again. */
  readonly retryDelayMs?: number;
} & (
  | { readonly handle: EventHandler; readonly handleBatch?: never }
  | {
      readonly handleBatch: BatchHandler;
      /** Most events in one batch (default `DEFAULT_MAX_BATCH`). */
      readonly maxBatch?: number;
      readonly handle?: never;
    }
);

/** Default size limit of a batch handed to `handleBatch`. */
const DEFAULT_MAX_BATCH = 256;

/** The consumer's handler as a batch handler, and the largest batch it takes. */
export function batchHandlerOf(options: ConsumerOptions): {
  handle: BatchHandler;
  maxBatch: number;
} {
  if (options.handleBatch) {
    return {
      handle: options.handleBatch,
      maxBatch: Math.max(1, options.maxBatch ?? DEFAULT_MAX_BATCH),
    };
  }
  const one = options.handle;
  return {
    handle: async (events) => {
      for (const event of events) await one(event);
    },
    maxBatch: 1,
  };
}

/** A live subscription. */
export type EventSubscription = { close(): Promise<void> };

/** A bus adapter. */
export type EventBus = {
  readonly kind: 'embedded' | 'nats';
  publish(events: readonly EventEnvelope[]): Promise<void>;
  subscribe(options: ConsumerOptions): Promise<EventSubscription>;
  close(): Promise<void>;
};

/** Default wait before redelivering an event whose handler threw. */
export const DEFAULT_RETRY_DELAY_MS = 1_000;
