import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chown, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { z } from 'zod';

/**
 * pgBackRest for a Postgres deployment (docs/operations.md, "Backups"): one stanza, one
 * repository folder, full and incremental backups, WAL archived continuously by Postgres's
 * `archive_command`, and point-in-time restore. The settings go into a configuration file of our
 * own (`<repo>/kiryana-pgbackrest.conf`), rewritten on every command, because pgBackRest refuses
 * command-line options a command does not take (archive-push has no pg1-port) while a file may
 * hold every option; the `archive_command` names the same file.
 */

const run = promisify(execFile);

/** Everything pgBackRest needs, resolved from env and flags (backup-config.ts). */
export type PgbackrestSettings = {
  readonly stanza: string;
  readonly repo: string;
  readonly pgData: string;
  readonly pgPort: number;
  readonly pgSocket: string;
  readonly retentionFull: number;
  /** The OS user that owns the data folder; commands run as it (through runuser when root). */
  readonly runAs: string | undefined;
};

/** Where our pgBackRest configuration file lives. */
function configPath(settings: PgbackrestSettings): string {
  return join(settings.repo, 'kiryana-pgbackrest.conf');
}

function configText(settings: PgbackrestSettings): string {
  return [
    '# Written by `pnpm cli backup` on every run (apps/sync-server/src/backup/pgbackrest.ts).',
    '[global]',
    `repo1-path=${settings.repo}`,
    `repo1-retention-full=${String(settings.retentionFull)}`,
    // The file log would need a folder the database user may write; the command's own output
    // is what the wrapper reports.
    'log-level-console=warn',
    'log-level-stderr=off',
    'log-level-file=off',
    `lock-path=${join(settings.repo, 'lock')}`,
    // An immediate checkpoint: a backup starts now, not at the next scheduled checkpoint.
    'start-fast=y',
    'compress-type=lz4',
    '',
    `[${settings.stanza}]`,
    `pg1-path=${settings.pgData}`,
    `pg1-port=${String(settings.pgPort)}`,
    `pg1-socket-path=${settings.pgSocket}`,
    '',
  ].join('\n');
}

/** The `archive_command` Postgres runs for every finished WAL segment. */
function archiveCommand(settings: PgbackrestSettings): string {
  return `pgbackrest --config=${configPath(settings)} --stanza=${settings.stanza} archive-push %p`;
}

/**
 * The server settings continuous archiving needs, as postgresql.conf lines. `archive_timeout`
 * bounds what a lost database takes with it: a segment is archived at least once a minute even
 * when it is not full, so a restore reaches within a minute of the loss.
 */
export function archiveSettings(settings: PgbackrestSettings): Record<string, string> {
  return {
    wal_level: 'replica',
    archive_mode: 'on',
    archive_command: archiveCommand(settings),
    archive_timeout: '60',
  };
}

async function writeConfig(settings: PgbackrestSettings): Promise<void> {
  await mkdir(settings.repo, { recursive: true });
  await writeFile(configPath(settings), configText(settings), { mode: 0o644 });
  if (settings.runAs && process.getuid?.() === 0) {
    // The repository belongs to the database user, who archives WAL into it.
    const { stdout } = await run('id', ['-u', settings.runAs]);
    const { stdout: gid } = await run('id', ['-g', settings.runAs]);
    await chown(settings.repo, Number(stdout.trim()), Number(gid.trim()));
    await chown(configPath(settings), Number(stdout.trim()), Number(gid.trim()));
  }
}

/** Runs one pgBackRest command with our configuration; rejects with pgBackRest's own message. */
async function pgbackrest(settings: PgbackrestSettings, args: readonly string[]): Promise<string> {
  await writeConfig(settings);
  const full = [`--config=${configPath(settings)}`, `--stanza=${settings.stanza}`, ...args];
  const asRoot = process.getuid?.() === 0;
  const [file, argv] =
    settings.runAs && asRoot
      ? ['runuser', ['-u', settings.runAs, '--', 'pgbackrest', ...full]]
      : ['pgbackrest', full];
  try {
    const { stdout } = await run(file, argv, { maxBuffer: 64 * 1024 * 1024, cwd: '/' });
    return stdout;
  } catch (error) {
    const failed = error as NodeJS.ErrnoException & { stdout?: string; stderr?: string };
    if (failed.code === 'ENOENT') {
      throw new Error(
        'pgbackrest is not installed (Debian: apt-get install pgbackrest); see docs/operations.md, "Backups".',
        { cause: error },
      );
    }
    const said = `${failed.stdout ?? ''}\n${failed.stderr ?? ''}`
      .split('\n')
      .filter((line) => /ERROR|HINT|WARN/.test(line))
      .join('\n')
      .trim();
    throw new Error(`pgbackrest ${args[0] ?? ''} failed: ${said || failed.message}`, {
      cause: error,
    });
  }
}

/** Creates the stanza and checks that Postgres archives WAL into the repository. */
export async function initStanza(settings: PgbackrestSettings): Promise<void> {
  await pgbackrest(settings, ['stanza-create']);
  await pgbackrest(settings, ['check']);
}

/** The part of `pgbackrest info --output=json` the wrapper reads. */
const infoSchema = z.array(
  z.object({
    name: z.string(),
    status: z.object({ code: z.number(), message: z.string() }),
    archive: z.array(z.object({ min: z.string().nullable(), max: z.string().nullable() })),
    backup: z.array(
      z.object({
        label: z.string(),
        type: z.enum(['full', 'diff', 'incr']),
        timestamp: z.object({ start: z.number(), stop: z.number() }),
        info: z.object({ size: z.number(), repository: z.object({ delta: z.number() }) }),
        prior: z.string().nullable(),
      }),
    ),
  }),
);

/** One backup in the repository. */
export type BackupSet = {
  readonly label: string;
  readonly type: 'full' | 'diff' | 'incr';
  readonly startedAt: string;
  readonly stoppedAt: string;
  /** Size of the database it copied, and what it added to the repository, in bytes. */
  readonly databaseBytes: number;
  readonly repositoryBytes: number;
  readonly prior: string | null;
};

/** The stanza's backups (oldest first) and archived WAL range. */
export type BackupInfo = {
  readonly status: string;
  readonly backups: readonly BackupSet[];
  readonly walFrom: string | null;
  readonly walTo: string | null;
};

const iso = (seconds: number) => new Date(seconds * 1000).toISOString();

/** What the repository holds. */
export async function backupInfo(settings: PgbackrestSettings): Promise<BackupInfo> {
  const parsed = infoSchema.parse(
    JSON.parse(await pgbackrest(settings, ['info', '--output=json'])),
  );
  const stanza = parsed.find((s) => s.name === settings.stanza);
  if (!stanza) throw new Error(`the repository has no stanza "${settings.stanza}"`);
  return {
    status: stanza.status.message,
    backups: stanza.backup.map((b) => ({
      label: b.label,
      type: b.type,
      startedAt: iso(b.timestamp.start),
      stoppedAt: iso(b.timestamp.stop),
      databaseBytes: b.info.size,
      repositoryBytes: b.info.repository.delta,
      prior: b.prior,
    })),
    walFrom: stanza.archive[0]?.min ?? null,
    walTo: stanza.archive.at(-1)?.max ?? null,
  };
}

/**
 * Takes a backup. An incremental one copies what changed since the last backup; without a full
 * backup in the repository pgBackRest takes a full one instead. Expires what the retention no
 * longer keeps. Resolves with the new backup set.
 */
export async function takeBackup(
  settings: PgbackrestSettings,
  type: 'full' | 'incr' | 'diff',
): Promise<BackupSet> {
  await pgbackrest(settings, ['backup', `--type=${type}`]);
  const latest = (await backupInfo(settings)).backups.at(-1);
  if (!latest) throw new Error('pgbackrest reported success but the repository lists no backup');
  return latest;
}

/** `2026-12-07T13:15:32.118Z` → `2026-12-07 13:15:32.118+00`, the form recovery_target_time takes. */
function recoveryTargetTime(at: Date): string {
  return `${at.toISOString().replace('T', ' ').replace('Z', '')}+00`;
}

/**
 * Restores the cluster's data folder to `at`: pgBackRest picks the newest backup that finished
 * before it, and Postgres replays archived WAL up to it when it next starts, then promotes (a new
 * timeline). The restore id and target go into the restored configuration as `kiryana.*`
 * settings, where the first server to start finds them (restore-epoch.ts). Refuses while
 * Postgres runs on the folder: stopping it is the operator's (and the service manager's) call.
 */
export async function restoreTo(
  settings: PgbackrestSettings,
  at: Date,
  restoreId: string,
): Promise<void> {
  if (existsSync(join(settings.pgData, 'postmaster.pid'))) {
    throw new Error(
      `Postgres is running on ${settings.pgData} (postmaster.pid exists): stop every sync server, then Postgres (e.g. pg_ctlcluster 15 main stop), and run the restore again.`,
    );
  }
  await pgbackrest(settings, [
    'restore',
    // Files that already match are kept: a restore over a damaged cluster copies only the rest.
    ...(existsSync(join(settings.pgData, 'PG_VERSION')) ? ['--delta'] : []),
    '--type=time',
    `--target=${recoveryTargetTime(at)}`,
    '--target-action=promote',
    `--recovery-option=kiryana.restore_id=${restoreId}`,
    `--recovery-option=kiryana.restore_target=${at.toISOString()}`,
  ]);
}
