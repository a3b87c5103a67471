import { spawn } from 'node:child_process';
import { mkdir, readdir, rename, rm, rmdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

/**
 * The compiled server (scripts/build.mjs) for tests and the fleet simulator on a clean checkout:
 * `ensureServerBuild()` builds apps/sync-server/dist once when it is missing or older than its
 * sources, and is safe when several test processes call it at once: builders take turns on a
 * lock folder, build into a temporary folder and move it in file by file with renames, so
 * nobody sees half a file and a running server keeps the chunks it may still load. Exported as `@kiryana/sync-server/server-build`.
 */

const APP_DIR = fileURLToPath(new URL('../..', import.meta.url));
const DIST = join(APP_DIR, 'dist');
/** What a finished build holds, written last by scripts/build.mjs. */
const STAMP = join(DIST, 'build.json');
const LOCK = join(APP_DIR, '.dist-build.lock');
/** A lock older than this was left by a builder that died (a build takes about a second). */
const STALE_LOCK_MS = 60_000;
/** What the bundle is made of: this app's code and migrations, the shared package, the script. */
const SOURCES = [
  join(APP_DIR, 'src'),
  join(APP_DIR, 'scripts/build.mjs'),
  join(APP_DIR, '../../packages/shared/src'),
];

/** The compiled server's entry. */
const COMPILED_SERVER_ENTRY = join(DIST, 'server.mjs');

/** Builds dist/ unless it is whole and newer than every source; returns the server entry. */
export async function ensureServerBuild(): Promise<string> {
  if (await isFresh()) return COMPILED_SERVER_ENTRY;
  await withLock(async () => {
    // Another process may have built it while this one waited.
    if (await isFresh()) return;
    const tmp = join(APP_DIR, `.dist-${String(process.pid)}-${Date.now().toString(36)}`);
    await run(process.execPath, [join(APP_DIR, 'scripts/build.mjs'), '--out', tmp]);
    try {
      await moveInto(tmp, DIST);
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
  });
  return COMPILED_SERVER_ENTRY;
}

/**
 * Moves a finished build into dist/ file by file (each rename atomic), chunks before the entries
 * that import them and the stamp last. Files of the previous build stay: a server started from
 * it may still import one of its chunks lazily (NATS, PGlite, the background work), and swapping
 * the whole folder would pull them from under it. Only migrations no longer shipped go, or
 * /readyz would wait for them forever.
 */
async function moveInto(from: string, to: string): Promise<void> {
  await mkdir(join(to, 'migrations'), { recursive: true });
  const migrations = await readdir(join(from, 'migrations'));
  for (const name of migrations) {
    await rename(join(from, 'migrations', name), join(to, 'migrations', name));
  }
  for (const name of await readdir(join(to, 'migrations'))) {
    if (!migrations.includes(name)) await rm(join(to, 'migrations', name), { force: true });
  }
  // Entries have fixed names (scripts/build.mjs); chunks, shared or loaded by import(), a hash.
  const entry = /^(server|cli|telemetry|webhook-dispatcher-child)\.mjs(\.map)?$/;
  const rank = (name: string) => (name === 'build.json' ? 2 : entry.test(name) ? 1 : 0);
  const files = (await readdir(from)).filter((name) => name !== 'migrations');
  files.sort((a, b) => rank(a) - rank(b));
  for (const name of files) await rename(join(from, name), join(to, name));
}

/** Whether dist/ is whole and no source changed after it was built. */
async function isFresh(): Promise<boolean> {
  let builtMs: number;
  try {
    builtMs = (await stat(STAMP)).mtimeMs;
  } catch {
    return false;
  }
  for (const source of SOURCES) {
    if ((await newestChange(source)) > builtMs) return false;
  }
  return true;
}

/** The newest modification time under `path`, tests left out (they are not in the bundle). */
async function newestChange(path: string): Promise<number> {
  const info = await stat(path);
  if (!info.isDirectory()) return info.mtimeMs;
  // A folder's own time changes when a file is added, renamed or deleted in it.
  let newest = info.mtimeMs;
  for (const entry of await readdir(path, { withFileTypes: true })) {
    if (entry.isFile() && entry.name.endsWith('.test.ts')) continue;
    newest = Math.max(newest, await newestChange(join(path, entry.name)));
  }
  return newest;
}

/** Runs `fn` holding the lock folder (mkdir is atomic); a stale lock is broken. */
async function withLock(fn: () => Promise<void>): Promise<void> {
  for (;;) {
    try {
      await mkdir(LOCK);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const age = await stat(LOCK).then(
        (info) => Date.now() - info.mtimeMs,
        () => 0,
      );
      if (age > STALE_LOCK_MS) await rmdir(LOCK).catch(() => undefined);
      else await sleep(100);
    }
  }
  try {
    await fn();
  } finally {
    await rmdir(LOCK).catch(() => undefined);
  }
}

function run(command: string, args: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: APP_DIR, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (text: string) => {
      stderr += text;
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`server build failed (${String(code)}):\n${stderr}`));
    });
  });
}
