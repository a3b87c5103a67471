import { randomUUID } from 'node:crypto';
import type { Clock } from '@kiryana/shared';
import { readPgliteOwner } from '../boot/pglite-owner';
import type { BackupEnv } from './backup-env';
import { openPgliteDb } from '../db/pglite-db';
import { type BackupTarget, parseFlags, resolveBackupTarget } from './backup-config';
import { archiveSettings, backupInfo, initStanza, restoreTo, takeBackup } from './pgbackrest';
import { dumpPglite, listPgliteDumps, restorePglite } from './pglite-backup';

/**
 * `pnpm cli backup …` and `pnpm cli restore --to <time>` (docs/operations.md, "Backups" and
 * "Restore to a time"). Postgres deployments go through pgBackRest (pgbackrest.ts), embedded
 * PGlite through dumps of its data folder (pglite-backup.ts). A restore stops nothing itself: it
 * refuses while the database runs, because only the operator knows what supervises Postgres and
 * the servers (systemd, pg_auto_failover's keeper), and a supervisor would start them again in
 * the middle of the restore.
 */

export const BACKUP_USAGE = `  backup [--type full|incr|diff]    take a backup (Postgres: pgBackRest, incremental by default; PGlite: a dump)
  backup init                       create the pgBackRest stanza and check WAL archiving
  backup info                       list the backups and the point a restore can reach back to
  restore --to <ISO time>           restore the database to that time (stop the servers and Postgres first)
                                    settings: --repo --pg-data --stanza --retention-full --pg-socket --pg-port --run-as --dir`;

type Io = {
  readonly env: BackupEnv;
  readonly out: (line: string) => void;
  readonly clock: Clock;
};

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const mib = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MiB`;

async function refuseWhilePgliteHeld(target: BackupTarget & { kind: 'pglite' }, what: string) {
  const owner = await readPgliteOwner(target.dataDir);
  if (owner) {
    throw new Error(
      `The server (pid ${String(owner.pid)}) holds the embedded database in ${target.dataDir}; stop it to ${what}` +
        (what === 'back it up'
          ? ' (or set BACKUP_PGLITE_EVERY and the server dumps it itself).'
          : '.'),
    );
  }
}

/** `backup`, `backup init`, `backup info`; resolves to the exit status. */
export async function runBackupCommand(args: readonly string[], io: Io): Promise<number> {
  const flags = parseFlags(args);
  const target = resolveBackupTarget(io.env, flags);
  const sub = flags.positional[0];
  if (flags.positional.length > 1 || (sub !== undefined && sub !== 'init' && sub !== 'info')) {
    throw new Error(`Usage:\n${BACKUP_USAGE}`);
  }
  if (target.kind === 'pglite') {
    if (sub === 'init') {
      io.out(`Embedded PGlite needs no set-up: dumps go to ${target.dir}.`);
      return 0;
    }
    if (sub === 'info') {
      const dumps = await listPgliteDumps(target.dir);
      if (dumps.length === 0) io.out(`No dumps in ${target.dir}.`);
      for (const d of dumps) io.out(`${d.takenAt.toISOString()}  ${mib(d.bytes)}  ${d.file}`);
      return 0;
    }
    await refuseWhilePgliteHeld(target, 'back it up');
    const started = performance.now();
    const db = await openPgliteDb(target.pgliteDir);
    try {
      const dump = await dumpPglite(db, {
        dir: target.dir,
        keep: target.keep,
        now: new Date(io.clock.now()),
      });
      io.out(
        `Dumped to ${dump.file} (${mib(dump.bytes)}) in ${seconds(performance.now() - started)}.`,
      );
    } finally {
      await db.close();
    }
    return 0;
  }
  const settings = target.settings;
  if (sub === 'init') {
    io.out('Postgres must archive WAL into the repository; in postgresql.conf:');
    for (const [name, value] of Object.entries(archiveSettings(settings))) {
      io.out(`  ${name} = '${value}'`);
    }
    await initStanza(settings);
    io.out(`Stanza "${settings.stanza}" ready in ${settings.repo}; WAL archiving checked.`);
    return 0;
  }
  if (sub === 'info') {
    const info = await backupInfo(settings);
    io.out(
      `Stanza "${settings.stanza}": ${info.status}; WAL ${info.walFrom ?? '-'} … ${info.walTo ?? '-'}`,
    );
    for (const b of info.backups) {
      io.out(
        `${b.label}  ${b.type.padEnd(4)} ${b.startedAt} → ${b.stoppedAt}  database ${mib(b.databaseBytes)}, stored ${mib(b.repositoryBytes)}`,
      );
    }
    const first = info.backups[0];
    io.out(
      first
        ? `A restore can reach any time from ${first.stoppedAt} to the last archived WAL.`
        : 'No backups yet: a restore has nothing to start from.',
    );
    return 0;
  }
  const type = flags.other.get('--type') ?? 'incr';
  if (type !== 'full' && type !== 'incr' && type !== 'diff') {
    throw new Error('--type must be full, incr or diff');
  }
  const started = performance.now();
  const set = await takeBackup(settings, type);
  io.out(
    `Backup ${set.label} (${set.type}) in ${seconds(performance.now() - started)}: database ${mib(set.databaseBytes)}, stored ${mib(set.repositoryBytes)}.`,
  );
  return 0;
}

/** `restore --to <ISO time>`; resolves to the exit status. */
export async function runRestoreCommand(args: readonly string[], io: Io): Promise<number> {
  const flags = parseFlags(args);
  const text = flags.other.get('--to');
  const to = text === undefined ? undefined : new Date(text);
  if (!text || !to || Number.isNaN(to.getTime()) || !/^\d{4}-\d{2}-\d{2}T/.test(text)) {
    throw new Error('Usage: pnpm cli restore --to <ISO time, e.g. 2026-12-07T13:15:00Z>');
  }
  const unknown = [...flags.other.keys()].filter((name) => name !== '--to');
  if (unknown.length > 0 || flags.positional.length > 0) {
    throw new Error(`Unknown arguments: ${[...unknown, ...flags.positional].join(' ')}`);
  }
  const now = new Date(io.clock.now());
  if (to.getTime() > now.getTime()) throw new Error(`${text} is in the future`);
  const target = resolveBackupTarget(io.env, flags);
  const restoreId = randomUUID();
  const started = performance.now();
  if (target.kind === 'pglite') {
    await refuseWhilePgliteHeld(target, 'restore it');
    const done = await restorePglite({
      dir: target.dir,
      pgliteDir: target.pgliteDir,
      to,
      restoreId,
      now,
    });
    io.out(
      `Restored the dump of ${done.dump.takenAt.toISOString()} (the newest at or before ${to.toISOString()}) in ${seconds(performance.now() - started)}; restore ${restoreId}.`,
    );
    if (done.setAside) io.out(`The replaced data folder is kept in ${done.setAside}.`);
    io.out(
      `New sync epoch opened for ${String(done.opened?.scopesReset ?? 0)} scopes: start the server; terminals re-pull and re-push what they made after ${done.dump.takenAt.toISOString()}.`,
    );
    return 0;
  }
  await restoreTo(target.settings, to, restoreId);
  io.out(
    `Restored ${target.settings.pgData} to ${to.toISOString()} in ${seconds(performance.now() - started)}; restore ${restoreId}.`,
  );
  io.out(
    'Next: start Postgres; it replays archived WAL up to that time and promotes (wait until SELECT pg_is_in_recovery() is false).',
  );
  io.out(
    'Then start the sync servers: the first records the restore and opens a new sync epoch; terminals re-pull and re-push what they made after it.',
  );
  return 0;
}
