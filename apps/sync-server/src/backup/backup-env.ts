import { z } from 'zod';

/**
 * The environment of `pnpm cli backup` / `restore` (backup/*.ts), as a zod shape that env.ts
 * spreads into its one schema. Every one may also be given as a flag, which wins
 * (backup-config.ts). docs/operations.md, "Backups", lists them with a deployment's values.
 */
export const backupEnvShape = {
  /** pgBackRest's repository folder (Postgres): backups and archived WAL. */
  BACKUP_REPO: z.string().min(1).optional(),
  /** The Postgres cluster's data folder, as pgBackRest reads and restores it. */
  BACKUP_PG_DATA: z.string().min(1).optional(),
  /** The stanza (pgBackRest's name for one cluster's backups). */
  BACKUP_STANZA: z
    .string()
    .regex(/^[a-z0-9_-]{1,40}$/, 'lower-case letters, digits, _ and -')
    .default('kiryana'),
  /** Full backups kept (Postgres; older ones and their WAL expire), or dumps kept (PGlite). */
  BACKUP_RETENTION_FULL: z.coerce.number().int().min(1).max(100).default(2),
  /** The Unix-socket folder pgBackRest reaches Postgres through (default: DATABASE_URL's host). */
  BACKUP_PG_SOCKET: z.string().startsWith('/', 'an absolute folder').optional(),
  /** The port pgBackRest reaches Postgres on (default: DATABASE_URL's port, else 5432). */
  BACKUP_PG_PORT: z.coerce.number().int().min(1).max(65_535).optional(),
  /** The OS user pgBackRest runs as (the owner of the data folder), via `runuser` when root. */
  BACKUP_RUN_AS: z
    .string()
    .regex(/^[a-z_][a-z0-9_-]*$/, 'an OS user name')
    .optional(),
  /** Where embedded PGlite's dumps go (default `<DATA_DIR>/backups`). */
  BACKUP_DIR: z.string().min(1).optional(),
};

/** `30m`, `6h` → milliseconds: how often a server on embedded PGlite dumps its database. */
export const pgliteBackupEveryShape = {
  BACKUP_PGLITE_EVERY: z
    .string()
    .regex(/^[0-9]+(m|h)$/, 'minutes or hours, such as 30m or 6h')
    .transform((text) => Number.parseInt(text, 10) * (text.endsWith('h') ? 3_600_000 : 60_000))
    .pipe(
      z
        .number()
        .min(60_000, 'at least 1m')
        .max(7 * 86_400_000, 'at most a week'),
    )
    .optional(),
};

/**
 * What the backup commands read of the parsed environment (env.ts's `Env` has all of it); typed
 * here so backup/ does not import the module that spreads its shapes.
 */
export type BackupEnv = z.infer<z.ZodObject<typeof backupEnvShape>> & {
  readonly DATABASE_URL?: string | undefined;
  readonly DATA_DIR: string;
  readonly pgliteDir: string;
};
