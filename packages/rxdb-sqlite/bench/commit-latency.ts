/**
 * The floor for one-document-at-a-time writes on this disk: 50 single-row commits through raw
 * better-sqlite3 with the same pragmas (WAL, synchronous=FULL), each an fsync. RxDB's
 * serial-inserts-50 on our storage cannot be faster than this; printed beside it.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { randomToken } from 'rxdb/plugins/core';
import { median, ms, printTable } from './table';

const COMMITS = 50;

/** Measures `rounds` times; returns the median ms for 50 durable commits. */
export function measureCommitFloor(dir: string, rounds: number): number {
  const times: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const db = new Database(join(dir, `commits-${randomToken(6)}.sqlite`));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec('CREATE TABLE docs (id TEXT PRIMARY KEY NOT NULL, data TEXT NOT NULL)');
    const insert = db.prepare('INSERT INTO docs (id, data) VALUES (?, ?)');
    const start = performance.now();
    for (let i = 0; i < COMMITS; i++) {
      db.transaction(() => insert.run(`doc-${i}`, '{"value":1}')).immediate();
    }
    times.push(performance.now() - start);
    db.close();
  }
  return median(times);
}

/** Prints the floor next to our serial-inserts-50 figure from the same run. */
export function printCommitFloor(floorMs: number, oursMs: number | undefined): void {
  console.log(`\n${COMMITS} durable single-row commits, raw better-sqlite3 (median)`);
  printTable(
    ['path', 'ms', 'per commit'],
    [
      ['raw better-sqlite3, WAL + FULL', ms(floorMs), ms(floorMs / COMMITS)],
      ...(oursMs === undefined
        ? []
        : [['RxDB serial-inserts-50 on our storage', ms(oursMs), ms(oursMs / COMMITS)]]),
    ],
  );
}
