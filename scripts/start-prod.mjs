// `pnpm start:prod`: the compiled system, as production runs it. Builds the sync server (always:
// it takes about a second) and the admin web (`vite build`, only when its build is missing or
// older than its sources), then runs `node dist/server.mjs`, which serves the admin web under
// /admin. Same environment as `pnpm start` (no DATABASE_URL: embedded PGlite with demo data), but
// one process and no dev servers; `pnpm start` stays the development set-up.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SERVER_DIR = join(ROOT, 'apps/sync-server');
const ADMIN_DIR = join(ROOT, 'apps/admin-web');
/** What the admin web's build is made of: its own files and the workspace packages it bundles. */
const ADMIN_SOURCES = [
  join(ADMIN_DIR, 'src'),
  join(ADMIN_DIR, 'index.html'),
  join(ADMIN_DIR, 'vite.config.ts'),
  join(ADMIN_DIR, 'package.json'),
  join(ROOT, 'packages/shared/src'),
  join(ROOT, 'packages/sync-client/src'),
];

/**
 * The newest modification time under `path` (0 when absent).
 * @param {string} path
 * @returns {Promise<number>}
 */
async function newestChange(path) {
  const info = await stat(path).catch(() => undefined);
  if (!info) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const name of await readdir(path)) {
    newest = Math.max(newest, await newestChange(join(path, name)));
  }
  return newest;
}

/**
 * Starts node with `args` in `cwd`, output passed through.
 * @param {string[]} args
 * @param {string} cwd
 * @returns {import('node:child_process').ChildProcess}
 */
function runNode(args, cwd) {
  return spawn(process.execPath, args, { cwd, stdio: ['ignore', 'inherit', 'inherit'] });
}

/**
 * @param {import('node:child_process').ChildProcess} child
 * @returns {Promise<number>}
 */
function exitOf(child) {
  return new Promise((resolve) => {
    child.once('exit', (code, signal) => {
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

async function buildAdminWebIfStale() {
  const built = await stat(join(ADMIN_DIR, 'dist/index.html')).then(
    (info) => info.mtimeMs,
    () => 0,
  );
  let newest = 0;
  for (const source of ADMIN_SOURCES) newest = Math.max(newest, await newestChange(source));
  if (built > newest) {
    process.stderr.write('admin web: build is up to date\n');
    return;
  }
  process.stderr.write('admin web: vite build …\n');
  const code = await exitOf(runNode(['node_modules/vite/bin/vite.js', 'build'], ADMIN_DIR));
  if (code !== 0) throw new Error(`the admin web's vite build failed (exit ${String(code)})`);
}

try {
  const built = await exitOf(runNode(['scripts/build.mjs'], SERVER_DIR));
  if (built !== 0) throw new Error(`the sync server's build failed (exit ${String(built)})`);
  await buildAdminWebIfStale();
} catch (error) {
  process.stderr.write(
    `pnpm start:prod: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
}

// OpenTelemetry's start-up module goes first when built: without an OTLP endpoint configured it
// does nothing (docs/operations.md).
const telemetry = join(SERVER_DIR, 'dist/telemetry.mjs');
const server = runNode(
  [...(existsSync(telemetry) ? ['--import', telemetry] : []), 'dist/server.mjs'],
  SERVER_DIR,
);
// Forwarded, and `on`: a second Ctrl+C while the server drains must not kill this process first.
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
  process.on(signal, () => {
    if (server.exitCode === null) server.kill(signal);
  });
}
process.exit(await exitOf(server));
