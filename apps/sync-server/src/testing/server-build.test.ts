import { existsSync } from 'node:fs';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ensureServerBuild } from './server-build';

const APP_DIR = fileURLToPath(new URL('../..', import.meta.url));

describe('ensureServerBuild', () => {
  it('builds a stale dist/ once for callers racing each other, whole and with no leftovers', async () => {
    // No stamp: dist/ counts as unfinished, as after a build that died half way.
    await rm(join(APP_DIR, 'dist/build.json'), { force: true });
    const entries = await Promise.all([ensureServerBuild(), ensureServerBuild()]);
    expect(entries).toEqual([join(APP_DIR, 'dist/server.mjs'), join(APP_DIR, 'dist/server.mjs')]);
    const stamp = JSON.parse(await readFile(join(APP_DIR, 'dist/build.json'), 'utf8')) as {
      builtAt: string;
    };
    expect(Date.parse(stamp.builtAt)).toBeGreaterThan(Date.now() - 60_000);
    for (const name of ['server.mjs', 'cli.mjs', 'webhook-dispatcher-child.mjs', 'migrations']) {
      expect(existsSync(join(APP_DIR, 'dist', name))).toBe(true);
    }
    const sources = await readdir(join(APP_DIR, 'src/db/migrations'));
    expect((await readdir(join(APP_DIR, 'dist/migrations'))).sort()).toEqual(
      sources.filter((name) => name.endsWith('.sql')).sort(),
    );
    // Fresh now: another call builds nothing (the stamp stays as it is).
    await ensureServerBuild();
    expect(await readFile(join(APP_DIR, 'dist/build.json'), 'utf8')).toContain(stamp.builtAt);
    expect((await readdir(APP_DIR)).filter((name) => name.startsWith('.dist-'))).toEqual([]);
  }, 60_000);
});
