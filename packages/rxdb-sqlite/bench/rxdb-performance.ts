/**
 * RxDB's own benchmark (`runPerformanceTests`) in one run on: ours on the real disk, plain and
 * encrypted (the encrypted one is what the terminal uses; the ratio between them is the cost of
 * encryption), the same two on tmpfs when /dev/shm exists (same code, fsync is free there,
 * which shows how much of a figure is the durable commit rather than the storage, and the
 * cipher's cost without disk noise), RxDB's memory storage, and RxDB's Dexie storage over
 * fake-indexeddb (in memory, never fsyncs).
 *
 * The storages take turns, one run each per round, so that none of them is measured alone
 * with a cold JIT or during a burst of load from a neighbour on this shared machine. Each
 * figure is then aggregated the way runPerformanceTests aggregates its own runs.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import * as fakeIndexedDb from 'fake-indexeddb';
import type { RxStorage } from 'rxdb/plugins/core';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import {
  averageOfTimeValues,
  runPerformanceTests,
  type PerformanceTestResult,
} from 'rxdb/plugins/test-utils';
import { randomBytes } from 'node:crypto';
import { getRxStorageSQLite } from '../src/storage';
import { ms, printTable } from './table';

type Entry = { column: string; storage: RxStorage<unknown, unknown> };

/** RxDB's default: drop the slowest 95 % of runs (outliers from GC and neighbours). */
const STRIP_HIGHEST_PERCENT = 95;

/** Plain and encrypted storages in one folder (separate files: each database name is unique). */
function sqlitePair(suffix: string, databaseDir: string): Entry[] {
  return [
    {
      column: 'sqlite' + suffix,
      storage: getRxStorageSQLite({ databaseDir, encryptionKey: null }),
    },
    {
      column: 'sqlite-enc' + suffix,
      storage: getRxStorageSQLite({ databaseDir, encryptionKey: randomBytes(32) }),
    },
  ];
}

function storages(dir: string, tmpfsDir: string | undefined): Entry[] {
  return [
    ...sqlitePair('', dir),
    ...(tmpfsDir ? sqlitePair('-tmpfs', tmpfsDir) : []),
    { column: 'memory', storage: getRxStorageMemory() },
    {
      column: 'dexie',
      storage: getRxStorageDexie({
        // fake-indexeddb's types need the DOM lib, which this Node package does not load.
        indexedDB: fakeIndexedDb.indexedDB as unknown as never,
        IDBKeyRange: fakeIndexedDb.IDBKeyRange as unknown as never,
      }),
    },
  ];
}

/** `runs` rounds; in each, every storage does one run of runPerformanceTests. */
async function interleavedRuns(entries: Entry[], runs: number): Promise<PerformanceTestResult[]> {
  const samples = entries.map(() => new Map<string, number[]>());
  for (let round = 0; round < runs; round++) {
    console.log(`runPerformanceTests round ${round + 1} of ${runs}…`);
    // Rotating the order too: nobody always goes first after the pause between rounds.
    for (let k = 0; k < entries.length; k++) {
      const i = (round + k) % entries.length;
      const { column, storage } = entries[i]!;
      const result = await runPerformanceTests(storage, column, {
        runs: 1,
        log: false,
        waitBetweenTests: 20,
      });
      for (const [operation, value] of Object.entries(result)) {
        if (typeof value !== 'number' || ['collectionsAmount', 'docsAmount'].includes(operation)) {
          continue;
        }
        const list = samples[i]!.get(operation) ?? [];
        list.push(value);
        samples[i]!.set(operation, list);
      }
    }
  }
  return entries.map(({ column }, i) => {
    const result: PerformanceTestResult = {
      description: column,
      collectionsAmount: 4,
      docsAmount: 3000,
    };
    for (const [operation, values] of samples[i]!) {
      result[operation] = averageOfTimeValues(values, STRIP_HIGHEST_PERCENT);
    }
    return result;
  });
}

/**
 * Runs every storage, prints one table with the cost of encryption (encrypted / plain, above
 * 1x is slower) and Dexie against ours, returns ours as the terminal runs it (encrypted, disk).
 */
export async function compareStorages(dir: string, runs: number): Promise<PerformanceTestResult> {
  const tmpfsDir = existsSync('/dev/shm') ? mkdtempSync('/dev/shm/kiryana-bench-') : undefined;
  const entries = storages(dir, tmpfsDir);
  let results: PerformanceTestResult[];
  try {
    results = await interleavedRuns(entries, runs);
  } finally {
    if (tmpfsDir) rmSync(tmpfsDir, { recursive: true, force: true });
  }
  const byColumn = new Map(results.map((r, i) => [entries[i]!.column, r]));
  const column = (name: string) => byColumn.get(name);
  const ours = column('sqlite-enc')!;
  const ratio = (over: string, under: string, op: string) => {
    const a = column(over)?.[op];
    const b = column(under)?.[op];
    return typeof a === 'number' && typeof b === 'number' ? (a / b).toFixed(2) + 'x' : '';
  };
  const ratios: [string, string, string][] = [
    ['enc/plain', 'sqlite-enc', 'sqlite'],
    ...(tmpfsDir
      ? [['enc/plain tmpfs', 'sqlite-enc-tmpfs', 'sqlite-tmpfs'] as [string, string, string]]
      : []),
    ['dexie/enc', 'dexie', 'sqlite-enc'],
  ];
  const operations = Object.keys(ours).filter(
    (k) => typeof ours[k] === 'number' && k !== 'collectionsAmount' && k !== 'docsAmount',
  );
  const rows = operations.map((op) => [
    op,
    ...results.map((r) => ms(r[op] as number)),
    ...ratios.map(([, over, under]) => ratio(over, under, op)),
  ]);
  console.log(
    `\nRxDB runPerformanceTests, ${runs} interleaved rounds, ms per operation (lower is better)`,
  );
  printTable(['operation', ...entries.map((e) => e.column), ...ratios.map(([name]) => name)], rows);
  console.log(
    'enc/plain: the cost of encryption (1.10x = 10 % slower). dexie/enc above 1x: ours, ' +
      'encrypted, is faster than Dexie by that factor.',
  );
  return ours;
}
