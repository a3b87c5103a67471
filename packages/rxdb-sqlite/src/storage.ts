import { resolve } from 'node:path';
import { ensureRxStorageInstanceParamsAreCorrect, RXDB_VERSION } from 'rxdb/plugins/core';
import type {
  RxDocumentData,
  RxJsonSchema,
  RxStorage,
  RxStorageInstanceCreationParams,
} from 'rxdb/plugins/core';
import { acquireConnection, releaseConnection } from './connection';
import { assertDatabaseKey, type DatabaseKey } from './encryption/cipher';
import { attachmentsUnsupported, settle } from './errors';
import {
  RxStorageInstanceSQLite,
  type SQLiteInstanceOptions,
  type SQLiteInternals,
} from './instance';
import { purgeStoredDocuments } from './purge';
import type { PurgeRequest, PurgeResult } from './purge-request';
import { layoutFor } from './schema-sql';
import { collectionTable, type CollectionTable } from './table';

/**
 * Where the data lives. `databaseDir`: one file per RxDatabase, `<dir>/<databaseName>.sqlite`
 * (the usual choice: the app's data folder). `filename`: every RxDatabase in one file, tables
 * prefixed with the database name. `encryptionKey`: 32 random bytes that encrypt the files
 * (SQLCipher 4 format; a plain file is encrypted on first open), or null for plain files. It is
 * required so that leaving a terminal's data in the clear is a visible choice.
 */
export type SQLiteStorageSettings = ({ databaseDir: string } | { filename: string }) & {
  encryptionKey: DatabaseKey | null;
};

/** The RxStorage returned by getRxStorageSQLite. */
export type RxStorageSQLite = RxStorage<SQLiteInternals, SQLiteInstanceOptions> & {
  readonly settings: SQLiteStorageSettings;
  /** The SQLite file that holds the given RxDatabase. */
  filenameFor(databaseName: string): string;
  /** Deletes documents without a tombstone or change event (purge-request.ts says when). */
  purgeDocuments(request: PurgeRequest): PurgeResult;
};

/** Keeps a database name usable as a file name on every OS (percent-encodes the rest). */
function fileSafe(name: string): string {
  return name.replace(
    /[^A-Za-z0-9._-]/g,
    (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0'),
  );
}

/**
 * An RxDB storage on better-sqlite3: one table per collection, a real SQL index per RxDB index,
 * WAL with synchronous=FULL, one transaction per bulkWrite. Attachments are not supported.
 *
 * @example
 * const db = await createRxDatabase({
 *   name: 'terminal',
 *   storage: getRxStorageSQLite({ databaseDir: app.getPath('userData'), encryptionKey }),
 * });
 */
export function getRxStorageSQLite(settings: SQLiteStorageSettings): RxStorageSQLite {
  if (settings.encryptionKey !== null) assertDatabaseKey(settings.encryptionKey);
  // Absolute paths, so that two spellings of one file share one connection and change feed.
  const filenameFor = (databaseName: string): string =>
    'filename' in settings
      ? resolve(settings.filename)
      : resolve(settings.databaseDir, fileSafe(databaseName) + '.sqlite');
  return {
    name: 'sqlite-kiryana',
    rxdbVersion: RXDB_VERSION,
    settings,
    filenameFor,
    purgeDocuments: (request) =>
      purgeStoredDocuments(
        {
          filename: filenameFor(request.databaseName),
          key: settings.encryptionKey,
          tablePrefix: 'filename' in settings ? request.databaseName + '__' : '',
        },
        request,
      ),
    createStorageInstance<RxDocType>(
      params: RxStorageInstanceCreationParams<RxDocType, SQLiteInstanceOptions>,
    ): Promise<RxStorageInstanceSQLite<RxDocType>> {
      return settle(() => {
        ensureRxStorageInstanceParamsAreCorrect(params);
        if (params.schema.attachments) throw attachmentsUnsupported(params.collectionName);
        const schema = params.schema as RxJsonSchema<RxDocumentData<unknown>>;
        const prefix = 'filename' in settings ? params.databaseName + '__' : '';
        const layout = layoutFor(schema, prefix + params.collectionName);
        const connection = acquireConnection(
          filenameFor(params.databaseName),
          settings.encryptionKey,
        );
        let table: CollectionTable;
        try {
          table = collectionTable(connection, layout, params.collectionName, schema.version);
        } catch (error) {
          releaseConnection(connection);
          throw error;
        }
        return new RxStorageInstanceSQLite<RxDocType>(
          params.databaseName,
          params.collectionName,
          params.schema,
          params.options,
          connection,
          layout,
          table,
        );
      });
    },
  };
}
