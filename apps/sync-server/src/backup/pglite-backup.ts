import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Db } from '../db/db';
import { dumpPgliteDb, openPgliteDb } from '../db/pglite-db';
import { migrate } from '../db/migrate';
import { type RestoreOpened, openEpochAfterRestore } from './restore-epoch';

/**
 * Backups of the embedded PGlite database: a dump of its data folder (`dumpDataDir`, a gzipped
 * tar) into a folder of dumps, named by the time it was taken, the oldest removed beyond the
 * retention. PGlite runs one statement at a time and the dump waits its turn, so a dump is the
 * state between two statements: what a crash would leave, which Postgres replays from its WAL
 * when the dump is opened. There is no WAL archive, so a restore goes back to the newest dump
 * taken at or before the time asked for, not to any second in between.
 */

const PREFIX = 'pglite-';
const SUFFIX = '.tar.gz';

/** One dump on disk. */
export type PgliteDump = { readonly file: string; readonly takenAt: Date; readonly bytes: number };

/** `2026-12-07T13:15:32.118Z` → a file name without colons. */
function fileName(at: Date): string {
  return `${PREFIX}${at.toISOString().replace(/:/g, '-')}${SUFFIX}`;
}

function timeOf(name: string): Date | undefined {
  if (!name.startsWith(PREFIX) || !name.endsWith(SUFFIX)) return undefined;
  const stamp = name.slice(PREFIX.length, -SUFFIX.length);
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2})-(\d{2})-(\d{2}\.\d{3}Z)$/.exec(stamp);
  if (!match) return undefined;
  const at = new Date(`${match[1] ?? ''}:${match[2] ?? ''}:${match[3] ?? ''}`);
  return Number.isNaN(at.getTime()) ? undefined : at;
}

/** The dumps in `dir`, oldest first. */
export async function listPgliteDumps(dir: string): Promise<PgliteDump[]> {
  if (!existsSync(dir)) return [];
  const dumps: PgliteDump[] = [];
  for (const name of await readdir(dir)) {
    const takenAt = timeOf(name);
    if (!takenAt) continue;
    dumps.push({ file: join(dir, name), takenAt, bytes: (await stat(join(dir, name))).size });
  }
  return dumps.sort((a, b) => a.takenAt.getTime() - b.takenAt.getTime());
}

/**
 * Dumps an open PGlite database into `dir` and keeps the newest `keep` dumps. The file appears
 * under its final name only when complete (written aside, then renamed).
 */
export async function dumpPglite(
  db: Db,
  options: { readonly dir: string; readonly keep: number; readonly now: Date },
): Promise<PgliteDump> {
  await mkdir(options.dir, { recursive: true });
  const blob = await dumpPgliteDb(db, 'gzip');
  const file = join(options.dir, fileName(options.now));
  const partial = `${file}.partial`;
  await writeFile(partial, Buffer.from(await blob.arrayBuffer()));
  await rename(partial, file);
  const dumps = await listPgliteDumps(options.dir);
  for (const old of dumps.slice(0, Math.max(0, dumps.length - options.keep))) {
    await rm(old.file, { force: true });
  }
  return { file, takenAt: options.now, bytes: blob.size };
}

/** What a PGlite restore did. */
export type PgliteRestore = {
  readonly dump: PgliteDump;
  /** Where the data folder that was replaced now is (kept, never deleted). */
  readonly setAside: string | undefined;
  readonly opened: RestoreOpened | undefined;
};

/**
 * Replaces the data folder with the newest dump taken at or before `to`, migrates it and opens
 * the new epoch right away (no other process may hold the folder, so nobody else would). The
 * replaced folder is renamed aside, not deleted.
 */
export async function restorePglite(options: {
  readonly dir: string;
  readonly pgliteDir: string;
  readonly to: Date;
  readonly restoreId: string;
  readonly now: Date;
}): Promise<PgliteRestore> {
  const dumps = await listPgliteDumps(options.dir);
  const dump = dumps.filter((d) => d.takenAt.getTime() <= options.to.getTime()).at(-1);
  if (!dump) {
    const first = dumps[0]?.takenAt.toISOString();
    throw new Error(
      first
        ? `no dump in ${options.dir} was taken at or before ${options.to.toISOString()} (the oldest is from ${first})`
        : `no dumps in ${options.dir}: take one with \`pnpm cli backup\` or set BACKUP_PGLITE_EVERY`,
    );
  }
  let setAside: string | undefined;
  if (existsSync(options.pgliteDir)) {
    setAside = `${options.pgliteDir}.before-restore-${options.now.toISOString().replace(/:/g, '-')}`;
    await rename(options.pgliteDir, setAside);
  }
  const data = await readFile(dump.file);
  const db = await openPgliteDb(options.pgliteDir, { loadDataDir: new Blob([data]) });
  try {
    await migrate(db);
    const opened = await openEpochAfterRestore(db, {
      restoreId: options.restoreId,
      targetAt: dump.takenAt.toISOString(),
      method: 'pglite-dump',
    });
    return { dump, setAside, opened };
  } finally {
    await db.close();
  }
}
