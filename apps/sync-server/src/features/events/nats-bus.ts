import {
  AckPolicy,
  DeliverPolicy,
  type JetStreamClient,
  type JetStreamManager,
  JetStreamApiError,
  type JsMsg,
  RetentionPolicy,
  StorageType,
  jetstream,
  jetstreamManager,
} from '@nats-io/jetstream';
import { connect, createInbox, headers, nanos } from '@nats-io/transport-node';
import { EVENT_SUBJECT_ROOT, type EventEnvelope, eventSubject } from '@kiryana/shared';
import {
  batchHandlerOf,
  type ConsumerOptions,
  DEFAULT_RETRY_DELAY_MS,
  type EventBus,
  type EventSubscription,
} from './event-bus';

/**
 * The bus on NATS JetStream (docs/events.md): one stream holding `<root>.>`, an event's subject
 * `<root>.<region>.<store>.<type>`, its id as `Nats-Msg-Id` so the stream drops a republished
 * event within the duplicate window, publishes pipelined but chained so order holds, and durable
 * pull consumers holding at most one batch unacknowledged (one message for a one-at-a-time
 * handler); a failed batch is retried in place, so a consumer's events stay in order.
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
const PUBLISH_WINDOW = 2_000;
/** How long a handed-over message may stay unacknowledged before the server sends it again. */
const ACK_WAIT_MS = 30_000;

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
  const decoder = new TextDecoder();
  const timeout = options.publishTimeoutMs ?? 5_000;

  /**
   * Publishes a window as plain messages whose replies (the stream's acks) come to one inbox,
   * `<inbox>.<index>`: the JetStream client's `publish` makes a request, a timer and two error
   * objects per message, which bounded the relay at ~10k events/s. Returns the index of the first
   * message not acknowledged (refused, no stream, no ack within the timeout), or -1.
   */
  async function publishChained(
    window: readonly EventEnvelope[],
    before: EventEnvelope | undefined,
  ): Promise<number> {
    const inbox = createInbox();
    const acked = new Array<boolean | undefined>(window.length);
    let answered = 0;
    let done: () => void = () => undefined;
    const all = new Promise<void>((resolve) => {
      done = resolve;
    });
    const sub = nc.subscribe(`${inbox}.*`, {
      callback: (error, message) => {
        if (error) return;
        const index = Number(message.subject.slice(inbox.length + 1));
        if (!Number.isInteger(index) || acked[index] !== undefined) return;
        let ok = false;
        if (!message.headers?.hasError && message.data.length > 0) {
          const ack = JSON.parse(decoder.decode(message.data)) as { error?: unknown; seq?: number };
          ok = ack.error === undefined && typeof ack.seq === 'number';
        }
        acked[index] = ok;
        answered += 1;
        if (answered === window.length) done();
      },
    });
    const timer = setTimeout(done, timeout);
    try {
      window.forEach((event, i) => {
        const h = headers();
        h.set('Nats-Msg-Id', event.id);
        const after = i === 0 ? before : window[i - 1];
        if (after) h.set('Nats-Expected-Last-Msg-Id', after.id);
        nc.publish(eventSubject(event, root), encoder.encode(JSON.stringify(event)), {
          reply: `${inbox}.${String(i)}`,
          headers: h,
        });
      });
      await all;
    } finally {
      clearTimeout(timer);
      sub.unsubscribe();
    }
    for (let i = 0; i < window.length; i += 1) if (acked[i] !== true) return i;
    return -1;
  }

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
        const broken = await publishChained(window, events[start - 1]);
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
      const { handle, maxBatch } = batchHandlerOf(consumerOptions);
      try {
        const info = await jsm.consumers.info(stream, name);
        // A batch consumer may hold a batch unacknowledged; its limit follows the handler given.
        if (info.config.max_ack_pending !== maxBatch) {
          await jsm.consumers.update(stream, name, { max_ack_pending: maxBatch });
        }
      } catch (error) {
        if (!(error instanceof JetStreamApiError) || error.status !== 404) throw error;
        const only = consumerOptions.types;
        await jsm.consumers.add(stream, {
          durable_name: name,
          ack_policy: AckPolicy.Explicit,
          deliver_policy: DeliverPolicy.New,
          max_ack_pending: maxBatch,
          ack_wait: nanos(ACK_WAIT_MS),
          // One type filters on the server; several are filtered here (one filter subject keeps
          // the consumer working on nats-server 2.9, which Debian ships).
          filter_subject: only?.length === 1 ? `${root}.*.*.${only[0] ?? ''}` : `${root}.>`,
        });
      }
      const consumer = await js.consumers.get(stream, name);
      const messages = await consumer.consume({ max_messages: Math.max(64, maxBatch) });
      // What the server handed over and is not handled yet: at most `max_ack_pending`, so the
      // worker's batch is what is held, in stream order.
      const held: JsMsg[] = [];
      const state = { ended: false, closing: false };
      // `arrived` wakes a worker waiting for messages; `interrupt` ends a retry pause (close).
      let arrived: (() => void) | undefined;
      let interrupt: (() => void) | undefined;
      const poke = () => {
        const wake = arrived;
        arrived = undefined;
        wake?.();
      };
      const pause = (ms: number) =>
        new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, ms);
          interrupt = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      const pump = (async () => {
        try {
          for await (const message of messages) {
            held.push(message);
            poke();
          }
        } finally {
          state.ended = true;
          poke();
        }
      })();
      const isClosing = () => state.closing;
      const work = (async () => {
        while (!isClosing()) {
          if (held.length === 0) {
            if (state.ended) return;
            await new Promise<void>((resolve) => {
              arrived = resolve;
            });
            continue;
          }
          const batch = held.splice(0, maxBatch);
          const wanted = batch
            .map((message) => message.json<EventEnvelope>())
            .filter((event) => consumerOptions.types?.includes(event.type) ?? true);
          // A failed batch is retried here, held unacknowledged (and its ack deadline renewed),
          // so nothing later is handled before it; on close it goes back to the server.
          for (;;) {
            try {
              if (wanted.length > 0) await handle(wanted);
              for (const message of batch) message.ack();
              break;
            } catch (error) {
              options.onHandlerError?.(error, name);
              if (isClosing()) {
                held.unshift(...batch);
                return;
              }
              await pause(consumerOptions.retryDelayMs ?? DEFAULT_RETRY_DELAY_MS);
              if (isClosing()) {
                held.unshift(...batch);
                return;
              }
              for (const message of batch) message.working();
            }
          }
        }
      })();
      return {
        async close() {
          state.closing = true;
          poke();
          interrupt?.();
          await work;
          await messages.close();
          await pump;
          // Handed over but not handled: back to the server at once, in order, for the next
          // subscription (instead of waiting for the ack deadline).
          for (const message of held.splice(0)) message.nak();
        },
      };
    },
    async close() {
      await nc.drain();
    },
  };
}
