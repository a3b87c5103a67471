// `pnpm start` on ports of its own: the plan wires every part to the others' ports, and the whole
// system started as the README starts it (stdin /dev/null, no TTY, PGlite in a temp DATA_DIR)
// answers on those ports, accepts the admin web's sign-in redirect there, and stops cleanly.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlan } from './start-parts.mjs';

const START = fileURLToPath(new URL('./start.mjs', import.meta.url));

/** @returns {Promise<number>} a free loopback port */
async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/**
 * @param {string} url
 * @param {() => string} output
 * @param {number} timeoutMs
 */
async function waitForAnswer(url, output, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(url);
      if (response.ok) return response;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer:\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

describe('startPlan', () => {
  it('gives each part its port and the addresses of the others', () => {
    const plan = startPlan({ PORT: '9101', ADMIN_PORT: '9102', TERMINAL_PORT: '9103' });
    expect(plan.ports).toEqual({ server: 9101, admin: 9102, terminal: 9103 });
    expect(plan.parts.map((part) => [part.name, part.env, part.url])).toEqual([
      [
        'sync-server',
        { PORT: '9101', ADMIN_REDIRECT_URIS: 'http://localhost:9102/auth/callback' },
        'http://localhost:9101/healthz',
      ],
      [
        'admin-web',
        { ADMIN_PORT: '9102', KIRYANA_API_URL: 'http://localhost:9101' },
        'http://localhost:9102/',
      ],
      [
        'terminal',
        { TERMINAL_PORT: '9103', SYNC_SERVER_URL: 'http://127.0.0.1:9101' },
        'http://127.0.0.1:9103/',
      ],
    ]);
    expect(plan.parts[1]?.args.slice(1)).toEqual(['--port', '9102', '--strictPort']);
  });

  it('keeps the defaults and redirect URIs the operator configured', () => {
    const plan = startPlan({ ADMIN_REDIRECT_URIS: 'https://admin.example.in/auth/callback' });
    expect(plan.ports).toEqual({ server: 8787, admin: 5173, terminal: 5180 });
    expect(plan.parts[0]?.env.ADMIN_REDIRECT_URIS).toBe(
      'https://admin.example.in/auth/callback,http://localhost:5173/auth/callback',
    );
  });

  it('refuses a port that is not one, naming the variable', () => {
    expect(() => startPlan({ ADMIN_PORT: '5173x' })).toThrow(
      'ADMIN_PORT=5173x: a port number from 1 to 65535',
    );
  });
});

describe('pnpm start on other ports, without a terminal attached', () => {
  /** @type {import('node:child_process').ChildProcess} */
  let child;
  let output = '';
  /** @type {string} */
  let dir;
  /** @type {{ server: number, admin: number, terminal: number }} */
  const ports = { server: 0, admin: 0, terminal: 0 };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kiryana-start-'));
    ports.server = await freePort();
    ports.admin = await freePort();
    ports.terminal = await freePort();
    const env = { ...process.env };
    delete env.DATABASE_URL;
    child = spawn(process.execPath, [START], {
      env: {
        ...env,
        PORT: String(ports.server),
        ADMIN_PORT: String(ports.admin),
        TERMINAL_PORT: String(ports.terminal),
        DATA_DIR: join(dir, 'server'),
        TERMINAL_DATA_DIR: join(dir, 'terminal'),
        LOG_LEVEL: 'warn',
      },
      // stdin from /dev/null and pipes for output: no TTY anywhere, as in CI or `</dev/null`.
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk) => (output += String(chunk)));
    child.stderr?.on('data', (chunk) => (output += String(chunk)));
  });

  afterAll(async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers on the three ports, wires sign-in and CORS to the admin port, and stops on SIGTERM', async () => {
    const readOutput = () => output;
    const health = await waitForAnswer(
      `http://127.0.0.1:${ports.server}/healthz`,
      readOutput,
      240_000,
    );
    expect(health.status).toBe(200);
    const admin = await waitForAnswer(`http://localhost:${ports.admin}/`, readOutput, 60_000);
    expect(await admin.text()).toContain('<div id="root">');
    // The first start builds the renderer before the terminal listens.
    await waitForAnswer(`http://127.0.0.1:${ports.terminal}/`, readOutput, 240_000);
    const config = await (await fetch(`http://127.0.0.1:${ports.terminal}/config.json`)).json();
    expect(config.defaultServerUrl).toBe(`http://127.0.0.1:${ports.server}`);

    // The embedded sign-in sends the browser on to its form only for a registered redirect URI.
    const adminOrigin = `http://localhost:${ports.admin}`;
    const authorize = await fetch(
      `http://localhost:${ports.server}/oidc/auth?${new URLSearchParams({
        client_id: 'kiryana-admin',
        response_type: 'code',
        redirect_uri: `${adminOrigin}/auth/callback`,
        scope: 'openid api',
        code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
        code_challenge_method: 'S256',
      }).toString()}`,
      { redirect: 'manual' },
    );
    expect([authorize.status, authorize.headers.get('location')]).toEqual([
      303,
      expect.stringMatching(/^\/oidc\/interaction\//),
    ]);
    const preflight = await fetch(`http://localhost:${ports.server}/v1/stores`, {
      method: 'OPTIONS',
      headers: { origin: adminOrigin, 'access-control-request-method': 'GET' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBe(adminOrigin);

    const exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    await expect(fetch(`http://127.0.0.1:${ports.server}/healthz`)).rejects.toThrow();
    await expect(fetch(`http://127.0.0.1:${ports.terminal}/`)).rejects.toThrow();
  });
});
