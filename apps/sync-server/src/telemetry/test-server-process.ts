import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { Db } from '../db/db';
import { createEnrolmentCode } from '../features/devices/device.service';
import { ensureServerBuild } from '../testing/server-build';
import { serverChildEnv } from '../testing/test-env';

const APP_DIR = fileURLToPath(new URL('../..', import.meta.url));

/** How a test starts the server: the production command, or the development one from source. */
export type Runner = 'compiled' | 'tsx';

/** `node` arguments of the production command (compiled) and of the source one (tsx). */
async function serverCommand(runner: Runner): Promise<string[]> {
  if (runner === 'tsx') {
    return ['--import', 'tsx', '--import', './src/telemetry/register.ts', 'src/server.ts'];
  }
  const server = await ensureServerBuild();
  return ['--import', join(dirname(server), 'telemetry.mjs'), server];
}

/** A server process of a test, on its own data folder and a free port. */
export type ServerProcess = {
  readonly url: string;
  /** Every JSON line it logged so far. */
  readonly logLines: readonly Record<string, unknown>[];
  /** SIGTERM, then its exit code once it has exited (and its data folder is gone). */
  stop: () => Promise<number | null>;
};

/**
 * Starts the sync server on `databaseUrl` (no demo data) the way production starts it, with
 * telemetry/register.ts loaded first, and waits until it listens.
 */
export async function startServerProcess(options: {
  readonly runner: Runner;
  readonly databaseUrl: string;
  readonly env?: NodeJS.ProcessEnv;
}): Promise<ServerProcess> {
  const dataDir = await mkdtemp(join(tmpdir(), 'kiryana-telemetry-'));
  const child: ChildProcess = spawn(process.execPath, await serverCommand(options.runner), {
    cwd: APP_DIR,
    env: {
      ...serverChildEnv(),
      DATABASE_URL: options.databaseUrl,
      DATA_DIR: dataDir,
      SEED_DEMO: 'false',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      NODE_ENV: 'development',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const logLines: Record<string, unknown>[] = [];
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const code = await exited;
    await rm(dataDir, { recursive: true, force: true });
    return code;
  };
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`server did not start:\n${stderr}`));
      }, 50_000);
      void exited.then((code) => {
        reject(new Error(`server exited with ${String(code)}:\n${stderr}`));
      });
      createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
        const log = JSON.parse(line) as Record<string, unknown>;
        logLines.push(log);
        if (log.msg === 'sync server listening' && typeof log.url === 'string') {
          clearTimeout(timer);
          resolve(log.url);
        }
      });
    });
    return { url, logLines, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Enrols a terminal of the store `storeId` over HTTP and answers its access token. */
export async function enrolTestDevice(db: Db, url: string, storeId: string): Promise<string> {
  const { rows } = await db.query<{ code: string }>('SELECT code FROM stores WHERE id = $1', [
    storeId,
  ]);
  const { code } = await createEnrolmentCode(
    { db, clock: { now: () => Date.now() } },
    rows[0]?.code ?? '',
  );
  const post = async (path: string, body: unknown) =>
    (await fetch(`${url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }).then((res) => res.json())) as Record<string, string | undefined>;
  const enrolled = await post('/v1/devices/enroll', { code, terminalName: 'Till' });
  const token = await post('/v1/devices/token', {
    deviceId: enrolled.deviceId,
    secret: enrolled.deviceSecret,
  });
  if (!token.accessToken) throw new Error(`no access token: ${JSON.stringify(token)}`);
  return token.accessToken;
}
