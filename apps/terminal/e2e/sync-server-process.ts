import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { configuredPgUrl, inheritedEnv, isCi } from './e2e-env';

/**
 * The real sync server for the end-to-end suites, run as its own process exactly as `pnpm start`
 * runs it (so a test can stop it and start it again on the same database), on a uniquely named
 * Postgres database that is dropped afterwards. The terminal never imports the server's code.
 */

const SERVER_DIR = fileURLToPath(new URL('../../sync-server/', import.meta.url));
const TSX = fileURLToPath(new URL('../node_modules/.bin/tsx', import.meta.url));

/** The admin URL of the test Postgres; undefined locally when unset, an error under CI. */
export function testPgUrl(): string | undefined {
  const url = configuredPgUrl;
  if (!url && isCi) {
    throw new Error('CI=true but TEST_PG_URL is not set: the end-to-end suites must run in CI');
  }
  return url;
}

/** A free loopback port. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A test database on the test Postgres. */
export type TestPostgres = { readonly url: string; drop(): Promise<void> };

/** Creates a uniquely named database. */
export async function createTestPostgres(adminUrl: string): Promise<TestPostgres> {
  const name = `kiryana_terminal_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/** A running sync server process. */
export type SyncServerProcess = {
  readonly url: string;
  /** The enrolment code the server printed for the demo store. */
  readonly demoCode: string | null;
  /** SIGTERM and wait for the process to exit. */
  stop(): Promise<void>;
};

function environment(
  databaseUrl: string,
  dataDir: string,
  port: number,
  extra: Readonly<Record<string, string>> = {},
): NodeJS.ProcessEnv {
  return {
    ...inheritedEnv(),
    ...extra,
    DATABASE_URL: databaseUrl,
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    // Fixed, so tokens stay valid across a restart of the server in the offline test.
    DEVICE_TOKEN_SECRET: 'terminal-e2e-device-token-secret-0123456789',
    HEARTBEAT_MS: '5000',
  };
}

/** Starts the server and waits until /healthz answers (the first start also seeds demo data). */
export async function startSyncServer(options: {
  databaseUrl: string;
  dataDir: string;
  port: number;
  /**
   * More settings of the server, e.g. PUBLIC_URL, ADMIN_REDIRECT_URIS and ADMIN_DIST for a suite
   * that signs in to the admin web it serves; the harness's own settings win over them.
   */
  env?: Readonly<Record<string, string>>;
}): Promise<SyncServerProcess> {
  const child: ChildProcess = spawn(TSX, ['src/server.ts'], {
    cwd: SERVER_DIR,
    env: environment(options.databaseUrl, options.dataDir, options.port, options.env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${options.port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`sync server exited:\n${output}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`sync server did not start:\n${output}`);
    }
    try {
      if ((await fetch(`${url}/healthz`)).ok && output.includes('Kiryana sync server')) break;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const demoCode = /enrolment code\s+([A-Z0-9]{5}-[A-Z0-9]{5})/.exec(output)?.[1] ?? null;
  return {
    url,
    demoCode,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) {
          resolve();
          return;
        }
        child.once('exit', () => {
          resolve();
        });
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
      }),
  };
}

/** A one-time enrolment code for a store, made with the server's CLI (`pnpm cli enroll`). */
export async function enrolmentCode(options: {
  databaseUrl: string;
  dataDir: string;
  storeCode: string;
}): Promise<string> {
  const child = spawn(TSX, ['src/cli.ts', 'enroll', options.storeCode], {
    cwd: SERVER_DIR,
    env: environment(options.databaseUrl, options.dataDir, 0),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await new Promise((resolve) => child.once('exit', resolve));
  const code = /: ([A-Z0-9]{5}-[A-Z0-9]{5})\s/.exec(output)?.[1];
  if (code === undefined) throw new Error(`no enrolment code in:\n${output}`);
  return code;
}
