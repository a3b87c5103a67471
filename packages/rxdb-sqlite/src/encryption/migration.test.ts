/**
 * First start with a key on a terminal whose database is still plain: the file is encrypted in
 * place of the plain one without losing a document, and a crash at any moment of that leaves a
 * file that opens (plain or encrypted) with every document. The plain database is written by a
 * child process that dies without closing, so its documents sit in an un-checkpointed WAL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomToken } from 'rxdb/plugins/core';
import { getRxStorageSQLite } from '../storage';
import {
  bundleForNode,
  makeTempDir,
  openFileForInspection,
  prepare,
  TEST_KEY,
} from '../test-support';
import { MIGRATION_STEPS } from './encrypt-plain-file';
import { migrationBill, migrationSchema, type MigrationDoc } from './migration-schema';

const COUNT = 3000;
const here = dirname(fileURLToPath(import.meta.url));
const keyHex = Buffer.from(TEST_KEY).toString('hex');
let temp: ReturnType<typeof makeTempDir>;
let fixture: { file: string; remove: () => void };

beforeAll(() => {
  temp = makeTempDir('migration');
  fixture = bundleForNode(join(here, 'migration.fixture.ts'));
});
afterAll(() => {
  temp.cleanup();
  fixture.remove();
});

type Exit = { code: number | null; signal: NodeJS.Signals | null; stdout: string };

/** Runs the fixture; `killAfterMs` sends SIGKILL from here after that delay. */
function runFixture(args: string[], killAfterMs?: number): Promise<Exit> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [fixture.file, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer =
      killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({ code, signal, stdout: stdout + stderr.slice(0, 800) });
    });
  });
}

/** A fresh folder with a plain database of COUNT bills, left as by a crash (WAL not folded in). */
async function seededDir(name: string): Promise<string> {
  const dir = join(temp.dir, name);
  mkdirSync(dir);
  const seeded = await runFixture(['seed', dir, String(COUNT)]);
  expect(seeded.signal).toBe('SIGKILL');
  expect(readFileSync(join(dir, 'terminal.sqlite')).subarray(0, 15).toString()).toBe(
    'SQLite format 3',
  );
  expect(existsSync(join(dir, 'terminal.sqlite-wal'))).toBe(true);
  return dir;
}

/** Whether the file is plain or encrypted now, and how many bills SQLite reads from it. */
function inspect(dir: string): { kind: 'plain' | 'encrypted'; bills: number } {
  const filename = join(dir, 'terminal.sqlite');
  const plain = readFileSync(filename).subarray(0, 15).toString() === 'SQLite format 3';
  const db = openFileForInspection(filename, plain ? null : TEST_KEY);
  try {
    expect(db.pragma('quick_check', { simple: true })).toBe('ok');
    const bills = db.prepare('SELECT count(*) FROM rx_bills_v0').pluck().get() as number;
    return { kind: plain ? 'plain' : 'encrypted', bills };
  } finally {
    db.close();
  }
}

/** Opens the folder through the storage with the key (migrating if needed); every bill. */
async function readThroughStorage(dir: string) {
  const instance = await getRxStorageSQLite({
    databaseDir: dir,
    encryptionKey: TEST_KEY,
  }).createStorageInstance<MigrationDoc>({
    databaseInstanceToken: randomToken(10),
    databaseName: 'terminal',
    collectionName: 'bills',
    schema: migrationSchema,
    options: {},
    multiInstance: false,
    devMode: false,
  });
  const { documents } = await instance.query(
    prepare(migrationSchema, { selector: {}, sort: [{ id: 'asc' }] }),
  );
  await instance.close();
  return documents;
}

const everyBill = Array.from({ length: COUNT }, (_, n) => migrationBill(n));

describe('encrypting a plain database on first start', () => {
  it('encrypts the file in place and every document is still there', async () => {
    const dir = await seededDir('whole');
    expect(await readThroughStorage(dir)).toEqual(everyBill);
    const filename = join(dir, 'terminal.sqlite');
    const bytes = readFileSync(filename);
    expect(bytes.includes('SQLite format 3')).toBe(false);
    expect(bytes.includes(`customer ${COUNT - 1}`)).toBe(false);
    expect(readdirSync(dir)).toEqual(['terminal.sqlite']);
    expect(inspect(dir)).toEqual({ kind: 'encrypted', bills: COUNT });
    // Opened again: already encrypted, nothing to migrate, the same documents.
    expect(await readThroughStorage(dir)).toEqual(everyBill);
  }, 60_000);

  it('leaves a usable file, plain before the swap and encrypted after, when killed after any step', async () => {
    const seen: string[] = [];
    for (const step of MIGRATION_STEPS) {
      const dir = await seededDir(`step-${step}`);
      const run = await runFixture(['migrate', dir, keyHex, step]);
      expect(run.signal, run.stdout).toBe('SIGKILL');
      const state = inspect(dir);
      seen.push(`${step}:${state.kind}:${state.bills}`);
      expect(await readThroughStorage(dir)).toEqual(everyBill);
      expect(readdirSync(dir)).toEqual(['terminal.sqlite']);
    }
    expect(seen).toEqual(
      MIGRATION_STEPS.map(
        (step) => `${step}:${step === 'replaced' ? 'encrypted' : 'plain'}:${COUNT}`,
      ),
    );
  }, 120_000);

  it('leaves a usable file when killed at arbitrary moments inside the steps', async () => {
    const timing = await seededDir('timing');
    const started = Date.now();
    const finished = await runFixture(['migrate', timing, keyHex, 'none']);
    expect(finished.stdout).toContain('done');
    const durationMs = Date.now() - started;
    const kinds = new Set<string>();
    for (let round = 0; round < 6; round++) {
      const dir = await seededDir(`kill-${round}`);
      // Spread over the whole run, start-up of the child included; the last round surely ends.
      const delayMs = round === 5 ? durationMs * 3 : (durationMs * round) / 5;
      const run = await runFixture(['migrate', dir, keyHex, 'none'], delayMs);
      const state = inspect(dir);
      kinds.add(state.kind);
      expect(state.bills, `round ${round} (${run.signal ?? 'exit'})`).toBe(COUNT);
      expect(await readThroughStorage(dir)).toEqual(everyBill);
    }
    // The last round lets the migration finish; the first kills it before it begins.
    expect(kinds).toEqual(new Set(['plain', 'encrypted']));
  }, 180_000);
});
