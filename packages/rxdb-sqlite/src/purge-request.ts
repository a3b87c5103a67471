/**
 * Purging documents outright, without RxDB knowing: the row is gone from the storage, no
 * tombstone is written and no change event is emitted. RxDB's own `remove()` writes a tombstone,
 * which a replication pushes to its server as a delete; a terminal that forgets old synced sales
 * must not tell the server to delete them (facts are insert-only there). So a purge is a storage
 * operation, reached through RxDB's documented extension point for remote storages
 * (`customRequest` on the client, `customRequestHandler` on the host / Electron main process),
 * or called directly on the storage in the same process. The caller decides what is safe to
 * forget (only documents every replication already has) and clears RxDB's in-memory caches.
 * This file is browser-safe: the renderer imports it.
 */
import type { RxStorage } from 'rxdb/plugins/core';

/** The most ids one request may name: a purge is one SQLite transaction, kept short. */
export const MAX_PURGE_IDS = 5_000;

/** Which documents of which collections (one schema version each) of one database to purge. */
export type PurgeRequest = {
  readonly type: 'kiryana-purge';
  readonly databaseName: string;
  readonly collections: readonly {
    readonly collectionName: string;
    readonly schemaVersion: number;
    /** Primary key values. */
    readonly ids: readonly string[];
  }[];
};

/** How many stored rows a purge deleted. */
export type PurgeResult = { readonly purged: number };

/** True when `value` is a well-formed purge request (the host gets it from a renderer). */
export function isPurgeRequest(value: unknown): value is PurgeRequest {
  const request = value as Partial<PurgeRequest> | null;
  if (request === null || typeof request !== 'object') return false;
  if (request.type !== 'kiryana-purge' || typeof request.databaseName !== 'string') return false;
  if (!Array.isArray(request.collections)) return false;
  let total = 0;
  for (const entry of request.collections as unknown[]) {
    const c = entry as Partial<PurgeRequest['collections'][number]> | null;
    if (c === null || typeof c !== 'object') return false;
    if (typeof c.collectionName !== 'string' || !Number.isSafeInteger(c.schemaVersion)) {
      return false;
    }
    if (!Array.isArray(c.ids) || !c.ids.every((id) => typeof id === 'string')) return false;
    total += c.ids.length;
  }
  return total <= MAX_PURGE_IDS;
}

/** A storage that can purge in this process (the SQLite storage itself). */
type DirectPurge = { purgeDocuments(request: PurgeRequest): PurgeResult };
/** A remote storage (Electron IPC, the websocket host): RxDB's custom request. */
type RemotePurge = { customRequest(data: unknown): Promise<unknown> };

/**
 * Purges through whatever `storage` is: the SQLite storage in this process, or a remote one whose
 * host runs this package's handler. Resolves to undefined for a storage that cannot purge (the
 * memory storage of development mode, which forgets everything on reload anyway).
 * @example
 * await purgeDocuments(db.storage, { type: 'kiryana-purge', databaseName: db.name, collections });
 */
export async function purgeDocuments(
  storage: RxStorage<unknown, unknown>,
  request: PurgeRequest,
): Promise<PurgeResult | undefined> {
  if ('purgeDocuments' in storage)
    return (storage as unknown as DirectPurge).purgeDocuments(request);
  if (!('customRequest' in storage)) return undefined;
  const answer = (await (storage as unknown as RemotePurge).customRequest(request)) as
    Partial<PurgeResult> | undefined;
  return { purged: typeof answer?.purged === 'number' ? answer.purged : 0 };
}
