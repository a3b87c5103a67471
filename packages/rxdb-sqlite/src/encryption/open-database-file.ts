/**
 * Opens a database file as the storage needs it: with a key, encrypted (a plain file from
 * before encryption is migrated first); without one, plain. A key that does not fit, or an
 * encrypted file opened without a key, fails here with an error naming the file, before any
 * table is touched, rather than later as SQLite's bare "file is not a database".
 */
import Database from 'better-sqlite3-multiple-ciphers';
import { applyKey, DatabaseKeyError, fileKind, type DatabaseKey } from './cipher';
import { encryptPlainFile } from './encrypt-plain-file';

/** How long a statement waits for another process's lock before SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 10_000;

function isNotADatabase(error: unknown): boolean {
  return (error as { code?: unknown }).code === 'SQLITE_NOTADB';
}

/** Opens `filename` (created if missing) with `key`, or plain when `key` is null. */
export function openDatabaseFile(filename: string, key: DatabaseKey | null): Database.Database {
  const kind = fileKind(filename);
  if (key === null) {
    if (kind === 'encrypted') {
      throw new DatabaseKeyError(`SQLite storage: ${filename} is encrypted; open it with its key`);
    }
    return new Database(filename, { timeout: BUSY_TIMEOUT_MS });
  }
  if (kind === 'plain') encryptPlainFile(filename, key);
  // Two attempts: a process that keyed a still-empty file picked its own salt, so if another
  // process created the file in the meantime, its pages do not verify; opened again, the salt
  // is read from the file. A second failure is the key's.
  for (let attempt = 1; ; attempt++) {
    const db = new Database(filename, { timeout: BUSY_TIMEOUT_MS });
    try {
      applyKey(db, key);
      db.prepare('SELECT count(*) FROM sqlite_master').get();
      return db;
    } catch (error) {
      db.close();
      if (!isNotADatabase(error)) throw error;
      if (kind !== 'new' || attempt === 2) {
        throw new DatabaseKeyError(
          `SQLite storage: ${filename} cannot be decrypted with this key ` +
            '(a wrong key, or not a database of this app)',
        );
      }
    }
  }
}
