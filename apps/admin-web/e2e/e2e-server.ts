import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { build } from 'vite';
import { serverChildEnv } from './e2e-env';

/**
 * The real system for the end-to-end suite: the admin web built by Vite, and the sync server
 * started as `pnpm start` starts it (its own process, `src/server.ts`), on a fresh Postgres
 * database seeded with the demo chain and demo people, serving the build under /admin and the
 * embedded OpenID provider under /oidc. Nothing is imported from the server: it is driven over
 * HTTP and its database is read with pg, as an operator would.
 */

const APP_DIR = fileURLToPath(new URL('..', import.meta.url));
const SERVER_DIR = fileURLToPath(new URL('../../sync-server/', import.meta.url));

/** A running server on a fresh database. */
export type E2eServer = {
  readonly url: string;
  /** The demo store's enrolment code printed at start-up, and that store's code. */
  readonly enrolment: { code: string; storeCode: string };
  /** The test's own connection to the server's database, for checks. */
  readonly db: pg.Pool;
  stop(): Promise<void>;
};

/** Builds the admin web into dist/ (what the server serves under /admin). */
export async function buildAdminWeb(): Promise<void> {
  await build({ root: APP_DIR, configFile: join(APP_DIR, 'vite.config.ts'), logLevel: 'warn' });
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => {
        resolve(port);
      });
    });
  });
}

/** Creates a database on `adminUrl`, starts the server on it and waits until it listens. */
export async function startE2eServer(adminUrl: string): Promise<E2eServer> {
  const name = `kiryana_e2e_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const dbUrl = new URL(adminUrl);
  dbUrl.pathname = `/${name}`;
  const dataDir = await mkdtemp(join(tmpdir(), 'kiryana-admin-e2e-'));
  // The redirect URI must be known before the server starts, so the port is chosen here.
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: SERVER_DIR,
    env: {
      ...serverChildEnv(),
      DATABASE_URL: dbUrl.toString(),
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: url,
      ADMIN_REDIRECT_URIS: `${url}/admin/auth/callback`,
      DEVICE_TOKEN_SECRET: randomBytes(32).toString('base64url'),
      HEARTBEAT_MS: '15000',
      SEED_DEMO: 'true',
      LOG_LEVEL: 'info',
      NODE_ENV: 'production',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  // The demo enrolment code is a secret: the server prints it in its console banner (stderr),
  // never in the JSON log.
  const listening = await new Promise<{ enrolment: { code: string; storeCode: string } }>(
    (resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`the server did not start:\n${stderr}`));
      }, 180_000);
      void exited.then((code) => {
        reject(new Error(`the server exited with ${String(code)}:\n${stderr}`));
      });
      child.stderr?.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        const banner = /enrolment code\s+([0-9A-Z]{5}-[0-9A-Z]{5})\s+\(store (\w+),/.exec(stderr);
        if (banner?.[1] && banner[2]) {
          clearTimeout(timer);
          resolve({ enrolment: { code: banner[1], storeCode: banner[2] } });
        }
      });
    },
  );
  const db = new pg.Pool({ connectionString: dbUrl.toString(), max: 2 });
  return {
    url,
    enrolment: listening.enrolment,
    db,
    async stop() {
      await db.end();
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        const timeout = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timeout);
      }
      const dropper = new pg.Client({ connectionString: adminUrl });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
