/**
 * Crash safety: a child process writes bulks through the storage and reports every
 * acknowledged bulk; we SIGKILL it at random moments, 50 times in a row, each run resuming on
 * the same file. Afterwards the file must open, pass SQLite's integrity check, contain every
 * acknowledged bulk, and contain every bulk either completely or not at all (the counter
 * document updated in the same bulkWrite must agree with the newest complete bulk).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomToken } from 'rxdb/plugins/core';
import { getRxStorageSQLite } from '../storage';
import {
  bundleForNode,
  makeTempDir,
  prepare,
  TEST_KEY,
  openFileForInspection,
} from '../test-support';
import { BULK_SIZE, crashSchema, type CrashDoc } from './crash-schema';

const KILLS = 50;
const here = dirname(fileURLToPath(import.meta.url));
let temp: ReturnType<typeof makeTempDir>;
let writer: { file: string; remove: () => void };

beforeAll(() => {
  temp = makeTempDir('crash');
  writer = bundleForNode(join(here, 'crash-writer.fixture.ts'));
});
afterAll(() => {
  temp.cleanup();
  writer.remove();
});

/** Deterministic delays (mulberry32), so a failure can be replayed. */
function seededRandom(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Runs the writer once and kills it; resolves with the batches it acknowledged. */
function runAndKill(dir: string, killAfterAck: boolean, delayMs: number): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [writer.file, dir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const acked: number[] = [];
    let buffered = '';
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    const kill = () => child.kill('SIGKILL');
    if (!killAfterAck) timer = setTimeout(kill, delayMs);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) acked.push(Number(line.replace('ack ', '')));
      if (killAfterAck && !timer && acked.length > 0) timer = setTimeout(kill, delayMs);
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      if (signal === 'SIGKILL') resolve(acked);
      else reject(new Error(`writer exited by itself (${code}): ${stderr.slice(0, 800)}`));
    });
  });
}

describe('crash safety', () => {
  it('keeps every acknowledged bulk and no partial bulk across 50 SIGKILLs', async () => {
    const random = seededRandom(4242);
    const acked = new Set<number>();
    for (let kill = 0; kill < KILLS; kill++) {
      // Every third kill lands anywhere from start-up on (opening, creating the table); the
      // others land while bulks are being committed.
      const duringStartup = kill % 3 === 0;
      const delay = duringStartup ? 20 + random() * 150 : random() * 40;
      for (const batch of await runAndKill(temp.dir, !duringStartup, delay)) acked.add(batch);
    }
    expect(acked.size).toBeGreaterThan(KILLS / 2);

    const raw = openFileForInspection(join(temp.dir, 'crash.sqlite'));
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    raw.close();

    const instance = await getRxStorageSQLite({
      databaseDir: temp.dir,
      encryptionKey: TEST_KEY,
    }).createStorageInstance<CrashDoc>({
      databaseInstanceToken: randomToken(10),
      databaseName: 'crash',
      collectionName: 'bills',
      schema: crashSchema,
      options: {},
      multiInstance: false,
      devMode: false,
    });
    const { documents } = await instance.query(prepare(crashSchema, { selector: {} }));
    await instance.close();

    const linesByBatch = new Map<number, number>();
    let counterBatch = -1;
    for (const doc of documents) {
      if (doc.id === 'counter') counterBatch = doc.batch;
      else linesByBatch.set(doc.batch, (linesByBatch.get(doc.batch) ?? 0) + 1);
    }
    const batches = [...linesByBatch.keys()].sort((a, b) => a - b);
    expect(batches).toEqual(batches.map((_, i) => i));
    expect([...linesByBatch.values()].every((n) => n === BULK_SIZE)).toBe(true);
    expect(counterBatch).toBe(batches.length - 1);
    for (const batch of acked) expect(linesByBatch.get(batch)).toBe(BULK_SIZE);
  }, 120_000);
});
