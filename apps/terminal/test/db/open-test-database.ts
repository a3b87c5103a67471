import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getRxStorageSQLite } from '@kiryana/rxdb-sqlite';
import { createUuidV7Generator, type Clock } from '@kiryana/shared';
import { openTerminalDatabase, type TerminalDatabase } from '../../src/renderer/db/database';
import { createSerialQueue } from '../../src/renderer/db/invoice-series';
import type { CompleteBillDeps } from '../../src/renderer/features/billing/complete-bill';
import type { MovementMeta } from '../../src/renderer/features/stock/stock-documents';

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

/** What completing bills and returns needs at the test counter (store-1, device-1). */
export function counterDepsOf(t: TestDatabase): CompleteBillDeps & { returnSeriesCode: string } {
  return {
    // A getter: `reopen` replaces the database, and the counter must use the new one.
    get db() {
      return t.db;
    },
    clock: t.clock,
    newId: t.newId,
    storeId: 'store-1',
    terminalId: 'device-1',
    seriesCode: 'BLR1T1',
    returnSeriesCode: 'T1RBLR',
    serially: createSerialQueue(),
  };
}

/** Who and when stock movements are made at the test counter. */
export function movementMetaOf(t: TestDatabase): MovementMeta {
  return {
    storeId: 'store-1',
    terminalId: 'device-1',
    createdAt: '2026-04-01T04:30:00.000Z',
    newId: t.newId,
  };
}
