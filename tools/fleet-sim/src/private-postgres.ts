import { execFile, execFileSync } from 'node:child_process';
import { appendFileSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port';

/**
 * A Postgres cluster of our own, in a temporary folder on a free port, so a test may restart its
 * database without touching the machine's shared Postgres that other suites run against. Built
 * with the installed server binaries (`/usr/lib/postgresql/<version>/bin`): initdb, then pg_ctl.
 * Postgres refuses to run as root, so as root the cluster belongs to the `postgres` user and every
 * command runs through `runuser -u postgres --`.
 */

const run = promisify(execFile);

/** A running private cluster. */
export type PrivatePostgres = {
  /** Superuser URL of its `postgres` database (trust auth, loopback only). */
  readonly adminUrl: string;
  readonly port: number;
  /** `pg_ctl restart -m immediate`: every backend dies mid-transaction, like a crash and recovery. */
  restart(): Promise<void>;
  stop(): Promise<void>;
  /** Its data folder and the folder of its Unix socket (what pgBackRest reads and restores). */
  readonly dataDir: string;
  readonly socketDir: string;
  /** The OS user its files belong to when it runs through runuser (as root), else undefined. */
  readonly osUser: string | undefined;
  /** `pg_ctl stop -m fast`, keeping the data folder (to restore into it). */
  halt(): Promise<void>;
  /** Starts it again after `halt`, with the same port and settings. */
  start(): Promise<void>;
};

/** Extra server settings, written into postgresql.conf after initdb (e.g. WAL archiving). */
export type PrivatePostgresOptions = {
  readonly settings?: (cluster: {
    readonly dir: string;
    readonly dataDir: string;
    readonly port: number;
  }) => Readonly<Record<string, string>>;
};

function binDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((name) => existsSync(join(root, name, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? undefined : join(root, versions[0], 'bin');
}

async function postgresUser(): Promise<{ uid: number; gid: number } | undefined> {
  try {
    const [uid, gid] = await Promise.all([
      run('id', ['-u', 'postgres']),
      run('id', ['-g', 'postgres']),
    ]);
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  } catch {
    return undefined;
  }
}

/**
 * Starts a private cluster, or answers why it cannot (no server binaries, root without a
 * `postgres` user, initdb failing); callers then fall back to terminating backends.
 */
export async function startPrivatePostgres(
  options: PrivatePostgresOptions = {},
): Promise<PrivatePostgres | { unavailable: string }> {
  const bin = binDir();
  if (!bin) return { unavailable: 'no Postgres server binaries under /usr/lib/postgresql' };
  const isRoot = process.getuid?.() === 0;
  const owner = isRoot ? await postgresUser() : undefined;
  if (isRoot && !owner) return { unavailable: 'running as root and there is no postgres user' };
  const dir = mkdtempSync(join(tmpdir(), 'kiryana-pg-'));
  const dataDir = join(dir, 'data');
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const as = (command: string, args: string[]) =>
    isRoot
      ? run('runuser', ['-u', 'postgres', '--', join(bin, command), ...args])
      : run(join(bin, command), args);
  const port = await freePort();
  const ctl = (action: string, extra: string[] = []) =>
    as('pg_ctl', [action, '-D', dataDir, '-w', '-t', '60', ...extra]);
  const startArgs = [
    '-l',
    join(dir, 'log'),
    '-o',
    // Few connections and small buffers: a test database on a shared machine.
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200 -c shared_buffers=64MB -c fsync=on`,
  ];
  try {
    await as('initdb', ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync']);
    const extra = options.settings?.({ dir, dataDir, port }) ?? {};
    // In the file rather than on pg_ctl's command line: values with spaces need no shell quoting,
    // and a restored data folder brings them back with it.
    appendFileSync(
      join(dataDir, 'postgresql.conf'),
      Object.entries(extra)
        .map(([name, value]) => `${name} = '${value.replace(/'/g, "''")}'\n`)
        .join(''),
    );
    await ctl('start', startArgs);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    return { unavailable: `private cluster failed to start: ${String(error).slice(0, 300)}` };
  }
  let stopped = false;
  // A failed run must not leave a cluster running: stop it synchronously as the process exits.
  const stopOnExit = () => {
    const args = ['stop', '-D', dataDir, '-m', 'immediate'];
    try {
      if (isRoot) execFileSync('runuser', ['-u', 'postgres', '--', join(bin, 'pg_ctl'), ...args]);
      else execFileSync(join(bin, 'pg_ctl'), args);
    } catch {
      // Already stopped.
    }
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', stopOnExit);
  return {
    adminUrl: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    dataDir,
    socketDir: dir,
    osUser: isRoot ? 'postgres' : undefined,
    async restart() {
      await ctl('restart', ['-m', 'immediate', ...startArgs]);
    },
    async halt() {
      await ctl('stop', ['-m', 'fast']);
    },
    async start() {
      await ctl('start', startArgs);
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      process.off('exit', stopOnExit);
      await ctl('stop', ['-m', 'immediate']).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
