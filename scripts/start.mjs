// `pnpm start`: runs every part of Kiryana that exists, on one machine, with embedded PGlite and
// demo data unless DATABASE_URL is set. Each part is a child process; output passes through, and
// when one part stops the others are stopped too.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** @type {{ name: string, cwd: string, args: string[], env?: Record<string, string> }[]} */
const PARTS = [
  {
    name: 'sync-server',
    cwd: `${ROOT}apps/sync-server`,
    // tsx as a loader in the same process: signals reach the server directly.
    args: ['--import', 'tsx', 'src/server.ts'],
  },
  {
    name: 'admin-web',
    cwd: `${ROOT}apps/admin-web`,
    // Vite's dev server on http://localhost:5173 (the redirect URI the embedded sign-in allows by
    // default), forwarding /v1 to the sync server; production serves the build under /admin.
    args: ['node_modules/vite/bin/vite.js', '--port', '5173', '--strictPort'],
    env: { KIRYANA_API_URL: `http://localhost:${process.env.PORT ?? '8787'}` },
  },
  {
    name: 'terminal',
    cwd: `${ROOT}apps/terminal`,
    // The cashier terminal in a browser tab: the built renderer, the SQLite storage host and a
    // proxy to the sync server, on http://127.0.0.1:5180.
    args: ['--import', 'tsx', 'src/serve/serve-cli.ts'],
    env: { TERMINAL_PORT: '5180' },
  },
];

const children = new Map();
let stopping = false;

function stopAll(signal) {
  stopping = true;
  for (const child of children.values()) if (child.exitCode === null) child.kill(signal);
}

for (const part of PARTS) {
  const child = spawn(process.execPath, part.args, {
    cwd: part.cwd,
    env: { ...process.env, ...part.env },
    stdio: 'inherit',
  });
  children.set(part.name, child);
  child.on('exit', (code, signal) => {
    children.delete(part.name);
    if (!stopping && (code !== 0 || signal)) {
      console.error(`${part.name} stopped (${signal ?? `exit ${code}`}); stopping the rest.`);
      process.exitCode = code || 1;
      stopAll('SIGTERM');
    }
    if (children.size === 0) process.exit(process.exitCode ?? 0);
  });
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => stopAll(signal));
}
