import type { Context } from 'hono';
import type { LiveHub } from '../../http/app-env';
import { streamHintEvents } from '../../http/hint-stream';
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
  return streamHintEvents(c, deps, (sink) => {
    // The hub delivers per store; a reader of many stores holds one subscription per store, and
    // the reference scope's hints (which every subscription also hears) are not about sales.
    const unsubscribes = storeIds.map((storeId) =>
      deps.live.subscribe(
        storeId,
        (poke) => {
          if (poke.collection === 'sales') sink.send('sale', { storeId, seq: poke.seq });
        },
        () => {
          sink.resync('hints-lost');
        },
      ),
    );
    return () => {
      for (const unsubscribe of unsubscribes) unsubscribe();
    };
  });
}
