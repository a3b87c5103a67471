import Database from 'better-sqlite3';
import { mkdirSync, rmSync } from 'node:fs';
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
  // Switching a new file to WAL and creating the catalogue carry no user data: no fsync (a file
  // a power cut loses here is simply created again). From then on every commit is FULL: the WAL
  // is fsynced before a bulkWrite is acknowledged, so it survives power loss, not only a crash.
  db.pragma('synchronous = NORMAL');
  db.pragma('journal_mode = WAL');
  db.exec(CATALOGUE_SQL);
  db.pragma('synchronous = FULL');
  // A bulk insert touches one B-tree per RxDB index; a 64 MiB page cache keeps them in memory
  // for the whole transaction instead of spilling pages to the WAL halfway.
  db.pragma('cache_size = -65536');
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

/** Deletes a closed database file with its WAL and shared-memory files. */
export function removeDatabaseFiles(filename: string): void {
  if (OPEN.has(filename)) return;
  for (const suffix of ['', '-wal', '-shm']) rmSync(filename + suffix, { force: true });
}
