/**
 * RxDB's own benchmark (`runPerformanceTests`) in one run on: ours on the real disk (what the
 * terminal uses), ours on tmpfs when /dev/shm exists (same code, fsync is free there, which
 * shows how much of a figure is the durable commit rather than the storage), RxDB's memory
 * storage, and RxDB's Dexie storage over fake-indexeddb (in memory, never fsyncs).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import * as fakeIndexedDb from 'fake-indexeddb';
import type { RxStorage } from 'rxdb/plugins/core';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { runPerformanceTests, type PerformanceTestResult } from 'rxdb/plugins/test-utils';
import { getRxStorageSQLite } from '../src/storage';
import { ms, printTable } from './table';

type Entry = { column: string; storage: RxStorage<unknown, unknown> };

/** Runs every storage, prints one table with ratios against ours on disk, returns ours. */
export async function compareStorages(dir: string, runs: number): Promise<PerformanceTestResult> {
  const tmpfsDir = existsSync('/dev/shm') ? mkdtempSync('/dev/shm/kiryana-bench-') : undefined;
  const entries: Entry[] = [
    { column: 'sqlite', storage: getRxStorageSQLite({ databaseDir: dir }) },
    ...(tmpfsDir
      ? [{ column: 'sqlite-tmpfs', storage: getRxStorageSQLite({ databaseDir: tmpfsDir }) }]
      : []),
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
  const results: PerformanceTestResult[] = [];
  try {
    for (const { column, storage } of entries) {
      console.log(`runPerformanceTests: ${column} (${runs} runs)…`);
      results.push(
        await runPerformanceTests(storage, column, { runs, log: false, waitBetweenTests: 20 }),
      );
    }
  } finally {
    if (tmpfsDir) rmSync(tmpfsDir, { recursive: true, force: true });
  }
  const ours = results[0]!;
  const dexie = results[results.length - 1]!;
  const operations = Object.keys(ours).filter(
    (k) => typeof ours[k] === 'number' && !['collectionsAmount', 'docsAmount'].includes(k),
  );
  const rows = operations.map((op) => [
    op,
    ...results.map((r) => ms(r[op] as number)),
    ((dexie[op] as number) / (ours[op] as number)).toFixed(2) + 'x',
    ...(tmpfsDir ? [((dexie[op] as number) / (results[1]![op] as number)).toFixed(2) + 'x'] : []),
  ]);
  console.log('\nRxDB runPerformanceTests, average ms per operation (lower is better)');
  printTable(
    [
      'operation',
      ...entries.map((e) => e.column),
      'dexie/sqlite',
      ...(tmpfsDir ? ['dexie/sqlite-tmpfs'] : []),
    ],
    rows,
  );
  console.log('A ratio above 1x means ours is faster than Dexie by that factor.');
  return ours;
}
