import { execFile, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type Db, type PgbackrestSettings, archiveSettings } from '@kiryana/sync-server/operator';
import pg from 'pg';
import { type PrivatePostgres, startPrivatePostgres } from './private-postgres';
import { inheritedEnv } from './sim-env';

/**
 * The parts of the restore drill (restore-drill.test.ts): a private cluster that archives its WAL
 * into a pgBackRest repository, the operator's commands run exactly as an operator runs them
 * (`pnpm cli backup …`, `pnpm cli restore --to …`, the audit verifier, each a child process of
 * the server's own CLI), and the database readings the drill compares before and after.
 */

const run = promisify(execFile);
const SERVER_SRC = fileURLToPath(new URL('../../../apps/sync-server/src/', import.meta.url));

/** Why the drill cannot run here, or undefined when pgBackRest is installed. */
export function pgbackrestMissing(): string | undefined {
  const probe = spawnSync('pgbackrest', ['version'], { encoding: 'utf8' });
  return probe.status === 0
    ? undefined
    : 'pgbackrest is not installed (apt-get install pgbackrest)';
}

/** A private cluster with continuous archiving into a repository beside it. */
export type ArchivingCluster = {
  readonly cluster: PrivatePostgres;
  readonly settings: PgbackrestSettings;
  /** The environment `pnpm cli backup` / `restore` reads for this cluster. */
  readonly backupEnv: Readonly<Record<string, string>>;
};

/** Starts the cluster with WAL archiving set as `pnpm cli backup init` prints it. */
export async function startArchivingCluster(): Promise<ArchivingCluster | { unavailable: string }> {
  let settings: PgbackrestSettings | undefined;
  const cluster = await startPrivatePostgres({
    settings: ({ dir, dataDir, port }) => {
      settings = {
        stanza: 'drill',
        repo: join(dir, 'repo'),
        pgData: dataDir,
        pgPort: port,
        pgSocket: dir,
        retentionFull: 2,
        runAs: process.getuid?.() === 0 ? 'postgres' : undefined,
      };
      // A short archive_timeout keeps the drill's last seconds archived without waiting a minute.
      return { ...archiveSettings(settings), archive_timeout: '10' };
    },
  });
  if ('unavailable' in cluster) return cluster;
  if (!settings) throw new Error('the cluster did not ask for its settings');
  const backupEnv: Record<string, string> = {
    BACKUP_REPO: settings.repo,
    BACKUP_PG_DATA: settings.pgData,
    BACKUP_STANZA: settings.stanza,
    BACKUP_PG_SOCKET: settings.pgSocket,
    BACKUP_PG_PORT: String(settings.pgPort),
    BACKUP_RETENTION_FULL: String(settings.retentionFull),
    ...(settings.runAs ? { BACKUP_RUN_AS: settings.runAs } : {}),
  };
  return { cluster, settings, backupEnv };
}

/** Runs one of the server's command-line tools; resolves with its exit status and output. */
export async function serverCli(
  script: 'cli.ts' | 'audit-cli.ts',
  args: readonly string[],
  env: Readonly<Record<string, string>>,
): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ['--import', 'tsx', join(SERVER_SRC, script), ...args],
      { env: { ...inheritedEnv(), ...env }, maxBuffer: 16 * 1024 * 1024 },
    );
    return { code: 0, out: `${stdout}${stderr}` };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return {
      code: typeof failed.code === 'number' ? failed.code : 1,
      out: `${failed.stdout ?? ''}${failed.stderr ?? ''}`,
    };
  }
}

/** Each audit chain's last seq. */
export async function auditHeads(db: Db): Promise<Map<string, number>> {
  const { rows } = await db.query<{ chain: string; last_seq: string }>(
    'SELECT chain, last_seq::text FROM audit_chains ORDER BY chain',
  );
  return new Map(rows.map((r) => [r.chain, Number(r.last_seq)]));
}

/** Waits until the cluster has replayed to its target and promoted; resolves with the wait. */
export async function waitForPromotion(url: string, timeoutMs: number): Promise<number> {
  const started = performance.now();
  for (;;) {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      const { rows } = await client.query<{ r: boolean }>('SELECT pg_is_in_recovery() AS r');
      if (rows[0]?.r === false) return performance.now() - started;
    } catch {
      // Still starting up.
    } finally {
      await client.end().catch(() => undefined);
    }
    if (performance.now() - started > timeoutMs) {
      throw new Error(`the restored cluster did not promote within ${String(timeoutMs)} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
