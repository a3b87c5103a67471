/**
 * `pnpm bench`: how fast a server process is ready, compiled (`node dist/server.mjs`, from
 * scripts/build.mjs) against the sources under tsx (`node --import tsx src/server.ts`), as a
 * ratio in the same run. Five starts of each, alternating, on one already-migrated Postgres
 * database (SEED_DEMO=false, PORT=0): time from spawn to the first /readyz 200. Goal (issue 21):
 * compiled ≤ 1 s. Uses Postgres at TEST_PG_URL or DATABASE_URL (a database it creates and drops).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { ensureServerBuild } from '../src/testing/server-build';
import { openTestPostgres } from '../src/testing/test-databases';
import { benchPgUrl, inheritedEnv } from './bench-env';

const APP_DIR = fileURLToPath(new URL('..', import.meta.url));
const RUNS = 5;
const BANNER = /Kiryana sync server\s+(https?:\/\/\S+)/;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** Spawns one server, returns milliseconds from spawn to its first /readyz 200, and stops it. */
async function timeToReady(args: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: APP_DIR,
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      resolve();
    }),
  );
  try {
    let stderr = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stderr.setEncoding('utf8').on('data', (text: string) => {
        stderr += text;
        const match = BANNER.exec(stderr);
        if (match?.[1]) resolve(match[1]);
      });
      void exited.then(() => {
        reject(new Error(`server exited before listening:\n${stderr}`));
      });
    });
    // The banner comes once it listens; ready is what a gateway or Kubernetes waits for.
    for (;;) {
      const ready = await fetch(`${url}/readyz`).then(
        (response) => response.status === 200,
        () => false,
      );
      if (ready) return performance.now() - started;
      await sleep(5);
    }
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

async function main(): Promise<void> {
  if (!benchPgUrl) {
    process.stdout.write('startup: skipped (no TEST_PG_URL or DATABASE_URL)\n');
    return;
  }
  const entry = await ensureServerBuild();
  const db = await openTestPostgres(benchPgUrl);
  const dataDir = await mkdtemp(join(tmpdir(), 'kiryana-startup-bench-'));
  try {
    const env = {
      ...inheritedEnv(),
      NODE_ENV: 'production',
      DATABASE_URL: db.connectionString,
      DEVICE_TOKEN_SECRET: 'startup-bench-secret-0123456789abcdef',
      DATA_DIR: dataDir,
      SEED_DEMO: 'false',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
    };
    // A first start of each, not counted: it writes the identity keys, and warms the disk cache.
    await timeToReady([entry], env);
    await timeToReady(['--import', 'tsx', 'src/server.ts'], env);
    const times = { tsx: [] as number[], compiled: [] as number[] };
    for (let run = 0; run < RUNS; run += 1) {
      times.tsx.push(await timeToReady(['--import', 'tsx', 'src/server.ts'], env));
      times.compiled.push(await timeToReady([entry], env));
    }
    const tsx = median(times.tsx);
    const compiled = median(times.compiled);
    const show = (values: readonly number[]) => values.map((ms) => Math.round(ms)).join(', ');
    process.stdout.write(
      [
        `startup to /readyz 200, median of ${String(RUNS)} (ms): tsx ${Math.round(tsx)} [${show(times.tsx)}]`,
        `  compiled ${Math.round(compiled)} [${show(times.compiled)}]`,
        `  compiled/tsx ${(compiled / tsx).toFixed(2)}; goal compiled <= 1000 ms: ${compiled <= 1000 ? 'met' : 'NOT met'}`,
        '',
      ].join('\n'),
    );
  } finally {
    await rm(dataDir, { recursive: true, force: true });
    await db.close();
  }
}

await main();
