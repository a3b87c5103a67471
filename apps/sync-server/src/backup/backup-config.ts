import { join } from 'node:path';
import type { BackupEnv } from './backup-env';
import type { PgbackrestSettings } from './pgbackrest';

/**
 * The settings of one `backup` / `restore` command: flags win over the environment
 * (backup-env.ts). A Postgres deployment (DATABASE_URL set) backs up with pgBackRest and needs a
 * repository and the data folder; embedded PGlite dumps into a folder. Every missing or malformed
 * setting is named in one error, with the variable and the flag that would give it.
 */

/** The flags every backup command takes, and the variables they stand for. */
const FLAGS = {
  '--repo': 'BACKUP_REPO',
  '--pg-data': 'BACKUP_PG_DATA',
  '--stanza': 'BACKUP_STANZA',
  '--retention-full': 'BACKUP_RETENTION_FULL',
  '--pg-socket': 'BACKUP_PG_SOCKET',
  '--pg-port': 'BACKUP_PG_PORT',
  '--run-as': 'BACKUP_RUN_AS',
  '--dir': 'BACKUP_DIR',
} as const;

type Flag = keyof typeof FLAGS;

/** Where backups go, by deployment. */
export type BackupTarget =
  | { readonly kind: 'pgbackrest'; readonly settings: PgbackrestSettings }
  | {
      readonly kind: 'pglite';
      readonly dir: string;
      readonly pgliteDir: string;
      readonly dataDir: string;
      readonly keep: number;
    };

/** A command's flags split into backup settings and the rest (`--type`, `--to`). */
export type ParsedFlags = {
  readonly settings: Partial<Record<Flag, string>>;
  readonly other: ReadonlyMap<string, string>;
  readonly positional: readonly string[];
};

/** Reads `--name value` and `--name=value` pairs. */
export function parseFlags(args: readonly string[]): ParsedFlags {
  const settings: Partial<Record<Flag, string>> = {};
  const other = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg : arg.slice(0, eq);
    const value = eq === -1 ? args[++i] : arg.slice(eq + 1);
    if (value === undefined || value === '') throw new Error(`${name} needs a value`);
    if (name in FLAGS) settings[name as Flag] = value;
    else other.set(name, value);
  }
  return { settings, other, positional };
}

/** DATABASE_URL's port and socket folder, when it names them (one host only). */
function fromDatabaseUrl(url: string): { port?: number; socket?: string } {
  try {
    const parsed = new URL(url);
    const host = parsed.searchParams.get('host') ?? decodeURIComponent(parsed.hostname);
    return {
      ...(parsed.port ? { port: Number(parsed.port) } : {}),
      ...(host.startsWith('/') ? { socket: host } : {}),
    };
  } catch {
    // A multi-host URL (host1:5432,host2:5432) is not a WHATWG URL: the flags must say.
    return {};
  }
}

/** Resolves where this deployment's backups go; throws naming every missing setting. */
export function resolveBackupTarget(env: BackupEnv, flags: ParsedFlags): BackupTarget {
  const pick = (flag: Flag): string | undefined => {
    const fromEnv = env[FLAGS[flag]];
    return flags.settings[flag] ?? (fromEnv === undefined ? undefined : String(fromEnv));
  };
  const problems: string[] = [];
  const number = (flag: Flag, min: number, max: number): number | undefined => {
    const text = pick(flag);
    if (text === undefined) return undefined;
    const n = Number(text);
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(
        `${flag} (${FLAGS[flag]}): a whole number from ${String(min)} to ${String(max)}`,
      );
    }
    return n;
  };
  const keep = number('--retention-full', 1, 100) ?? 2;
  if (!env.DATABASE_URL) {
    if (problems.length > 0) throw new Error(`Backup settings:\n  ${problems.join('\n  ')}`);
    return {
      kind: 'pglite',
      dir: pick('--dir') ?? join(env.DATA_DIR, 'backups'),
      pgliteDir: env.pgliteDir,
      dataDir: env.DATA_DIR,
      keep,
    };
  }
  const url = fromDatabaseUrl(env.DATABASE_URL);
  const repo = pick('--repo');
  const pgData = pick('--pg-data');
  const stanza = pick('--stanza') ?? 'kiryana';
  const socket = pick('--pg-socket') ?? url.socket ?? '/var/run/postgresql';
  const runAs = pick('--run-as');
  if (!repo) problems.push('--repo (BACKUP_REPO): the pgBackRest repository folder');
  if (!pgData) problems.push("--pg-data (BACKUP_PG_DATA): the Postgres cluster's data folder");
  if (!/^[a-z0-9_-]{1,40}$/.test(stanza)) {
    problems.push('--stanza (BACKUP_STANZA): lower-case letters, digits, _ and -');
  }
  if (!socket.startsWith('/')) problems.push('--pg-socket (BACKUP_PG_SOCKET): an absolute folder');
  if (runAs !== undefined && !/^[a-z_][a-z0-9_-]*$/.test(runAs)) {
    problems.push('--run-as (BACKUP_RUN_AS): an OS user name');
  }
  const port = number('--pg-port', 1, 65_535) ?? url.port ?? 5432;
  if (problems.length > 0 || !repo || !pgData) {
    throw new Error(`Backup settings:\n  ${problems.join('\n  ')}`);
  }
  return {
    kind: 'pgbackrest',
    settings: {
      stanza,
      repo,
      pgData,
      pgPort: port,
      pgSocket: socket,
      retentionFull: keep,
      runAs,
    },
  };
}
