/**
 * Encrypts a plain database file in place, for the first start of a terminal whose database
 * was written before encryption. Crash-safe by construction: the plain file stays untouched
 * (apart from SQLite folding its WAL in) until a complete, verified, fsynced encrypted copy
 * replaces it with one atomic rename. A crash before the rename leaves the plain file, which
 * the next start migrates again (a leftover copy is discarded); a crash after it leaves the
 * encrypted file. At no moment is there neither.
 *
 * Assumes no other process has the file open, which holds for the terminal: only its main
 * process (or the browser host) opens the database.
 */
import Database from 'better-sqlite3-multiple-ciphers';
import {
  closeSync,
  copyFileSync,
  existsSync,
  fsyncSync,
  openSync,
  renameSync,
  rmSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { applyKey, rawKeyText, selectSqlCipher, type DatabaseKey } from './cipher';

/** The points a migration passes, in order (a test crashes it right after each). */
export const MIGRATION_STEPS = [
  'checkpointed',
  'copied',
  'encrypted',
  'verified',
  'replaced',
] as const;

/** One of MIGRATION_STEPS. */
export type MigrationStep = (typeof MIGRATION_STEPS)[number];

const SIDE_FILES = ['', '-journal', '-wal', '-shm'];

function inUse(filename: string): Error {
  return new Error(`SQLite storage: ${filename} is in use by another process; not encrypting it`);
}

function removeCopy(copy: string): void {
  for (const suffix of SIDE_FILES) rmSync(copy + suffix, { force: true });
}

/** Rows per table, to prove the encrypted copy holds what the plain file held. */
function countRows(db: Database.Database): Record<string, number> {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    .pluck()
    .all() as string[];
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const quoted = '"' + table.replaceAll('"', '""') + '"';
    counts[table] = db.prepare(`SELECT count(*) FROM ${quoted}`).pluck().get() as number;
  }
  return counts;
}

function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Replaces the plain SQLite file at `filename` by an encrypted one with the same content.
 * `onStep` is called after each step (tests crash there).
 */
export function encryptPlainFile(
  filename: string,
  key: DatabaseKey,
  onStep: (step: MigrationStep) => void = () => {},
): void {
  const copy = `${filename}.encrypting`;
  // A copy left by an interrupted migration is worthless: the plain file is still the truth.
  removeCopy(copy);

  // 1. Fold the WAL (possibly left by a crash) into the file and leave WAL mode, so the file
  //    alone holds every committed row and no -wal of the plain file survives the swap.
  const plain = new Database(filename, { timeout: 10_000 });
  let expected: Record<string, number>;
  try {
    const mode = plain.pragma('journal_mode = DELETE', { simple: true });
    if (mode !== 'delete') throw inUse(filename);
    expected = countRows(plain);
  } finally {
    plain.close();
  }
  for (const suffix of ['-wal', '-journal']) {
    if (existsSync(filename + suffix)) throw inUse(filename);
  }
  rmSync(filename + '-shm', { force: true });
  onStep('checkpointed');

  // 2. Work on a copy: the plain file stays the one to open until the end.
  copyFileSync(filename, copy);
  onStep('copied');

  // 3. Encrypt the copy. Rekeying a plain file makes room for the IV and HMAC in every page,
  //    which the library does with a VACUUM (itself journaled, so a crash leaves a copy that is
  //    simply discarded next time).
  const encrypting = new Database(copy);
  try {
    selectSqlCipher(encrypting);
    encrypting.pragma(`rekey = ${rawKeyText(key)}`);
  } catch (error) {
    encrypting.close();
    removeCopy(copy);
    throw error;
  } finally {
    if (encrypting.open) encrypting.close();
  }
  onStep('encrypted');

  // 4. Verify with a fresh connection and the key: readable, intact, and every row there.
  const check = new Database(copy, { readonly: true });
  try {
    applyKey(check, key);
    const integrity = check.pragma('quick_check', { simple: true });
    const counts = countRows(check);
    if (integrity !== 'ok' || JSON.stringify(counts) !== JSON.stringify(expected)) {
      check.close();
      removeCopy(copy);
      throw new Error(
        `SQLite storage: encrypting ${filename} did not give the same rows ` +
          `(${JSON.stringify(counts)} instead of ${JSON.stringify(expected)}, check: ${String(integrity)}); ` +
          'the plain file is kept',
      );
    }
  } finally {
    if (check.open) check.close();
  }
  fsyncPath(copy);
  onStep('verified');

  // 5. The swap: one rename, then the folder's entry made durable (not possible on Windows,
  //    where the rename is durable when MoveFileEx returns).
  renameSync(copy, filename);
  if (process.platform !== 'win32') fsyncPath(dirname(filename));
  onStep('replaced');
}
