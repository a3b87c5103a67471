import {
  AckPolicy,
  DeliverPolicy,
  type JetStreamClient,
  type JetStreamManager,
  JetStreamApiError,
  RetentionPolicy,
  StorageType,
  jetstream,
  jetstreamManager,
} from '@nats-io/jetstream';
import { connect, nanos } from '@nats-io/transport-node';
import { EVENT_SUBJECT_ROOT, type EventEnvelope, eventSubject } from '@kiryana/shared';
import {
  type ConsumerOptions,
  DEFAULT_RETRY_DELAY_MS,
  type EventBus,
  type EventSubscription,
} from './event-bus';

/**
 * The bus on NATS JetStream (docs/events.md): one stream holding `<root>.>`, an event's subject
 * `<root>.<region>.<store>.<type>`, its id as `Nats-Msg-Id` so the stream drops a republished
 * event within the duplicate window, publishes pipelined but chained so order holds, and durable pull consumers with one unacknowledged message
 * at a time, which is what keeps a consumer's events in order when one is redelivered.
 */

/** Where and how the stream lives. */
export type NatsBusOptions = {
  readonly url: string;
  /** Stream name; `KIRYANA` in production, a unique one per test. */
  readonly stream?: string;
  /** First subject token; `kiryana` in production. */
  readonly subjectRoot?: string;
  /** How long the stream remembers ids for de-duplication. */
  readonly duplicateWindowMs?: number;
  /** How long events stay in the stream (consumers that fall further behind lose them). */
  readonly maxAgeMs?: number;
  /** Wait for the stream's acknowledgement of one publish. */
  readonly publishTimeoutMs?: number;
  readonly onHandlerError?: (error: unknown, consumer: string) => void;
};

const DAY_MS = 86_400_000;
/** Publishes in flight at once: enough to hide the round trip, few enough to ack within the timeout. */
const PUBLISH_WINDOW = 500;

/** Connects to NATS and makes sure the stream exists. */
export async function createNatsBus(options: NatsBusOptions): Promise<EventBus> {
  const stream = options.stream ?? 'KIRYANA';
  const root = options.subjectRoot ?? EVENT_SUBJECT_ROOT;
  const nc = await connect({
    servers: options.url.split(',').map((url) => url.trim()),
    name: 'kiryana-sync-server',
    // A NATS restart must not end the process's connection: keep trying, publishes wait for it.
    maxReconnectAttempts: -1,
    reconnectTimeWait: 500,
  });
  try {
    const jsm = await jetstreamManager(nc);
    await ensureStream(jsm, stream, root, options);
    const js = jetstream(nc);
    return natsBus(nc, js, jsm, stream, root, options);
  } catch (error) {
    await nc.close();
    throw error;
  }
}

async function ensureStream(
  jsm: JetStreamManager,
  stream: string,
  root: string,
  options: NatsBusOptions,
): Promise<void> {
  const config = {
    subjects: [`${root}.>`],
    duplicate_window: nanos(options.duplicateWindowMs ?? 120_000),
    max_age: nanos(options.maxAgeMs ?? 7 * DAY_MS),
  };
  try {
    await jsm.streams.info(stream);
    await jsm.streams.update(stream, config);
  } catch (error) {
    if (!(error instanceof JetStreamApiError) || error.status !== 404) throw error;
    await jsm.streams.add({
      name: stream,
      ...config,
      storage: StorageType.File,
      retention: RetentionPolicy.Limits,
    });
  }
}

function natsBus(
  nc: Awaited<ReturnType<typeof connect>>,
  js: JetStreamClient,
  jsm: JetStreamManager,
  stream: string,
  root: string,
  options: NatsBusOptions,
): EventBus {
  const encoder = new TextEncoder();
  const timeout = options.publishTimeoutMs ?? 5_000;
  return {
    kind: 'nats',
    async publish(events: readonly EventEnvelope[]) {
      const send = (event: EventEnvelope, after?: EventEnvelope) =>
        js.publish(eventSubject(event, root), encoder.encode(JSON.stringify(event)), {
          msgID: event.id,
          timeout,
          ...(after ? { expect: { lastMsgID: after.id } } : {}),
        });
      // All at once, each expecting its predecessor to be the stream's last message
      // (Nats-Expected-Last-Msg-Id): one lost on the way makes every later one fail instead of
      // overtaking it, so the stream never holds a store's events out of order. A repeat of the
      // stream's tail (a relay restart) is acknowledged as a duplicate and keeps the chain.
      for (let start = 0; start < events.length; start += PUBLISH_WINDOW) {
        const window = events.slice(start, start + PUBLISH_WINDOW);
        const acks = await Promise.allSettled(
          window.map((event, i) => send(event, i === 0 ? events[start - 1] : window[i - 1])),
        );
        const broken = acks.findIndex((ack) => ack.status === 'rejected');
        if (broken >= 0) {
          // From the first refusal on, one at a time without expectations (another publisher, or
          // a repeat that is not the tail, breaks the chain; the ids still drop repeats).
          for (const event of events.slice(start + broken)) await send(event);
          return;
        }
      }
    },
    async subscribe(consumerOptions: ConsumerOptions): Promise<EventSubscription> {
      const name = consumerOptions.name;
      try {
        await jsm.consumers.info(stream, name);
      } catch (error) {
        if (!(error instanceof JetStreamApiError) || error.status !== 404) throw error;
        const only = consumerOptions.types;
        await jsm.consumers.add(stream, {
          durable_name: name,
          ack_policy: AckPolicy.Explicit,
          deliver_policy: DeliverPolicy.New,
          max_ack_pending: 1,
          ack_wait: nanos(30_000),
          // One type filters on the server; several are filtered here (one filter subject keeps
          // the consumer working on nats-server 2.9, which Debian ships).
          filter_subject: only?.length === 1 ? `${root}.*.*.${only[0] ?? ''}` : `${root}.>`,
        });
      }
      const consumer = await js.consumers.get(stream, name);
      const messages = await consumer.consume({ max_messages: 64 });
      const done = (async () => {
        for await (const message of messages) {
          const event = message.json<EventEnvelope>();
          const wanted = consumerOptions.types?.includes(event.type) ?? true;
          try {
            if (wanted) await consumerOptions.handle(event);
            message.ack();
          } catch (error) {
            options.onHandlerError?.(error, name);
            message.nak(consumerOptions.retryDelayMs ?? DEFAULT_RETRY_DELAY_MS);
          }
        }
      })();
      return {
        async close() {
          await messages.close();
          await done;
        },
      };
    },
    async close() {
      await nc.drain();
    },
  };
}
