/**
 * Encryption of a database file with SQLite3 Multiple Ciphers (better-sqlite3-multiple-ciphers)
 * in its SQLCipher 4 scheme: AES-256-CBC per page with a random IV, an HMAC-SHA512 per page
 * (a changed or swapped page fails to read), page 1 encrypted too except its 16-byte salt. The
 * WAL holds pages in the same encrypted form, so nothing reaches the disk in the clear.
 *
 * The key is 32 random bytes handed over raw (`raw:<hex>`), which skips SQLCipher's PBKDF2 of a
 * passphrase (256,000 rounds, ~0.1 s per open): it is not a password, and its protection is
 * where it is kept (the OS keystore on a terminal). The same file opens in SQLCipher 4 with
 * `PRAGMA key = "x'<hex>'"`.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import { closeSync, openSync, readSync } from 'node:fs';

type Db = Database.Database;

/** A database key: 32 random bytes. */
export type DatabaseKey = Uint8Array;

/** Length of a database key in bytes (AES-256). */
export const DATABASE_KEY_BYTES = 32;

/** The error of a file that cannot be opened with the key given (or without one). */
export class DatabaseKeyError extends Error {
  override name = 'DatabaseKeyError';
}

/** Throws unless the key is 32 bytes. */
export function assertDatabaseKey(key: DatabaseKey): void {
  // Checked at run time too: a JavaScript caller may pass anything, and a missing key must not
  // silently mean a plain file.
  if (!(key instanceof Uint8Array)) {
    throw new Error('SQLite storage: encryptionKey must be 32 bytes, or null for a plain file');
  }
  if (key.length !== DATABASE_KEY_BYTES) {
    throw new Error(
      `SQLite storage: the encryption key must be ${DATABASE_KEY_BYTES} bytes (got ${key.length})`,
    );
  }
}

/** Selects the SQLCipher 4 scheme for the next key or rekey on this connection. */
export function selectSqlCipher(db: Db): void {
  db.pragma("cipher = 'sqlcipher'");
  // legacy = 4: the SQLCipher 4 file format exactly (page 1 encrypted after the salt). The
  // library's own default (legacy = 0) would leave bytes 16-23 of the header in the clear.
  db.pragma('legacy = 4');
}

/** The text the library reads as a raw 32-byte key, bypassing the passphrase KDF. */
export function rawKeyText(key: DatabaseKey): string {
  return `'raw:${Buffer.from(key).toString('hex')}'`;
}

/** Makes a new connection read and write the file encrypted with `key`; before any read. */
export function applyKey(db: Db, key: DatabaseKey): void {
  selectSqlCipher(db);
  db.pragma(`key = ${rawKeyText(key)}`);
}

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * What is on disk at `filename`: nothing yet (missing or empty), a plain SQLite file (its
 * header starts with the SQLite magic), or anything else, which for us is an encrypted file
 * (SQLCipher puts a random salt where the magic would be).
 */
export function fileKind(filename: string): 'new' | 'plain' | 'encrypted' {
  let fd: number;
  try {
    fd = openSync(filename, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'new';
    throw error;
  }
  try {
    const head = Buffer.alloc(SQLITE_MAGIC.length);
    const read = readSync(fd, head, 0, head.length, 0);
    if (read === 0) return 'new';
    return read === head.length && head.equals(SQLITE_MAGIC) ? 'plain' : 'encrypted';
  } finally {
    closeSync(fd);
  }
}

/** Whether two keys (or two absences of a key) are the same. */
export function sameKey(a: DatabaseKey | null, b: DatabaseKey | null): boolean {
  if (a === null || b === null) return a === b;
  return Buffer.from(a).equals(Buffer.from(b));
}
