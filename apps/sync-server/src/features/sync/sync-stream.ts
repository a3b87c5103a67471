import type { PokeEvent } from '@kiryana/shared';
import type { Context } from 'hono';
import { type SSEMessage, streamSSE } from 'hono/streaming';
import type { AppDeps, AppEnv } from '../../app-env';
import { heartbeatUntilAborted } from '../../http/sse-heartbeat';

/** Reconnect delay suggested to EventSource-style clients; jittered so an outage's end is spread. */
const RETRY_BASE_MS = 2_000;
const RETRY_JITTER_MS = 8_000;

/**
 * `GET /v1/sync/stream`: Server-Sent Events carrying hints, never documents (docs/sync.md).
 * - `resync` first, and again whenever hints may have been lost (the server's LISTEN connection
 *   was re-established): the client answers with RxDB's `'RESYNC'`, i.e. pulls every collection;
 * - `poke` `{collection, seq}` after a commit in the device's store scope or in reference data;
 * - `heartbeat` every `heartbeatMs`, so proxies with idle timeouts keep the connection and the
 *   client can tell a silent stream from a dead one.
 */
export function streamHints(c: Context<AppEnv>, deps: AppDeps): Response {
  const device = c.var.device;
  return streamSSE(c, async (stream) => {
    let chain = Promise.resolve();
    // Writes go one after another; a failed write means the client is gone.
    const send = (message: SSEMessage) => {
      chain = chain
        .then(() => stream.writeSSE(message))
        .catch(() => {
          stream.abort();
        });
    };
    const now = () => new Date(deps.clock.now()).toISOString();
    const resync = (reason: 'connected' | 'hints-lost', retry?: number) => {
      send({
        event: 'resync',
        data: JSON.stringify({ reason, serverTime: now() }),
        ...(retry === undefined ? {} : { retry }),
      });
    };
    const unsubscribe = deps.live.subscribe(
      device.storeId,
      (poke: PokeEvent) => {
        send({ event: 'poke', data: JSON.stringify(poke) });
      },
      () => {
        resync('hints-lost');
      },
    );
    stream.onAbort(() => {
      unsubscribe();
    });
    resync('connected', RETRY_BASE_MS + Math.floor(Math.random() * RETRY_JITTER_MS));
    await heartbeatUntilAborted(stream, deps.heartbeatMs, () => {
      send({ event: 'heartbeat', data: JSON.stringify({ serverTime: now() }) });
    });
    unsubscribe();
    await chain;
  });
}
