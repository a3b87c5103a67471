/**
 * RxDB's own benchmark (`runPerformanceTests`) on three storages in one run: ours on a real
 * file, RxDB's memory storage, and RxDB's Dexie storage over fake-indexeddb.
 */
import * as fakeIndexedDb from 'fake-indexeddb';
import type { RxStorage } from 'rxdb/plugins/core';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { runPerformanceTests, type PerformanceTestResult } from 'rxdb/plugins/test-utils';
import { getRxStorageSQLite } from '../src/storage';
import { ms, printTable } from './table';

/** Runs the three storages and prints one table; returns the raw results. */
export async function compareStorages(dir: string, runs: number): Promise<PerformanceTestResult[]> {
  const storages: [string, RxStorage<unknown, unknown>][] = [
    ['sqlite (ours)', getRxStorageSQLite({ databaseDir: dir })],
    ['memory', getRxStorageMemory()],
    [
      'dexie+fake-idb',
      getRxStorageDexie({
        // fake-indexeddb's types need the DOM lib, which this Node package does not load.
        indexedDB: fakeIndexedDb.indexedDB as unknown as never,
        IDBKeyRange: fakeIndexedDb.IDBKeyRange as unknown as never,
      }),
    ],
  ];
  const results: PerformanceTestResult[] = [];
  for (const [name, storage] of storages) {
    console.log(`runPerformanceTests: ${name} (${runs} runs)…`);
    results.push(
      await runPerformanceTests(storage, name, { runs, log: false, waitBetweenTests: 20 }),
    );
  }
  const [ours, memory, dexie] = results as [
    PerformanceTestResult,
    PerformanceTestResult,
    PerformanceTestResult,
  ];
  const operations = Object.keys(ours).filter(
    (k) => typeof ours[k] === 'number' && !['collectionsAmount', 'docsAmount'].includes(k),
  );
  const rows = operations.map((op) => {
    const [a, m, d] = [ours[op], memory[op], dexie[op]] as [number, number, number];
    return [op, ms(a), ms(m), ms(d), (d / a).toFixed(2) + 'x', (m / a).toFixed(2) + 'x'];
  });
  console.log('\nRxDB runPerformanceTests, average ms per operation (lower is better)');
  printTable(['operation', 'sqlite', 'memory', 'dexie', 'dexie/sqlite', 'memory/sqlite'], rows);
  console.log('dexie/sqlite > 1x means ours is faster than Dexie by that factor.');
  return results;
}
