import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { CATALOGUE_SQL } from './schema-sql';

type Db = Database.Database;

/** A shared better-sqlite3 connection, counted so the last instance to close it closes it. */
export type Connection = {
  filename: string;
  db: Db;
  refs: number;
};

const OPEN = new Map<string, Connection>();

/**
 * Opens (or reuses) the connection to one SQLite file. All storage instances of a process that
 * use the same file share one connection: better-sqlite3 is synchronous, so sharing it means
 * no two transactions of this process ever interleave.
 */
export function acquireConnection(filename: string): Connection {
  const existing = OPEN.get(filename);
  if (existing) {
    existing.refs++;
    return existing;
  }
  mkdirSync(dirname(filename), { recursive: true });
  const db = new Database(filename, { timeout: 10_000 });
  // WAL lets readers run beside the writer; synchronous=FULL fsyncs the WAL on every commit,
  // so an acknowledged bulkWrite survives power loss, not only a process crash.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  // A bulk insert touches one B-tree per RxDB index; a 64 MiB page cache keeps them in memory
  // for the whole transaction instead of spilling pages to the WAL halfway.
  db.pragma('cache_size = -65536');
  db.pragma('synchronous = NORMAL'); // see ensureTable in storage.ts: DDL needs no fsync
  db.exec(CATALOGUE_SQL);
  db.pragma('synchronous = FULL');
  const connection: Connection = { filename, db, refs: 1 };
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
