import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

/**
 * Running pg_auto_failover's `pg_autoctl` (Debian's pg-auto-failover-cli, with the monitor's
 * extension from postgresql-15-auto-failover) for clusters in a folder of their own. pg_autoctl
 * keeps its configuration and state under XDG folders, normally in the user's home: pointing
 * them into the cluster's folder keeps runs apart and leaves nothing behind. As root everything
 * runs as the `postgres` user (Postgres refuses root), as private-postgres.ts does.
 */

const run = promisify(execFile);

/** Where Debian's pg-auto-failover-cli puts pg_autoctl. */
const PG_AUTOCTL = '/usr/bin/pg_autoctl';

/** The newest installed Postgres server's pg_ctl (pg_autoctl is told it explicitly). */
function pgCtlBinary(): string | undefined {
  for (const version of ['17', '16', '15', '14', '13']) {
    const path = `/usr/lib/postgresql/${version}/bin/pg_ctl`;
    if (existsSync(path)) return path;
  }
  return undefined;
}

/**
 * The pg_autoctl and pg_ctl binaries, or an error naming what to install: the fail-over drill
 * never skips silently (system-test-env.ts decides when it may skip at all).
 */
export function requirePgAutoctl(): { pgAutoctl: string; pgCtl: string } {
  const pgAutoctl = PG_AUTOCTL;
  const pgCtl = pgCtlBinary();
  if (!existsSync(pgAutoctl) || !pgCtl) {
    throw new Error(
      `pg_auto_failover is not installed (${pgAutoctl}${pgCtl ? '' : ', pg_ctl'} missing): ` +
        'apt-get install postgresql-15-auto-failover pg-auto-failover-cli (.ci/run installs them)',
    );
  }
  return { pgAutoctl, pgCtl };
}

/** How to run pg_autoctl for one cluster folder. */
export type AutoctlRunner = {
  /** Runs a pg_autoctl command to its end; rejects with its output when it fails. */
  command(args: readonly string[], timeoutMs?: number): Promise<string>;
  /** Starts a long-running `pg_autoctl` (e.g. `run`) in a process group of its own. */
  spawn(args: readonly string[], logFile: string): ChildProcess;
};

/** A runner whose pg_autoctl keeps its state under `dir` and runs as `postgres` when root. */
export function autoctlRunner(dir: string, pgAutoctl: string, asPostgres: boolean): AutoctlRunner {
  const env = [
    `XDG_CONFIG_HOME=${join(dir, 'config')}`,
    `XDG_DATA_HOME=${join(dir, 'share')}`,
    `XDG_RUNTIME_DIR=${join(dir, 'run')}`,
  ];
  const argv = (args: readonly string[]): [string, string[]] =>
    asPostgres
      ? ['runuser', ['-u', 'postgres', '--', 'env', ...env, pgAutoctl, ...args]]
      : ['env', [...env, pgAutoctl, ...args]];
  return {
    async command(args, timeoutMs = 120_000) {
      const [file, list] = argv(args);
      try {
        const { stdout, stderr } = await run(file, list, { cwd: dir, timeout: timeoutMs });
        return `${stdout}${stderr}`;
      } catch (error) {
        const e = error as { stdout?: string; stderr?: string; message: string };
        const tail = `${e.stdout ?? ''}${e.stderr ?? ''}`.split('\n').slice(-15).join('\n');
        throw new Error(`pg_autoctl ${args.slice(0, 2).join(' ')} failed: ${e.message}\n${tail}`, {
          cause: error,
        });
      }
    },
    spawn(args, logFile) {
      const [file, list] = argv(args);
      // The shell only redirects the output to the node's log file (read on failures).
      return spawn('sh', ['-c', `exec "$@" >>"${logFile}" 2>&1`, 'sh', file, ...list], {
        cwd: dir,
        // A group of its own: kill -9 of the group takes the keeper and its Postgres at once.
        detached: true,
        stdio: 'ignore',
      });
    },
  };
}
