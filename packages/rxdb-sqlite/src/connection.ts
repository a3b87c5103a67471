import type Database from 'better-sqlite3-multiple-ciphers';
import { mkdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { sameKey, type DatabaseKey } from './encryption/cipher';
import { openDatabaseFile } from './encryption/open-database-file';
import { CATALOGUE_SQL } from './schema-sql';

type Db = Database.Database;

/** A shared better-sqlite3 connection, counted so the last instance to close it closes it. */
export type Connection = {
  filename: string;
  /** The file's encryption key; null for a plain file. */
  key: DatabaseKey | null;
  db: Db;
  refs: number;
  /**
   * Runs `work` (which commits) with synchronous=NORMAL: its commit is not fsynced on its own
   * but by the next FULL commit, which fsyncs the WAL and with it every earlier frame. Only for
   * commits that no caller is told are durable (RxDB's own metadata, an empty table).
   */
  withoutFsync: <T>(work: () => T) => T;
  /** The `rxdb_collections` catalogue: which index list each table was created with. */
  catalogue: {
    indexList: (table: string) => string | undefined;
    record: (table: string, collectionName: string, version: number, indexList: string) => void;
  };
};

const OPEN = new Map<string, Connection>();

/**
 * Opens (or reuses) the connection to one SQLite file, encrypted with `key` (a plain file is
 * encrypted first) or plain when `key` is null. All storage instances of a process that use
 * the same file share one connection: better-sqlite3 is synchronous, so sharing it means no
 * two transactions of this process ever interleave.
 */
export function acquireConnection(filename: string, key: DatabaseKey | null): Connection {
  const existing = OPEN.get(filename);
  if (existing) {
    if (!sameKey(existing.key, key)) {
      throw new Error(`SQLite storage: ${filename} is already open with another key`);
    }
    existing.refs++;
    return existing;
  }
  mkdirSync(dirname(filename), { recursive: true });
  const db = openDatabaseFile(filename, key);
  // The catalogue carries no user data, so its commit is NORMAL (a power cut that loses it loses
  // nothing; it is created again). From then on every commit is FULL: the WAL is fsynced before
  // a bulkWrite is acknowledged, so it survives power loss, not only a crash.
  // A bulk insert touches one B-tree per RxDB index; a 64 MiB page cache keeps them in memory
  // for the whole transaction instead of spilling pages to the WAL halfway.
  db.exec(
    `PRAGMA synchronous = NORMAL; PRAGMA journal_mode = WAL; ${CATALOGUE_SQL}; ` +
      'PRAGMA synchronous = FULL; PRAGMA cache_size = -65536',
  );
  const selectIndexList = db
    .prepare('SELECT index_list FROM rxdb_collections WHERE table_name = ?')
    .pluck();
  const insertCatalogue = db.prepare(
    'INSERT INTO rxdb_collections (table_name, collection_name, schema_version, index_list) ' +
      'VALUES (?, ?, ?, ?)',
  );
  const connection: Connection = {
    filename,
    key,
    db,
    refs: 1,
    withoutFsync: (work) => {
      // exec, not a prepared statement: SQLite applies this pragma when it compiles it, so
      // re-running a prepared copy would not set it again.
      db.exec('PRAGMA synchronous = NORMAL');
      try {
        return work();
      } finally {
        db.exec('PRAGMA synchronous = FULL');
      }
    },
    catalogue: {
      indexList: (table) => selectIndexList.get(table) as string | undefined,
      record: (table, collectionName, version, indexList) => {
        insertCatalogue.run(table, collectionName, version, indexList);
      },
    },
  };
  OPEN.set(filename, connection);
  return connection;
}

/** Drops one reference; closes the file when nobody uses it anymore. */
export function releaseConnection(connection: Connection): void {
  connection.refs--;
  if (connection.refs > 0) return;
  OPEN.delete(connection.filename);
  if (connection.db.open) connection.db.close();
}

/** Deletes a closed database file with its WAL and shared-memory files. */
export function removeDatabaseFiles(filename: string): void {
  if (OPEN.has(filename)) return;
  for (const suffix of ['', '-wal', '-shm']) rmSync(filename + suffix, { force: true });
}
