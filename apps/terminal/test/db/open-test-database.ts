import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getRxStorageSQLite } from '@kiryana/rxdb-sqlite';
import { createUuidV7Generator, type Clock } from '@kiryana/shared';
import { openTerminalDatabase, type TerminalDatabase } from '../../src/renderer/db/database';

/** A terminal database on a real SQLite file in a fresh temp folder, and a clock tests can move. */
export type TestDatabase = {
  readonly db: TerminalDatabase;
  readonly dir: string;
  readonly clock: Clock & { set(iso: string): void; advance(ms: number): void };
  readonly newId: () => string;
  /** Closes the database and removes its folder. */
  close(): Promise<void>;
  /** Closes and reopens the same file, as a restart would. */
  reopen(): Promise<TerminalDatabase>;
};

/** Opens a terminal database for a test. */
export async function openTestDatabase(
  startIso = '2026-04-01T04:30:00.000Z',
): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'kiryana-terminal-'));
  // Encrypted, as on a terminal: the tests run on the storage that ships.
  const storage = getRxStorageSQLite({ databaseDir: dir, encryptionKey: randomBytes(32) });
  let nowMs = Date.parse(startIso);
  const clock = {
    now: () => nowMs,
    set: (iso: string) => {
      nowMs = Date.parse(iso);
    },
    advance: (ms: number) => {
      nowMs += ms;
    },
  };
  let counter = 0;
  const newId = createUuidV7Generator({
    clock,
    random: (bytes) => {
      counter += 1;
      bytes.fill(counter % 256);
    },
  });
  let db = await openTerminalDatabase({ storage, name: 'terminal' });
  return {
    get db() {
      return db;
    },
    dir,
    clock,
    newId,
    async close() {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
    async reopen() {
      await db.close();
      db = await openTerminalDatabase({ storage, name: 'terminal' });
      return db;
    },
  };
}
