import { businessDate, INDIA_TIME_ZONE } from '@kiryana/shared';
import { purgeDocuments, type PurgeRequest } from '@kiryana/rxdb-sqlite/purge-request';
import {
  _collectionNamePrimary,
  getPrimaryKeyOfInternalDocument,
  INTERNAL_CONTEXT_COLLECTION,
  uncacheRxQuery,
  countRxQuerySubscribers,
  type RxCollection,
} from 'rxdb/plugins/core';
import type { TerminalDatabase } from './database';

/**
 * Local history retention (issue 22, item 3): sales, returns and stock movements whose business
 * date is more than a window (the `historyRetentionDays` setting, 90 days by default) in the past
 * are forgotten by the terminal once the server has them. The server keeps every fact; a return
 * of a forgotten bill fetches it from there (features/returns/find-bill.ts).
 *
 * Why a storage purge and not RxDB's `remove()`: removing writes a tombstone, and the sales and
 * movements replications push tombstones to the server as deletes, while facts are insert-only
 * there. The purge (`@kiryana/rxdb-sqlite/purge-request`) deletes the rows inside the SQLite
 * storage, over the same IPC / websocket the storage already uses, with no tombstone and no
 * change event, so no replication ever sees it: the push side only reads changes after its
 * checkpoint, and a forgotten fact that a later full re-pull (an epoch reset) brings back is simply
 * forgotten again. The replication's per-document meta rows (RxDB keeps the server's state of
 * every replicated document in a connected "rx-replication-meta-…" collection, as large as the
 * document) go in the same transaction, or half the space would stay taken. Then RxDB's memory
 * caches of the collection drop what they hold (documents by id, cached query results), which
 * would otherwise still answer with the forgotten documents.
 *
 * Transfers, purchase orders and their steps (the `documents` collection) are never forgotten
 * here: open ones are folded with pending steps on screen and in the counter's stock, and the
 * server tombstones the rows of closed ones itself, so this run leaves that collection alone.
 *
 * What is never forgotten: anything in the outbox (not confirmed by the server), and anything of
 * the last `MIN_RETENTION_DAYS` days: the open business day and every day the sync session's
 * reconciliation compares with the server (its 30 days). The terminal has no shift documents
 * yet; when they come, an open shift's facts must be excluded here too. A pull already under way
 * when a run forgets a fact may write it back (RxDB finds no local copy); the next run forgets it
 * again, so nothing here waits for replication to be idle.
 */

/** Days of history a fresh terminal keeps. */
export const DEFAULT_RETENTION_DAYS = 90;
/** The shortest window: longer than the 30 days the sync session reconciles with the server. */
export const MIN_RETENTION_DAYS = 35;

const DAY_MS = 86_400_000;
/** Facts forgotten per purge (one short SQLite transaction, then the counter gets its turn). */
const DEFAULT_BATCH = 200;

type FactCollection = 'sales' | 'stock-movements';
const FACT_COLLECTIONS: readonly FactCollection[] = ['sales', 'stock-movements'];

/** What one retention run forgot. */
export type RetentionOutcome = {
  /** The first business date still kept. */
  readonly keptFrom: string;
  readonly purged: Readonly<Record<FactCollection, number>>;
  /** False when the storage cannot purge (the memory storage of development mode). */
  readonly supported: boolean;
};

/** How a run is paced and dated. */
export type RetentionOptions = {
  readonly nowMs: number;
  readonly retentionDays: number;
  /** The store's time zone (business dates); India by default. */
  readonly timeZone?: string;
  /** Facts per purge; 200 by default. */
  readonly batchSize?: number;
  /** Awaited between batches: where billing gets the storage back (idle time in the app). */
  readonly pause?: () => Promise<void>;
};

/** The window in days: the setting, never below MIN_RETENTION_DAYS. */
const windowDays = (retentionDays: number): number =>
  Math.max(MIN_RETENTION_DAYS, Math.floor(retentionDays));

/** The first business date kept for `retentionDays` (never fewer than MIN_RETENTION_DAYS). */
function firstKeptDate(nowMs: number, retentionDays: number, timeZone: string): string {
  return businessDate(new Date(nowMs - windowDays(retentionDays) * DAY_MS), timeZone);
}

type FactDoc = { id: string; createdAt: string; businessDate?: string };

/** The replication meta collections RxDB connected to `collection` (one per replication). */
async function metaCollectionsOf(
  db: TerminalDatabase,
  collection: RxCollection,
): Promise<{ collectionName: string; schemaVersion: number }[]> {
  const key = getPrimaryKeyOfInternalDocument(
    _collectionNamePrimary(collection.name, collection.schema.jsonSchema),
    INTERNAL_CONTEXT_COLLECTION,
  );
  const [doc] = await db.internalStore.findDocumentsById([key], false);
  const connected = (doc?.data as { connectedStorages?: unknown } | undefined)?.connectedStorages;
  if (!Array.isArray(connected)) return [];
  return (connected as { collectionName: string; schema: { version: number } }[]).map((row) => ({
    collectionName: row.collectionName,
    schemaVersion: row.schema.version,
  }));
}

/** Drops forgotten documents from RxDB's memory: the document cache and every cached query. */
function forgetInMemory(collection: RxCollection, ids: readonly string[]): void {
  for (const id of ids) collection._docCache.cacheItemByDocId.delete(id);
  for (const query of [...collection._queryCache._map.values()]) {
    // A query nobody watches goes; a watched one re-reads the storage at its next update
    // instead of reducing change events onto results that still hold forgotten documents.
    if (countRxQuerySubscribers(query) === 0) uncacheRxQuery(collection._queryCache, query);
    else query._latestChangeEvent = -1;
  }
}

/**
 * Forgets old synced facts, a batch at a time, oldest first (by `createdAt`, indexed). A sale's
 * age is its business date; a movement's is the business date of its `createdAt`.
 * @example
 * await pruneLocalHistory(db, { nowMs: clock.now(), retentionDays: 90 });
 */
export async function pruneLocalHistory(
  db: TerminalDatabase,
  options: RetentionOptions,
): Promise<RetentionOutcome> {
  const timeZone = options.timeZone ?? INDIA_TIME_ZONE;
  const keptFrom = firstKeptDate(options.nowMs, options.retentionDays, timeZone);
  const purged: Record<FactCollection, number> = { sales: 0, 'stock-movements': 0 };
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  // Every fact older than keptFrom was created before this instant: its business day ended
  // when keptFrom began, which is no later than the window ago.
  const before = new Date(options.nowMs - windowDays(options.retentionDays) * DAY_MS).toISOString();
  const pending = new Set((await db.outbox.find().exec()).map((entry) => entry.id));
  for (const name of FACT_COLLECTIONS) {
    const collection = db[name] as unknown as RxCollection<FactDoc>;
    const metas = await metaCollectionsOf(db, collection);
    for (;;) {
      // Unsynced old facts come first in this order and are skipped: fetch enough to get past them.
      const limit = batchSize + pending.size;
      const docs = await collection
        .find({ selector: { createdAt: { $lt: before } }, sort: [{ createdAt: 'asc' }], limit })
        .exec();
      const ids = docs
        .map((doc) => doc.toJSON() as FactDoc)
        .filter((doc) => !pending.has(doc.id))
        .filter(
          (doc) => (doc.businessDate ?? businessDate(new Date(doc.createdAt), timeZone)) < keptFrom,
        )
        .slice(0, batchSize)
        .map((doc) => doc.id);
      if (ids.length === 0) break;
      const request: PurgeRequest = {
        type: 'kiryana-purge',
        databaseName: db.name,
        collections: [
          { collectionName: name, schemaVersion: collection.schema.version, ids },
          // RxDB's meta row id: the document id and the "not a checkpoint" flag, joined by '|'.
          ...metas.map((meta) => ({ ...meta, ids: ids.map((id) => `${id}|0`) })),
        ],
      };
      const result = await purgeDocuments(db.storage, request);
      if (result === undefined) return { keptFrom, purged, supported: false };
      forgetInMemory(collection, ids);
      purged[name] += ids.length;
      // Nothing deleted would mean the same batch again: stop rather than loop.
      if (result.purged === 0 || docs.length < limit) break;
      await options.pause?.();
    }
  }
  return { keptFrom, purged, supported: true };
}
