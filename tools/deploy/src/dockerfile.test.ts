import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { ensureServerBuild } from '@kiryana/sync-server/server-build';
import { DockerfileParser, type Instruction } from 'dockerfile-ast';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { hostPath, imageTestPgUrl } from './image-test-env';
import { parseManifests, readCommittedManifests } from './manifest-files';
import { SERVER_UID } from './server-container';

/**
 * No container engine runs here (a docker client at most, no daemon), so the image is never
 * built in this test. What can be checked is: the Dockerfile's structure, and that the image's
 * entry command, run as the runtime stage would run it (its WORKDIR mapped to apps/sync-server,
 * its ENV), after the migration Job's command, serves /readyz 200 on a fresh Postgres database
 * and passes its own HEALTHCHECK.
 */

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const APP_DIR = join(REPO, 'apps/sync-server');
const IMAGE_WORKDIR = '/app/apps/sync-server';
const dockerfile = DockerfileParser.parse(readFileSync(join(APP_DIR, 'Dockerfile'), 'utf8'));

const stages = dockerfile.getFROMs().map((from) => from.getBuildStage());
const lastFrom = dockerfile.getFROMs().at(-1)!;
/** Instructions of the final (runtime) stage. */
const runtime = dockerfile
  .getInstructions()
  .filter((i) => i.getRange().start.line > lastFrom.getRange().start.line);
const find = (keyword: string) => runtime.filter((i) => i.getKeyword() === keyword);
const execForm = (instruction: Instruction) =>
  JSON.parse(instruction.getArgumentsContent() ?? 'null') as string[];

/** The runtime stage's ENV, as the container would see it. */
function runtimeEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const instruction of find('ENV')) {
    const text = (instruction.getArgumentsContent() ?? '').replace(/\\\n/g, ' ');
    for (const [, name, value] of text.matchAll(/([A-Z_][A-Z0-9_]*)=(\S+)/g)) env[name!] = value!;
  }
  return env;
}

describe('apps/sync-server/Dockerfile', () => {
  it('builds in stages: dependencies, the bundle and the admin web, production modules, runtime', () => {
    expect(stages).toEqual(['base', 'deps', 'build', 'prod-deps', 'runtime']);
    const runs = dockerfile
      .getInstructions()
      .filter((i) => i.getKeyword() === 'RUN')
      .map((i) => i.getArgumentsContent() ?? '');
    expect(runs.some((r) => r.includes('pnpm fetch'))).toBe(true);
    expect(runs.some((r) => r.includes('pnpm --filter @kiryana/sync-server build'))).toBe(true);
    expect(runs.some((r) => r.includes('pnpm --filter @kiryana/admin-web build'))).toBe(true);
    expect(runs.some((r) => r.includes('--prod') && r.includes('@kiryana/sync-server'))).toBe(true);
    // The runtime has no package manager: nothing runs there.
    expect(find('RUN')).toEqual([]);
  });

  it('pins every base image to an exact version tag (no latest, no bare name)', () => {
    const external = dockerfile.getFROMs().filter((f) => !stages.includes(f.getImageName() ?? ''));
    expect(external.length).toBeGreaterThanOrEqual(2);
    for (const from of external) {
      expect(from.getImageTag(), from.getImage() ?? '').toMatch(/^\d+\.\d+\.\d+-/);
    }
  });

  it('runs as the non-root uid the Kubernetes pods use, with a HEALTHCHECK and an exec-form CMD', () => {
    const users = find('USER').map((u) => u.getArgumentsContent());
    expect(users).toEqual([`${SERVER_UID}:${SERVER_UID}`]);
    expect(users[0]).not.toMatch(/^(root|0)(:|$)/);
    expect(find('HEALTHCHECK')).toHaveLength(1);
    expect(find('ENTRYPOINT')).toEqual([]);
    expect(find('CMD').map(execForm)).toEqual([['node', 'dist/server.mjs']]);
    expect(find('WORKDIR').map((w) => w.getArgumentsContent())).toEqual([IMAGE_WORKDIR]);
  });

  it('keeps installed modules and builds out of the build context (.dockerignore)', () => {
    const ignored = readFileSync(join(REPO, '.dockerignore'), 'utf8').split('\n');
    for (const pattern of ['**/node_modules', '**/dist', '.git', '**/.data']) {
      expect(ignored).toContain(pattern);
    }
  });
});

const adminUrl = imageTestPgUrl();

describe.skipIf(!adminUrl)("the image's entry command", () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('migrates a fresh database with the Job command, then serves /readyz 200, passes its HEALTHCHECK, stops on SIGTERM', async () => {
    await ensureServerBuild();
    const database = `deploy_image_${process.pid}_${Date.now().toString(36)}`;
    await adminQuery(`CREATE DATABASE ${database}`);
    cleanups.push(async () => {
      await adminQuery(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    });
    const dataDir = await mkdtemp(join(tmpdir(), 'kiryana-image-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));

    const databaseUrl = new URL(adminUrl!);
    databaseUrl.pathname = `/${database}`;
    const port = await freePort();
    const env: Record<string, string> = {
      PATH: hostPath(),
      ...runtimeEnv(),
      // Loopback here: the image's 0.0.0.0 would open the port to this machine's network.
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl.toString(),
      DEVICE_TOKEN_SECRET: randomBytes(32).toString('hex'),
    };
    expect(env['NODE_ENV']).toBe('production');
    // The migration Job's command first, as deploy/k8s/20-migration-job.yaml runs it.
    const migrate = jobCommand();
    const migration = spawn(migrate[0]!, migrate.slice(1), { cwd: APP_DIR, env, stdio: 'pipe' });
    let migrationOutput = '';
    migration.stderr.on('data', (chunk: Buffer) => {
      migrationOutput += chunk.toString();
    });
    expect(await exitCode(migration), migrationOutput).toBe(0);
    // Every migration beside the bundle is recorded as applied in the new database.
    const migrations = readdirSync(join(APP_DIR, 'dist/migrations')).filter((f) =>
      f.endsWith('.sql'),
    );
    expect(migrations.length).toBeGreaterThan(0);
    expect(await query(databaseUrl.toString(), 'SELECT name FROM schema_migrations')).toBe(
      migrations.length,
    );

    // The Deployments' NODE_OPTIONS (heap cap, the telemetry module loaded first) must work in
    // the image's layout too.
    env['NODE_OPTIONS'] = deploymentNodeOptions();
    expect(env['NODE_OPTIONS']).toContain('--import=./dist/telemetry.mjs');
    const [command, ...args] = execForm(find('CMD')[0]!);
    const started = performance.now();
    const server = spawn(command!, args, { cwd: APP_DIR, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
    };
    server.stdout.on('data', collect);
    server.stderr.on('data', collect);
    cleanups.push(() => stop(server));

    const ready = await waitForReady(`http://127.0.0.1:${port}/readyz`, server, 60_000);
    expect(ready, output).toBe(200);
    process.stdout.write(
      `image entry command: /readyz 200 after ${Math.round(performance.now() - started)} ms\n`,
    );

    const healthcheck = find('HEALTHCHECK')[0]!.getArgumentsContent() ?? '';
    const probe = JSON.parse(healthcheck.slice(healthcheck.indexOf('['))) as string[];
    expect(await exitCode(spawn(probe[0]!, probe.slice(1), { cwd: APP_DIR, env }))).toBe(0);

    server.kill('SIGTERM');
    expect(await exitCode(server), output).toBe(0);
    // And the HEALTHCHECK does fail once nothing answers.
    expect(await exitCode(spawn(probe[0]!, probe.slice(1), { cwd: APP_DIR, env }))).toBe(1);
  });
});

/** The command of the migration Job in deploy/k8s/. */
function jobCommand(): string[] {
  const job = parseManifests(readCommittedManifests()).find((object) => object.kind === 'Job') as
    { spec: { template: { spec: { containers: { command?: string[] }[] } } } } | undefined;
  const command = job?.spec.template.spec.containers[0]?.command;
  if (!command) throw new Error('deploy/k8s: no migration Job with a command');
  return command;
}

/** NODE_OPTIONS of the api Deployment in deploy/k8s/. */
function deploymentNodeOptions(): string {
  const api = parseManifests(readCommittedManifests()).find(
    (object) => object.kind === 'Deployment' && object.metadata.name.endsWith('-api'),
  ) as
    | {
        spec: { template: { spec: { containers: { env: { name: string; value?: string }[] }[] } } };
      }
    | undefined;
  const value = api?.spec.template.spec.containers[0]?.env.find(
    (e) => e.name === 'NODE_OPTIONS',
  )?.value;
  if (!value) throw new Error('deploy/k8s: the api Deployment sets no NODE_OPTIONS');
  return value;
}

function adminQuery(sql: string): Promise<number | null> {
  return query(adminUrl!, sql);
}

/** Runs one statement on a database; the number of rows it returned or touched. */
async function query(url: string, sql: string): Promise<number | null> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rowCount;
  } finally {
    await client.end();
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => {
        resolve(typeof address === 'object' && address ? address.port : 0);
      });
    });
  });
}

async function waitForReady(url: string, server: ChildProcess, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  let status = 0;
  while (Date.now() < deadline && server.exitCode === null) {
    status = await fetch(url).then(
      (response) => response.status,
      () => 0,
    );
    if (status === 200) return status;
    await sleep(100);
  }
  return status;
}

function exitCode(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => {
    child.once('exit', (code) => {
      resolve(code);
    });
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGKILL');
  await exitCode(child);
}
