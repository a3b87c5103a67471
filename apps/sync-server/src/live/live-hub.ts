import { type PokeEvent, isSyncCollection } from '@kiryana/shared';
import type { AdminHint, LiveHub } from '../http/app-env';
import type { Db } from '../db/db';
import { REF_SCOPE, storeScope } from '../db/sync-scopes';

/**
 * Stream hints across server processes through Postgres LISTEN/NOTIFY (PGlite's listen in the
 * embedded set-up). One channel carries every hint with its scope in the payload: each process
 * keeps a single LISTEN on its dedicated connection whatever the number of stores, and filters in
 * memory (per-scope channels would mean a LISTEN per store and names near Postgres' 63-byte limit).
 * Payloads are `{scope, collection, seq}`, never documents: a client answers a hint by pulling, so
 * a hint can be lost, repeated or reordered without losing data. When the listening connection is
 * re-established, hints sent meanwhile are gone, so every subscriber is told to resync.
 * The same channel tells every process that a device was revoked, so its streams end at once, and
 * carries the admin streams' hints (`{admin: 'stock' | 'notification', storeId, …}`), which the
 * event consumers send from whichever process handles the event.
 */

/** The NOTIFY channel of stream hints. */
export const LIVE_CHANNEL = 'kiryana_sync_hints';

type Subscriber = {
  readonly scopes: readonly string[];
  readonly onPoke: (poke: PokeEvent) => void;
  readonly onResync: () => void;
};

type AdminSubscriber = {
  readonly storeIds: ReadonlySet<string>;
  readonly onHint: (hint: AdminHint) => void;
  readonly onResync: () => void;
};

/** A message on the channel: a hint for a scope, a device's revocation (migration 0421), an admin hint. */
type LiveMessage =
  | { readonly kind: 'hint'; readonly scope: string; readonly poke: PokeEvent }
  | { readonly kind: 'revoked'; readonly deviceId: string }
  | { readonly kind: 'admin'; readonly hint: AdminHint };

function parseAdminHint(value: Record<string, unknown>): AdminHint | undefined {
  const { admin, storeId, productId, level, id } = value;
  if (typeof storeId !== 'string') return undefined;
  if (admin === 'stock' && typeof productId === 'string' && Number.isSafeInteger(level)) {
    return { kind: 'stock', storeId, productId, level: level as number };
  }
  if (admin === 'notification' && typeof id === 'string')
    return { kind: 'notification', storeId, id };
  return undefined;
}

function parseMessage(payload: string): LiveMessage | undefined {
  try {
    const value = JSON.parse(payload) as Record<string, unknown>;
    const { scope, collection, seq, revokedDeviceId } = value;
    if (typeof revokedDeviceId === 'string') return { kind: 'revoked', deviceId: revokedDeviceId };
    if ('admin' in value) {
      const hint = parseAdminHint(value);
      return hint && { kind: 'admin', hint };
    }
    if (typeof scope !== 'string' || typeof seq !== 'string') return undefined;
    if (typeof collection !== 'string' || !isSyncCollection(collection)) return undefined;
    return { kind: 'hint', scope, poke: { collection, seq } };
  } catch {
    return undefined;
  }
}

/** Starts listening on `db` and returns the hub; resolves once the LISTEN is active. */
export async function createLiveHub(
  db: Db,
  options: { readonly onError?: (error: unknown) => void } = {},
): Promise<Required<LiveHub>> {
  const subscribers = new Set<Subscriber>();
  const adminSubscribers = new Set<AdminSubscriber>();
  const deviceWatchers = new Map<string, Set<() => void>>();
  const safely = (fn: () => void) => {
    try {
      fn();
    } catch (error) {
      options.onError?.(error);
    }
  };
  const unlisten = await db.listen(
    LIVE_CHANNEL,
    (payload) => {
      const hint = parseMessage(payload);
      if (!hint) return;
      if (hint.kind === 'revoked') {
        for (const onRevoked of deviceWatchers.get(hint.deviceId) ?? []) safely(onRevoked);
        return;
      }
      if (hint.kind === 'admin') {
        for (const subscriber of adminSubscribers) {
          if (subscriber.storeIds.has(hint.hint.storeId))
            safely(() => {
              subscriber.onHint(hint.hint);
            });
        }
        return;
      }
      for (const subscriber of subscribers) {
        if (subscriber.scopes.includes(hint.scope))
          safely(() => {
            subscriber.onPoke(hint.poke);
          });
      }
    },
    () => {
      for (const subscriber of subscribers) safely(subscriber.onResync);
      for (const subscriber of adminSubscribers) safely(subscriber.onResync);
    },
  );
  // Hints published in the same tick (a push announces up to three collections) leave in one
  // statement: one round trip instead of three, outside any transaction.
  let batch: { payloads: string[]; sent: Promise<void> } | undefined;
  const flush = async (payloads: string[]) => {
    await db.query('SELECT pg_notify($1, payload) FROM unnest($2::text[]) AS payload', [
      LIVE_CHANNEL,
      payloads,
    ]);
  };
  const send = (payload: string) => {
    if (!batch) {
      const payloads: string[] = [];
      const sent = new Promise<void>((resolve) => {
        setImmediate(resolve);
      }).then(() => {
        batch = undefined;
        return flush(payloads);
      });
      batch = { payloads, sent };
    }
    batch.payloads.push(payload);
    return batch.sent;
  };
  return {
    publish(scope, collection, seq) {
      return send(JSON.stringify({ scope, collection, seq }));
    },
    publishAdmin(hint) {
      const { kind, ...fields } = hint;
      return send(JSON.stringify({ admin: kind, ...fields }));
    },
    subscribeAdmin(storeIds, onHint, onResync) {
      const subscriber: AdminSubscriber = { storeIds: new Set(storeIds), onHint, onResync };
      adminSubscribers.add(subscriber);
      return () => {
        adminSubscribers.delete(subscriber);
      };
    },
    subscribe(storeId, onPoke, onResync) {
      const subscriber: Subscriber = { scopes: [REF_SCOPE, storeScope(storeId)], onPoke, onResync };
      subscribers.add(subscriber);
      return () => {
        subscribers.delete(subscriber);
      };
    },
    watchDevice(deviceId, onRevoked) {
      const watchers = deviceWatchers.get(deviceId) ?? new Set<() => void>();
      deviceWatchers.set(deviceId, watchers);
      // A wrapper per call: the same function watched twice is unwatched once per call.
      const watcher = () => {
        onRevoked();
      };
      watchers.add(watcher);
      return () => {
        watchers.delete(watcher);
        if (watchers.size === 0 && deviceWatchers.get(deviceId) === watchers) {
          deviceWatchers.delete(deviceId);
        }
      };
    },
    async close() {
      subscribers.clear();
      adminSubscribers.clear();
      deviceWatchers.clear();
      await unlisten();
    },
  };
}
