import type { Context } from 'hono';
import { type SSEMessage, streamSSE } from 'hono/streaming';
import type { LiveHub } from '../../app-env';
import { heartbeatUntilAborted } from '../../http/sse-heartbeat';
import type { Clock } from '@kiryana/shared';

/**
 * `GET /v1/admin/dashboard/stream`: Server-Sent Events telling an open dashboard that a sale landed
 * in one of the reader's stores, so it refetches that day's figures at once instead of polling.
 * Like the terminals' stream it carries hints, never figures (the refetch goes through the same
 * scoped query as the first load):
 * - `resync` first, and again when hints may have been lost: refetch everything;
 * - `sale` `{storeId, seq}` after a push of sales to a store in scope commits;
 * - `heartbeat` every `heartbeatMs`, so proxies keep the connection and the client sees it alive.
 * Hints come from the LiveHub (LISTEN/NOTIFY), so a sale pushed to any server process reaches
 * every process's dashboards.
 */
export function streamDashboardHints(
  c: Context,
  deps: { readonly live: LiveHub; readonly clock: Clock; readonly heartbeatMs: number },
  storeIds: readonly string[],
): Response {
  return streamSSE(c, async (stream) => {
    let chain = Promise.resolve();
    const send = (message: SSEMessage) => {
      chain = chain
        .then(() => stream.writeSSE(message))
        .catch(() => {
          stream.abort();
        });
    };
    const now = () => new Date(deps.clock.now()).toISOString();
    const resync = (reason: 'connected' | 'hints-lost') => {
      send({ event: 'resync', data: JSON.stringify({ reason, serverTime: now() }) });
    };
    // The hub delivers per store; a reader of many stores holds one subscription per store, and
    // the reference scope's hints (which every subscription also hears) are not about sales.
    const unsubscribes = storeIds.map((storeId) =>
      deps.live.subscribe(
        storeId,
        (poke) => {
          if (poke.collection === 'sales') {
            send({ event: 'sale', data: JSON.stringify({ storeId, seq: poke.seq }) });
          }
        },
        () => {
          resync('hints-lost');
        },
      ),
    );
    const unsubscribeAll = () => {
      for (const unsubscribe of unsubscribes.splice(0)) unsubscribe();
    };
    stream.onAbort(() => {
      unsubscribeAll();
    });
    resync('connected');
    await heartbeatUntilAborted(stream, deps.heartbeatMs, () => {
      send({ event: 'heartbeat', data: JSON.stringify({ serverTime: now() }) });
    });
    unsubscribeAll();
    await chain;
  });
}
