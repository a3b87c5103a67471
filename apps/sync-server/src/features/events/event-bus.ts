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
 *   one at a time in bus order (so in per-store order); an event counts as handled when the
 *   handler resolves, and comes again, before any later one, when it throws. Delivery is
 *   at-least-once: handlers dedupe by event id.
 * - The embedded bus keeps a consumer's place for the life of the process; JetStream keeps it
 *   across restarts.
 */

/** Handles one event; throwing asks for the same event again later. */
type EventHandler = (event: EventEnvelope) => Promise<void>;

/** What a consumer wants. */
export type ConsumerOptions = {
  /** Durable name: subscribing again under it resumes where the last subscription stopped. */
  readonly name: string;
  /** Only these types (all when omitted). Fixed when the consumer is first made. */
  readonly types?: readonly EventType[];
  readonly handle: EventHandler;
  /** Wait before an event whose handler threw comes again. */
  readonly retryDelayMs?: number;
};

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
