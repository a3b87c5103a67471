/**
 * `pnpm bench` for @kiryana/rxdb-sqlite, ending with the cost of a catalogue page at 20,000 and
 * 100,000 rows and of a local history retention batch. BENCH_RUNS sets the rounds of RxDB's benchmark (default 20; each figure is the
 * best round, as runPerformanceTests reports its own runs, so more rounds mean less noise from
 * this shared machine), BENCH_ROUNDS the rounds of the bulk insert comparison (default 5). Files
 * go to a temp folder on the real disk, removed afterwards.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchEnv } from './bench-env';
import { compareBulkInsert } from './bulk-insert';
import { measureCommitFloor, printCommitFloor } from './commit-latency';
import { printPageFigures } from './page-query';
import { printPurgeFigures } from './purge';
import { compareStorages } from './rxdb-performance';

const dir = mkdtempSync(join(tmpdir(), 'kiryana-bench-'));
try {
  const ours = await compareStorages(dir, benchEnv.runs);
  const serial = ours['serial-inserts-50'];
  printCommitFloor(measureCommitFloor(dir, 5), typeof serial === 'number' ? serial : undefined);
  await compareBulkInsert(dir, benchEnv.rounds);
  await printPageFigures(dir, [20_000, 100_000]);
  await printPurgeFigures(dir, benchEnv.rounds);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
