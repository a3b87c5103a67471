import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../cli';
import { migrate } from '../db/migrate';
import { openPgliteDb } from '../db/pglite-db';
import { type Env, parseEnv } from '../env';
import { createTestClock } from '../http/test-app';
import { parseFlags, resolveBackupTarget } from './backup-config';

type Run = { code: number; out: string[]; err: string[] };

/**
 * `pnpm cli backup` / `restore` on embedded PGlite, on real files: dumps, retention, a restore to
 * the newest dump before a time with a new sync epoch, and refusals. (pgBackRest on a Postgres
 * cluster is exercised by the restore drill in tools/fleet-sim.)
 */
describe('pnpm cli backup and restore on embedded PGlite', () => {
  let dir: string;
  let env: Env;
  const clock = createTestClock(Date.UTC(2026, 11, 7, 13, 0));

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kiryana-backup-'));
    env = parseEnv({ DATA_DIR: dir, BACKUP_RETENTION_FULL: '1' });
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function cli(...args: string[]): Promise<Run> {
    const run: Run = { code: 0, out: [], err: [] };
    run.code = await runCli(args, {
      env,
      clock,
      out: (line) => run.out.push(line),
      err: (line) => run.err.push(line),
    });
    return run;
  }

  /** Opens the folder as the server would, adds a scope when told, and answers every epoch. */
  async function scopes(add?: string): Promise<Map<string, string>> {
    const db = await openPgliteDb(env.pgliteDir);
    try {
      await migrate(db);
      if (add) await db.query('SELECT sync_reset_epoch($1)', [add]);
      const { rows } = await db.query<{ scope: string; epoch: string }>(
        'SELECT scope, epoch FROM sync_scope ORDER BY scope',
      );
      return new Map(rows.map((r) => [r.scope, r.epoch]));
    } finally {
      await db.close();
    }
  }

  it('dumps, keeps the retention, and restores the newest dump before a time with a new epoch', async () => {
    await scopes('store:early');
    const first = await cli('backup');
    expect(first.code).toBe(0);
    expect(first.out[0]).toMatch(/^Dumped to .*pglite-2026-12-07T13-00-00\.000Z\.tar\.gz/);

    clock.advance(60_000);
    const atSecond = await scopes('store:late');
    expect((await cli('backup')).code).toBe(0);
    // Two dumps taken, one kept (BACKUP_RETENTION_FULL=1): the older went.
    const info = await cli('backup', 'info');
    expect(info.out).toHaveLength(1);
    expect(info.out[0]).toContain('2026-12-07T13:01:00.000Z');
    expect(await readdir(join(dir, 'backups'))).toHaveLength(1);

    // Nothing before 13:01 is kept any more.
    const tooEarly = await cli('restore', '--to', '2026-12-07T13:00:30Z');
    expect(tooEarly.code).toBe(1);
    expect(tooEarly.err[0]).toContain('no dump');

    await scopes('store:after-last-dump');
    clock.advance(60_000);
    const restored = await cli('restore', '--to', '2026-12-07T13:01:30Z');
    expect(restored.code).toBe(0);
    expect(restored.out[0]).toContain('Restored the dump of 2026-12-07T13:01:00.000Z');
    const now = await scopes();
    expect([...now.keys()]).toEqual(['ref', 'store:early', 'store:late']);
    // Every scope has a new epoch: terminals re-pull and reconcile.
    for (const [scope, epoch] of now) expect(epoch).not.toBe(atSecond.get(scope));
    // The replaced folder is kept aside, with what came after the dump.
    const aside = restored.out.find((line) => line.startsWith('The replaced data folder'));
    const asideDir = aside?.replace(/^.* in /, '').replace(/\.$/, '') ?? '';
    expect(existsSync(asideDir)).toBe(true);
    const db = await openPgliteDb(env.pgliteDir);
    try {
      const { rows } = await db.query<{ method: string; scopes_reset: number }>(
        'SELECT method, scopes_reset FROM database_restores',
      );
      expect(rows).toEqual([{ method: 'pglite-dump', scopes_reset: 3 }]);
    } finally {
      await db.close();
    }
  }, 180_000);

  it('refuses while a server holds the folder, and rejects malformed times', async () => {
    // A live process other than this one holds the folder (the owner check ignores its own pid).
    await writeFile(
      join(dir, 'server.json'),
      JSON.stringify({ pid: process.ppid, url: 'http://127.0.0.1:1', startedAt: '' }),
    );
    try {
      const backup = await cli('backup');
      expect(backup.code).toBe(1);
      expect(backup.err[0]).toContain('BACKUP_PGLITE_EVERY');
      const restore = await cli('restore', '--to', '2026-12-07T12:00:00Z');
      expect(restore.code).toBe(1);
      expect(restore.err[0]).toContain('stop it to restore it');
    } finally {
      await rm(join(dir, 'server.json'));
    }
    for (const to of ['yesterday', '2026-13-45T00:00:00Z', '2099-01-01T00:00:00Z']) {
      const run = await cli('restore', '--to', to);
      expect(run.code).toBe(1);
      expect(run.err[0]).toMatch(/Usage|future/);
    }
    expect((await cli('restore')).err[0]).toContain('Usage');
  });
});

describe('backup settings for a Postgres deployment', () => {
  it('names every missing setting with its variable and flag', () => {
    const env = parseEnv({ DATABASE_URL: 'postgres://kiryana@db.example:6543/kiryana' });
    expect(() => resolveBackupTarget(env, parseFlags([]))).toThrow(
      /--repo \(BACKUP_REPO\)[\s\S]*--pg-data \(BACKUP_PG_DATA\)/,
    );
    expect(() =>
      resolveBackupTarget(env, parseFlags(['--repo', '/r', '--pg-data', '/d', '--pg-port', 'x'])),
    ).toThrow(/--pg-port \(BACKUP_PG_PORT\)/);
  });

  it('takes the port and socket from DATABASE_URL, flags over the environment', () => {
    const env = parseEnv({
      DATABASE_URL: 'postgres://kiryana@localhost:6543/kiryana?host=/run/pg',
      BACKUP_REPO: '/var/lib/pgbackrest',
      BACKUP_PG_DATA: '/var/lib/postgresql/15/main',
      BACKUP_RUN_AS: 'postgres',
    });
    expect(resolveBackupTarget(env, parseFlags(['--stanza=main']))).toEqual({
      kind: 'pgbackrest',
      settings: {
        stanza: 'main',
        repo: '/var/lib/pgbackrest',
        pgData: '/var/lib/postgresql/15/main',
        pgPort: 6543,
        pgSocket: '/run/pg',
        retentionFull: 2,
        runAs: 'postgres',
      },
    });
  });
});
