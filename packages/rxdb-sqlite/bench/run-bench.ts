/**
 * `pnpm bench` for @kiryana/rxdb-sqlite. BENCH_RUNS sets the runs of RxDB's benchmark (default
 * 10), BENCH_ROUNDS the rounds of the bulk insert comparison (default 5). Files go to a temp
 * folder on the real disk, which is removed afterwards.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareBulkInsert } from './bulk-insert';
import { measureCommitFloor, printCommitFloor } from './commit-latency';
import { compareStorages } from './rxdb-performance';

const dir = mkdtempSync(join(tmpdir(), 'kiryana-bench-'));
try {
  const ours = await compareStorages(dir, Number(process.env.BENCH_RUNS ?? 10));
  const serial = ours['serial-inserts-50'];
  printCommitFloor(measureCommitFloor(dir, 5), typeof serial === 'number' ? serial : undefined);
  await compareBulkInsert(dir, Number(process.env.BENCH_ROUNDS ?? 5));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
