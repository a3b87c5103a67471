import type { Clock } from '@kiryana/shared';
import type { Context } from 'hono';
import { type SSEMessage, streamSSE } from 'hono/streaming';
import { heartbeatUntilAborted } from './sse-heartbeat';

/** Why a `resync` goes out: a new connection, or hints that may have been lost meanwhile. */
type ResyncReason = 'connected' | 'hints-lost';

/** What the source of a hint stream writes to. */
export type HintSink = {
  /** Queues an event with a JSON payload; events go out in order, and none after `end`. */
  send(event: string, data: unknown): void;
  /** Queues a `resync` `{reason, serverTime}`. */
  resync(reason: ResyncReason): void;
  /** Ends the stream once the events queued so far are written; nothing queued after goes out. */
  end(): void;
};

/**
 * Server-Sent Events that carry hints, never documents: the shape the terminals' sync stream and
 * the admin dashboard's stream share.
 * - `resync` `{reason: 'connected', serverTime}` first, with `retry: retryMs` when given;
 * - whatever `subscribe` sends through its sink, `resync` `hints-lost` among them;
 * - `heartbeat` `{serverTime}` every `heartbeatMs`, so proxies with idle timeouts keep the
 *   connection and the client can tell a silent stream from a dead one.
 * `subscribe` runs before the first `resync`, so no hint can fall between the two; the function it
 * returns runs once, when the client leaves or the source ends the stream. Writes go one after
 * another; a failed write means the client is gone and aborts the stream.
 */
export function streamHintEvents(
  c: Context,
  deps: { readonly clock: Clock; readonly heartbeatMs: number; readonly retryMs?: number },
  subscribe: (sink: HintSink) => () => void,
): Response {
  return streamSSE(c, async (stream) => {
    let chain = Promise.resolve();
    // Aborted by `end`: the heartbeat loop stops, and nothing more is queued after the last event.
    const ended = new AbortController();
    const write = (message: SSEMessage) => {
      if (ended.signal.aborted) return;
      chain = chain
        .then(() => stream.writeSSE(message))
        .catch(() => {
          stream.abort();
        });
    };
    const now = () => new Date(deps.clock.now()).toISOString();
    const sink: HintSink = {
      send: (event, data) => {
        write({ event, data: JSON.stringify(data) });
      },
      resync: (reason) => {
        sink.send('resync', { reason, serverTime: now() });
      },
      end: () => {
        ended.abort();
      },
    };
    const unsubscribe = subscribe(sink);
    let subscribed = true;
    const stop = () => {
      if (!subscribed) return;
      subscribed = false;
      unsubscribe();
    };
    stream.onAbort(stop);
    write({
      event: 'resync',
      data: JSON.stringify({ reason: 'connected', serverTime: now() }),
      ...(deps.retryMs === undefined ? {} : { retry: deps.retryMs }),
    });
    await heartbeatUntilAborted(
      stream,
      deps.heartbeatMs,
      () => {
        sink.send('heartbeat', { serverTime: now() });
      },
      ended.signal,
    );
    stop();
    await chain;
  });
}
