import { resolve } from 'node:path';
import { ensureRxStorageInstanceParamsAreCorrect, RXDB_VERSION } from 'rxdb/plugins/core';
import type {
  RxDocumentData,
  RxJsonSchema,
  RxStorage,
  RxStorageInstanceCreationParams,
} from 'rxdb/plugins/core';
import { acquireConnection, releaseConnection, type Connection } from './connection';
import { attachmentsUnsupported, settle } from './errors';
import {
  RxStorageInstanceSQLite,
  type SQLiteInstanceOptions,
  type SQLiteInternals,
} from './instance';
import { createTableSql, layoutFor, type TableLayout } from './schema-sql';

/**
 * Where the data lives. `databaseDir`: one file per RxDatabase, `<dir>/<databaseName>.sqlite`
 * (the usual choice: the app's data folder). `filename`: every RxDatabase in one file, tables
 * prefixed with the database name.
 */
export type SQLiteStorageSettings = { databaseDir: string } | { filename: string };

/** The RxStorage returned by getRxStorageSQLite. */
export type RxStorageSQLite = RxStorage<SQLiteInternals, SQLiteInstanceOptions> & {
  readonly settings: SQLiteStorageSettings;
  /** The SQLite file that holds the given RxDatabase. */
  filenameFor(databaseName: string): string;
};

/** Keeps a database name usable as a file name on every OS (percent-encodes the rest). */
function fileSafe(name: string): string {
  return name.replace(
    /[^A-Za-z0-9._-]/g,
    (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0'),
  );
}

function readIndexList(connection: Connection, table: string): string | undefined {
  const row = connection.db
    .prepare('SELECT index_list FROM rxdb_collections WHERE table_name = ?')
    .get(table) as { index_list: string } | undefined;
  return row?.index_list;
}

/**
 * Creates the collection's table and indexes unless the catalogue already has them (then it is
 * a single read). The DDL commits with synchronous=NORMAL: no fsync for an empty table, which
 * is recreated if a power cut loses it; the next FULL commit fsyncs the WAL and with it every
 * earlier frame, so nothing acknowledged ever depends on an unsynced DDL.
 */
function ensureTable(
  connection: Connection,
  layout: TableLayout,
  collectionName: string,
  version: number,
): void {
  const { db } = connection;
  const indexList = JSON.stringify(layout.indexes.map((i) => i.fields));
  const check = (existing: string | undefined): void => {
    if (existing !== undefined && existing !== indexList) {
      throw new Error(
        `SQLite storage: table ${layout.table} was created with indexes ${existing}, ` +
          `but schema version ${version} of "${collectionName}" now declares ${indexList}. ` +
          'Changing indexes needs a new schema version (RxDB migration).',
      );
    }
  };
  const known = readIndexList(connection, layout.table);
  check(known);
  if (known !== undefined) return;
  db.pragma('synchronous = NORMAL');
  try {
    db.transaction(() => {
      const existing = readIndexList(connection, layout.table);
      check(existing);
      if (existing !== undefined) return;
      for (const statement of createTableSql(layout)) db.exec(statement);
      db.prepare(
        'INSERT INTO rxdb_collections (table_name, collection_name, schema_version, index_list) ' +
          'VALUES (?, ?, ?, ?)',
      ).run(layout.table, collectionName, version, indexList);
    }).immediate();
  } finally {
    db.pragma('synchronous = FULL');
  }
}

/**
 * An RxDB storage on better-sqlite3: one table per collection, a real SQL index per RxDB index,
 * WAL with synchronous=FULL, one transaction per bulkWrite. Attachments are not supported.
 *
 * @example
 * const db = await createRxDatabase({
 *   name: 'terminal',
 *   storage: getRxStorageSQLite({ databaseDir: app.getPath('userData') }),
 * });
 */
export function getRxStorageSQLite(settings: SQLiteStorageSettings): RxStorageSQLite {
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
    createStorageInstance<RxDocType>(
      params: RxStorageInstanceCreationParams<RxDocType, SQLiteInstanceOptions>,
    ): Promise<RxStorageInstanceSQLite<RxDocType>> {
      return settle(() => {
        ensureRxStorageInstanceParamsAreCorrect(params);
        if (params.schema.attachments) throw attachmentsUnsupported(params.collectionName);
        const schema = params.schema as RxJsonSchema<RxDocumentData<unknown>>;
        const prefix = 'filename' in settings ? params.databaseName + '__' : '';
        const layout = layoutFor(schema, prefix + params.collectionName);
        const connection = acquireConnection(filenameFor(params.databaseName));
        try {
          ensureTable(connection, layout, params.collectionName, schema.version);
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
        );
      });
    },
  };
}
