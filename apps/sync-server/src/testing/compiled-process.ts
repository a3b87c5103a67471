import { type ChildProcess, spawn } from 'node:child_process';
import type { Clock } from '@kiryana/shared';
import { deriveDeviceTokenKey } from '../auth/device-token';
import type { Db } from '../db/db';
import {
  createEnrolmentCode,
  enrollDevice,
  issueAccessToken,
} from '../features/devices/device.service';
import { ensureServerBuild } from './server-build';
import { type SyncApi, syncApi } from './sync-api';
import { serverChildEnv } from './test-env';

/** The secret every compiled process of a test shares, so a token is valid on all of them. */
const COMPILED_TEST_SECRET = 'compiled-process-test-secret-0123456789';

const BANNER = /Kiryana sync server\s+(https?:\/\/\S+)/;

/** A compiled server process (`node dist/server.mjs`) of a test. */
export type CompiledProcess = {
  readonly url: string;
  readonly child: ChildProcess;
  /** The exit code (null after a signal). */
  readonly exited: Promise<number | null>;
  /** What it wrote so far, for failure messages. */
  output(): string;
  /** SIGTERM and its exit code. */
  stop(): Promise<number | null>;
};

/**
 * Starts `node dist/server.mjs` (built first when missing or stale) on the Postgres database at
 * `databaseUrl` and a free port, and resolves once it listens.
 */
export async function startCompiledServer(
  databaseUrl: string,
  options: { env?: Readonly<Record<string, string>>; args?: readonly string[] } = {},
): Promise<CompiledProcess> {
  const entry = await ensureServerBuild();
  const child = spawn(process.execPath, [entry, ...(options.args ?? [])], {
    env: {
      ...serverChildEnv(),
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      DEVICE_TOKEN_SECRET: COMPILED_TEST_SECRET,
      PORT: '0',
      HOST: '127.0.0.1',
      SEED_DEMO: 'false',
      LOG_LEVEL: 'warn',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  // A failed test must not leave servers behind.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  void exited.then(() => process.off('exit', killOnExit));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`compiled server did not start:\n${output}`));
    }, 30_000);
    child.stdout.setEncoding('utf8').on('data', (text: string) => {
      output += text;
    });
    child.stderr.setEncoding('utf8').on('data', (text: string) => {
      output += text;
      const match = BANNER.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`compiled server exited (${String(code)}):\n${output}`));
    });
  });
  return {
    url,
    child,
    exited,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/**
 * Enrols a terminal of `storeId` straight in the database (the enrolment routes are not what
 * these tests are about) and returns the replication API of that device on `url`.
 */
export async function deviceApiOn(db: Db, url: string, storeId: string): Promise<SyncApi> {
  const clock: Clock = { now: () => Date.now() };
  const store = await db.query<{ code: string }>('SELECT code FROM stores WHERE id = $1', [
    storeId,
  ]);
  const { code } = await createEnrolmentCode({ db, clock }, store.rows[0]?.code ?? '');
  const device = await enrollDevice({ db, clock }, { code, terminalName: 'Till' });
  const { accessToken } = await issueAccessToken(
    { db, clock, tokens: { key: deriveDeviceTokenKey(COMPILED_TEST_SECRET), ttlSec: 900 } },
    { deviceId: device.deviceId, secret: device.deviceSecret },
  );
  return syncApi(async (path, init = {}) => {
    const headers = new Headers(init.headers);
    headers.set('authorization', `Bearer ${accessToken}`);
    return fetch(`${url}${path}`, { ...init, headers });
  });
}
