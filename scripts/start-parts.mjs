// The parts `pnpm start` runs and how they find each other, kept apart from start.mjs so a test
// can run the same plan on other ports. Every address one part assumes of another (the admin web's
// sign-in redirect and CORS origin, the API the admin web forwards to, the server the terminal
// offers) follows from the three ports here, so two systems can run side by side on one machine.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Default ports: the sync server's own default, Vite's, and the browser terminal's. */
export const DEFAULT_PORTS = { server: 8787, admin: 5173, terminal: 5180 };

/**
 * A port from the environment, or the default when unset or empty.
 * @param {Record<string, string | undefined>} env
 * @param {string} name
 * @param {number} fallback
 * @returns {number}
 */
function portOf(env, name, fallback) {
  const text = env[name]?.trim();
  if (text === undefined || text === '') return fallback;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    throw new Error(`${name}=${text}: a port number from 1 to 65535`);
  }
  return port;
}

/**
 * @typedef {{ name: string, cwd: string, args: string[], env: Record<string, string>, url: string }} Part
 * @typedef {{ ports: { server: number, admin: number, terminal: number }, parts: Part[] }} StartPlan
 */

/**
 * What `pnpm start` runs for an environment: PORT (sync server), ADMIN_PORT (admin web) and
 * TERMINAL_PORT (browser terminal), each with its default.
 * @param {Record<string, string | undefined>} env
 * @returns {StartPlan}
 */
export function startPlan(env) {
  const ports = {
    server: portOf(env, 'PORT', DEFAULT_PORTS.server),
    admin: portOf(env, 'ADMIN_PORT', DEFAULT_PORTS.admin),
    terminal: portOf(env, 'TERMINAL_PORT', DEFAULT_PORTS.terminal),
  };
  const serverUrl = `http://localhost:${ports.server}`;
  const adminUrl = `http://localhost:${ports.admin}`;
  // The embedded sign-in accepts only registered redirect URIs, and their origins get CORS on the
  // API: the admin web on this port must be one of them, besides any the operator configured.
  const redirectUris = [env.ADMIN_REDIRECT_URIS?.trim(), `${adminUrl}/auth/callback`]
    .filter((uri) => uri !== undefined && uri !== '')
    .join(',');
  return {
    ports,
    parts: [
      {
        name: 'sync-server',
        cwd: `${ROOT}apps/sync-server`,
        // tsx as a loader in the same process: signals reach the server directly.
        args: ['--import', 'tsx', 'src/server.ts'],
        env: { PORT: String(ports.server), ADMIN_REDIRECT_URIS: redirectUris },
        url: `${serverUrl}/healthz`,
      },
      {
        name: 'admin-web',
        cwd: `${ROOT}apps/admin-web`,
        // Vite's dev server, forwarding /v1 to the sync server; production serves the build
        // under /admin of the sync server instead.
        args: ['node_modules/vite/bin/vite.js', '--port', String(ports.admin), '--strictPort'],
        env: { ADMIN_PORT: String(ports.admin), KIRYANA_API_URL: serverUrl },
        url: `${adminUrl}/`,
      },
      {
        name: 'terminal',
        cwd: `${ROOT}apps/terminal`,
        // The cashier terminal in a browser tab: the built renderer, the SQLite storage host and
        // a proxy to the sync server, offered as the server to enrol with on first run.
        args: ['--import', 'tsx', 'src/serve/serve-cli.ts'],
        env: {
          TERMINAL_PORT: String(ports.terminal),
          SYNC_SERVER_URL: env.SYNC_SERVER_URL?.trim() || `http://127.0.0.1:${ports.server}`,
        },
        url: `http://127.0.0.1:${ports.terminal}/`,
      },
    ],
  };
}

/**
 * Runs each part as a child process with the given environment. When one part stops on its own,
 * the others are stopped too; `done` resolves with the exit status once all have exited.
 * @param {Part[]} parts
 * @param {{ env: Record<string, string | undefined>, stdio: 'inherit' | 'pipe', log?: (line: string) => void }} options
 * @returns {{ children: Map<string, import('node:child_process').ChildProcess>, stop(signal?: NodeJS.Signals): void, done: Promise<number> }}
 */
export function runParts(parts, options) {
  /** @type {Map<string, import('node:child_process').ChildProcess>} */
  const children = new Map();
  let stopping = false;
  let status = 0;
  const log = options.log ?? ((line) => process.stderr.write(`${line}\n`));
  /** @param {NodeJS.Signals} signal */
  const stop = (signal = 'SIGTERM') => {
    stopping = true;
    for (const child of children.values()) if (child.exitCode === null) child.kill(signal);
  };
  const done = new Promise((resolve) => {
    for (const part of parts) {
      const child = spawn(process.execPath, part.args, {
        cwd: part.cwd,
        env: { ...options.env, ...part.env },
        // No part reads the keyboard: stdin is /dev/null, so nothing waits for a terminal.
        stdio: ['ignore', options.stdio, options.stdio],
      });
      children.set(part.name, child);
      child.on('exit', (code, signal) => {
        children.delete(part.name);
        if (!stopping && (code !== 0 || signal)) {
          log(`${part.name} stopped (${signal ?? `exit ${code}`}); stopping the rest.`);
          status = code || 1;
          stop('SIGTERM');
        }
        if (children.size === 0) resolve(status);
      });
    }
  });
  return { children, stop, done };
}
