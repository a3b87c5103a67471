/**
 * `pnpm bench`: how fast a server process is ready, compiled (`node dist/server.mjs`, from
 * scripts/build.mjs) against the sources under tsx (`node --import tsx src/server.ts`), as a
 * ratio in the same run. Five starts of each, alternating, on one already-migrated Postgres
 * database (SEED_DEMO=false, a free port polled from spawn on): time from spawn to the first
 * /readyz 200, and the CPU time the process used by then (what the wall time would approach on
 * an idle machine, less the database round trips). Goal (issue 21): compiled ≤ 1 s. Uses Postgres at TEST_PG_URL or DATABASE_URL (a database it creates and drops).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { ensureServerBuild } from '../src/testing/server-build';
import { openTestPostgres } from '../src/testing/test-databases';
import { benchPgUrl, inheritedEnv } from './bench-env';

const APP_DIR = fileURLToPath(new URL('..', import.meta.url));
const RUNS = 5;
/** Linux's USER_HZ, the unit of /proc/<pid>/stat's CPU times. */
const CLOCK_TICKS = 100;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** A port free right now (the server gets it as PORT, so readiness can be polled from spawn on). */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  if (typeof address !== 'object' || !address) throw new Error('no free port');
  return address.port;
}

/** The child's CPU time so far (user + system, Linux's /proc), or NaN elsewhere. */
async function cpuMs(pid: number | undefined): Promise<number> {
  try {
    const fields = (await readFile(`/proc/${String(pid)}/stat`, 'utf8')).split(') ')[1]?.split(' ');
    // utime and stime, fields 14 and 15 of stat (11 and 12 after the command), in clock ticks.
    return (Number(fields?.[11]) + Number(fields?.[12])) * (1000 / CLOCK_TICKS);
  } catch {
    return Number.NaN;
  }
}

/**
 * Spawns one server and polls /readyz from the start; returns milliseconds from spawn to the
 * first 200 and the CPU time the process had used by then, and stops it.
 */
async function timeToReady(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<{ wallMs: number; cpuMs: number }> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: APP_DIR,
    env: { ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (text: string) => {
    stderr += text;
  });
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      resolve();
    }),
  );
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`server exited before ready:\n${stderr}`);
      const ready = await fetch(`http://127.0.0.1:${String(port)}/readyz`).then(
        (response) => response.status === 200,
        () => false,
      );
      if (ready) return { wallMs: performance.now() - started, cpuMs: await cpuMs(child.pid) };
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
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
    };
    // A first start of each, not counted: it writes the identity keys, and warms the disk cache.
    await timeToReady([entry], env);
    await timeToReady(['--import', 'tsx', 'src/server.ts'], env);
    const runs = {
      tsx: [] as { wallMs: number; cpuMs: number }[],
      compiled: [] as { wallMs: number; cpuMs: number }[],
    };
    for (let run = 0; run < RUNS; run += 1) {
      runs.tsx.push(await timeToReady(['--import', 'tsx', 'src/server.ts'], env));
      runs.compiled.push(await timeToReady([entry], env));
    }
    const wall = (kind: keyof typeof runs) => median(runs[kind].map((r) => r.wallMs));
    const cpu = (kind: keyof typeof runs) => median(runs[kind].map((r) => r.cpuMs));
    const show = (kind: keyof typeof runs) =>
      runs[kind].map((r) => Math.round(r.wallMs)).join(', ');
    const [load] = loadavg();
    process.stdout.write(
      [
        `startup: spawn to first /readyz 200, median of ${String(RUNS)} (load average ${(load ?? 0).toFixed(1)} on ${String(availableParallelism())} cores)`,
        `  tsx      ${String(Math.round(wall('tsx')))} ms [${show('tsx')}], CPU ${String(Math.round(cpu('tsx')))} ms`,
        `  compiled ${String(Math.round(wall('compiled')))} ms [${show('compiled')}], CPU ${String(Math.round(cpu('compiled')))} ms`,
        `  compiled/tsx ${(wall('compiled') / wall('tsx')).toFixed(2)}; goal compiled <= 1000 ms: ${wall('compiled') <= 1000 ? 'met' : 'NOT met'}`,
        '',
      ].join('\n'),
    );
  } finally {
    await rm(dataDir, { recursive: true, force: true });
    await db.close();
  }
}

await main();
