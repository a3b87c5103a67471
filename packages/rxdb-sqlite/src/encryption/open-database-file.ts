/**
 * Opens a database file as the storage needs it: with a key, encrypted (a plain file from
 * before encryption is migrated first); without one, plain. A key that does not fit, or an
 * encrypted file opened without a key, fails here with an error naming the file, before any
 * table is touched, rather than later as SQLite's bare "file is not a database".
 */
import Database from 'better-sqlite3-multiple-ciphers';
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, linkSync, openSync, rmSync } from 'node:fs';
import { applyKey, DatabaseKeyError, fileKind, type DatabaseKey } from './cipher';
import { encryptPlainFile } from './encrypt-plain-file';

/** How long a statement waits for another process's lock before SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 10_000;

function isNotADatabase(error: unknown): boolean {
  return (error as { code?: unknown }).code === 'SQLITE_NOTADB';
}

/**
 * Creates a new encrypted file atomically: written and fsynced under a private name, then linked
 * into place (a link fails if the name exists). Processes racing to create one file would
 * otherwise each key the empty file with a salt of their own, and all but the first to write
 * page 1 would then fail to read it.
 */
function createEncryptedFile(filename: string, key: DatabaseKey): void {
  const temp = `${filename}.${process.pid}-${randomBytes(4).toString('hex')}.new`;
  try {
    const db = new Database(temp);
    try {
      applyKey(db, key);
      // Writes page 1 (with the salt) in WAL mode, as the storage will use the file.
      db.pragma('journal_mode = WAL');
    } finally {
      db.close();
    }
    const fd = openSync(temp, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    try {
      linkSync(temp, filename);
    } catch (error) {
      // Another process created it first: use theirs.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  } finally {
    for (const suffix of ['', '-wal', '-shm']) rmSync(temp + suffix, { force: true });
  }
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
  if (kind === 'new') createEncryptedFile(filename, key);
  const db = new Database(filename, { timeout: BUSY_TIMEOUT_MS });
  try {
    applyKey(db, key);
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    return db;
  } catch (error) {
    db.close();
    if (!isNotADatabase(error)) throw error;
    throw new DatabaseKeyError(
      `SQLite storage: ${filename} cannot be decrypted with this key ` +
        '(a wrong key, or not a database of this app)',
    );
  }
}
