import type { Context } from 'hono';
import type { LiveHub } from '../../http/app-env';
import { streamHintEvents } from '../../http/hint-stream';
import type { Clock } from '@kiryana/shared';

/**
 * `GET /v1/admin/dashboard/stream`: Server-Sent Events telling an open admin web what changed in
 * the reader's stores, so it refetches (or patches) at once instead of polling. Sale hints carry
 * no figures (the refetch goes through the same scoped query as the first load):
 * - `resync` first, and again when hints may have been lost: refetch everything;
 * - `sale` `{storeId, seq}` after a push of sales to a store in `sales:read` scope commits;
 * - `stock` `{storeId, productId, level}` when a product's level changed in a store in
 *   `stock:read` scope (the level as stored when the hint left; the stock screen shows it);
 * - `notification` `{storeId, id}` when a low-stock alert was raised there (refetch the list);
 * - `heartbeat` every `heartbeatMs`, so proxies keep the connection and the client sees it alive.
 * Hints come from the LiveHub (LISTEN/NOTIFY), so a change on any server process (stock and
 * alert hints come from the event consumers, wherever they run) reaches every process's streams.
 */
export function streamDashboardHints(
  c: Context,
  deps: { readonly live: LiveHub; readonly clock: Clock; readonly heartbeatMs: number },
  reach: { readonly saleStoreIds: readonly string[]; readonly stockStoreIds: readonly string[] },
): Response {
  return streamHintEvents(c, deps, (sink) => {
    const resync = () => {
      sink.resync('hints-lost');
    };
    // The hub delivers per store; a reader of many stores holds one subscription per store, and
    // the reference scope's hints (which every subscription also hears) are not about sales.
    const unsubscribes = reach.saleStoreIds.map((storeId) =>
      deps.live.subscribe(
        storeId,
        (poke) => {
          if (poke.collection === 'sales') sink.send('sale', { storeId, seq: poke.seq });
        },
        resync,
      ),
    );
    if (deps.live.subscribeAdmin && reach.stockStoreIds.length > 0) {
      unsubscribes.push(
        deps.live.subscribeAdmin(
          reach.stockStoreIds,
          (hint) => {
            const { kind, ...data } = hint;
            sink.send(kind, data);
          },
          // One resync per lost connection is enough when the sale subscriptions send one.
          reach.saleStoreIds.length > 0 ? () => undefined : resync,
        ),
      );
    }
    return () => {
      for (const unsubscribe of unsubscribes) unsubscribe();
    };
  });
}
