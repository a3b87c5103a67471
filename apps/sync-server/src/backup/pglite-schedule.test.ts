import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openPgliteDb } from '../db/pglite-db';
import { testDatabases } from '../testing/test-databases';
import { listPgliteDumps } from './pglite-backup';
import { startPgliteBackups } from './pglite-schedule';

const pglite = testDatabases().filter((d) => d.name === 'pglite');

describe.each(pglite)('scheduled dumps of embedded $name', (database) => {
  it('dumps the open database on its schedule, keeps the newest, and a dump opens', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kiryana-dumps-'));
    const db = await database.open();
    const logged: string[] = [];
    try {
      await db.query("SELECT sync_reset_epoch('store:scheduled')");
      const stop = startPgliteBackups(db, {
        dir,
        everyMs: 300,
        keep: 2,
        logger: {
          info: (_fields: unknown, message?: string) => logged.push(message ?? ''),
          error: (_fields: unknown, message?: string) => logged.push(`error: ${message ?? ''}`),
        } as never,
      });
      const deadline = Date.now() + 60_000;
      while (logged.filter((m) => m === 'PGlite backup dumped').length < 3) {
        if (Date.now() > deadline) throw new Error(`only ${logged.join(', ')} in time`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      await stop();
      expect(logged.some((m) => m.startsWith('error'))).toBe(false);
      // Three or more dumps taken, the newest two kept.
      const dumps = await listPgliteDumps(dir);
      expect(dumps).toHaveLength(2);
      const newest = dumps.at(-1);
      if (!newest) throw new Error('no dump');
      const copy = await openPgliteDb(undefined, {
        loadDataDir: new Blob([await readFile(newest.file)]),
      });
      try {
        const { rows } = await copy.query<{ scope: string }>(
          "SELECT scope FROM sync_scope WHERE scope = 'store:scheduled'",
        );
        expect(rows).toEqual([{ scope: 'store:scheduled' }]);
      } finally {
        await copy.close();
      }
    } finally {
      await db.close();
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
