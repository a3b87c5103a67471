/**
 * The host side of a purge (purge-request.ts): deletes rows by primary key in one immediate
 * transaction, fsynced like every write. Nothing is published on the change hub: RxDB must not
 * see a delete (it would replicate it), and storage instances read SQL, not a cache, so the next
 * read of any instance simply no longer finds the rows.
 */
import { acquireConnection, releaseConnection } from './connection';
import type { DatabaseKey } from './encryption/cipher';
import { isPurgeRequest, type PurgeRequest, type PurgeResult } from './purge-request';
import { quoteIdent, tableNameFor } from './schema-sql';

/** Where a database's tables live (from the storage's settings). */
export type PurgeTarget = {
  readonly filename: string;
  readonly key: DatabaseKey | null;
  /** Table name prefix: the database name when every database shares one file. */
  readonly tablePrefix: string;
};

/** Deletes the named documents; a collection never written (no table) purges nothing. */
export function purgeStoredDocuments(target: PurgeTarget, request: PurgeRequest): PurgeResult {
  if (!isPurgeRequest(request)) throw new Error('SQLite storage: malformed purge request');
  const connection = acquireConnection(target.filename, target.key);
  try {
    const { db } = connection;
    let purged = 0;
    db.transaction(() => {
      for (const entry of request.collections) {
        const table = tableNameFor(target.tablePrefix + entry.collectionName, entry.schemaVersion);
        if (entry.ids.length === 0 || connection.catalogue.indexList(table) === undefined) continue;
        purged += db
          .prepare(`DELETE FROM ${quoteIdent(table)} WHERE id IN (SELECT value FROM json_each(?))`)
          .run(JSON.stringify(entry.ids)).changes;
      }
    }).immediate();
    return { purged };
  } finally {
    releaseConnection(connection);
  }
}

/**
 * The `customRequestHandler` for RxDB's remote storage host: answers purge requests and refuses
 * anything else (the renderer is the only sender; an unknown request is a bug, not a no-op).
 */
export function storageRequestHandler(storage: {
  purgeDocuments(request: PurgeRequest): PurgeResult;
}): (data: unknown) => Promise<PurgeResult> {
  return (data) => {
    if (!isPurgeRequest(data)) {
      return Promise.reject(new Error('SQLite storage: unknown custom request'));
    }
    try {
      return Promise.resolve(storage.purgeDocuments(data));
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  };
}
