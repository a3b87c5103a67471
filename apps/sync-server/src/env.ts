import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { regionSyncEndpointsSchema } from '@kiryana/shared';
import { z } from 'zod';
import { backupEnvShape, pgliteBackupEveryShape } from './backup/backup-env';
import { ALL_ROLES, parseRoles } from './boot/roles';
import { identityEnvShape } from './features/identity/identity-env';
import { retentionEnvShape } from './features/retention/retention-env';
import { webhooksEnvShape } from './features/webhooks/webhooks-env';
import { LOG_LEVELS } from './http/logger';

/**
 * The server's configuration, parsed once from the environment. This is the only module that
 * reads `process.env`; everything else receives the parsed `Env`.
 */

/** The app folder (apps/sync-server), so defaults do not depend on the working directory. */
const APP_DIR = fileURLToPath(new URL('..', import.meta.url));

const booleanText = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((text) => text === 'true' || text === '1' || text === 'yes');

/** `900`, `900s`, `15m`, `2h` → seconds. */
const durationSec = z
  .string()
  .regex(/^[0-9]+(s|m|h)?$/, 'a duration such as 900, 900s, 15m or 1h')
  .transform((text) => {
    const n = Number.parseInt(text, 10);
    const unit = text.at(-1);
    return unit === 'h' ? n * 3600 : unit === 'm' ? n * 60 : n;
  })
  .pipe(z.number().int().min(60, 'at least 60 seconds').max(86_400, 'at most 24 hours'));

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65_535).default(8787),
  // Loopback by default: a demo must not open a port to the LAN. Set 0.0.0.0 for real terminals.
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'a postgres:// connection URL')
    .optional(),
  DATA_DIR: z.string().min(1).default(`${APP_DIR}.data`),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  DEVICE_TOKEN_SECRET: z.string().min(32, 'at least 32 characters').optional(),
  ACCESS_TOKEN_TTL: durationSec.default(900),
  MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(100 * 1024 * 1024)
    .default(4 * 1024 * 1024),
  HEARTBEAT_MS: z.coerce.number().int().min(1000).max(60_000).default(20_000),
  SEED_DEMO: booleanText.default(true),
  // /metrics: a bearer token every scrape presents, and/or a listener of its own (docs/operations.md).
  METRICS_TOKEN: z.string().min(16, 'at least 16 characters').optional(),
  METRICS_PORT: z.coerce.number().int().min(0).max(65_535).optional(),
  METRICS_HOST: z.string().min(1).optional(),
  // The event bus the outbox relay publishes to (docs/events.md): NATS JetStream when set, else
  // the in-process bus.
  NATS_URL: z
    .string()
    .regex(/^(nats|tls):\/\/[^\s]+$/, 'a nats:// or tls:// URL, several separated by commas')
    .optional(),
  // Days a published outbox row is kept before the relay's leader deletes it (docs/events.md).
  OUTBOX_RETENTION_DAYS: z.coerce.number().positive().max(3650).default(7),
  // Which parts this process runs (boot/roles.ts, docs/operations.md): one build, several roles.
  ROLES: z
    .string()
    .default(ALL_ROLES.join(','))
    .transform((text, ctx) => {
      const roles = parseRoles(text);
      if (typeof roles === 'string') ctx.addIssue({ code: 'custom', message: roles });
      return typeof roles === 'string' ? [] : roles;
    }),
  // After SIGTERM, how long /readyz answers 503 while requests are still served, so a gateway or
  // Kubernetes stops routing here before the listener closes (boot/drain.ts). 0 for development.
  DRAIN_MS: z.coerce.number().int().min(0).max(120_000).default(0),
  // The admin web's build served under /admin (default apps/admin-web/dist beside this app).
  ADMIN_DIST: z.string().min(1).optional(),
  // Sync endpoints handed to a terminal at enrolment when its region has no list of its own
  // (regions.sync_endpoints, set by HQ, wins): origins in fail-over order, this region's first,
  // separated by commas (docs/sync.md, "Regions"). Checked like HQ's list.
  SYNC_ENDPOINTS: z
    .string()
    .transform((text) => ({ endpoints: text.split(',').map((url) => url.trim()) }))
    .pipe(regionSyncEndpointsSchema)
    .transform(({ endpoints }) => endpoints.map((url) => new URL(url).origin))
    .optional(),
  // Identity, access and TLS (features/identity/identity-env.ts, docs/security.md).
  ...identityEnvShape,
  // Webhook targets (features/webhooks/webhooks-env.ts, docs/webhooks.md).
  ...webhooksEnvShape,
  // What the retention job of the `jobs` role keeps (features/retention/retention-env.ts).
  ...retentionEnvShape,
  // Backups and restores (backup/backup-env.ts, docs/operations.md "Backups").
  ...backupEnvShape,
  ...pgliteBackupEveryShape,
});

/** The parsed configuration. */
export type Env = Omit<z.infer<typeof envSchema>, 'METRICS_HOST'> & {
  readonly pgliteDir: string;
  /** Where the metrics listener binds when METRICS_PORT is set (loopback unless told). */
  readonly METRICS_HOST: string;
};

/** Problems found in the environment, one readable line each. */
export class EnvError extends Error {
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(`Invalid environment:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'EnvError';
    this.problems = problems;
  }
}

/** Parses an environment; empty values count as unset. Throws EnvError listing every problem. */
export function parseEnv(source: Readonly<Record<string, string | undefined>>): Env {
  const present = Object.fromEntries(
    Object.entries(source).filter(([, value]) => value !== undefined && value.trim() !== ''),
  );
  const result = envSchema.safeParse(present);
  if (!result.success) {
    throw new EnvError(
      result.error.issues.map((issue) => `${issue.path.join('.') || '(env)'}: ${issue.message}`),
    );
  }
  const env = result.data;
  if (env.NODE_ENV === 'production' && !env.DEVICE_TOKEN_SECRET) {
    // Several processes must verify each other's tokens: a per-machine generated secret cannot do.
    throw new EnvError(['DEVICE_TOKEN_SECRET: required when NODE_ENV=production']);
  }
  const problems: string[] = [];
  if (env.METRICS_HOST !== undefined && env.METRICS_PORT === undefined) {
    problems.push('METRICS_HOST: only with METRICS_PORT (the metrics listener it binds)');
  }
  if (env.METRICS_PORT !== undefined && env.METRICS_PORT !== 0 && env.METRICS_PORT === env.PORT) {
    problems.push('METRICS_PORT: must differ from PORT');
  }
  if (problems.length > 0) throw new EnvError(problems);
  const dataDir = resolve(env.DATA_DIR);
  return {
    ...env,
    METRICS_HOST: env.METRICS_HOST ?? '127.0.0.1',
    DATA_DIR: dataDir,
    pgliteDir: join(dataDir, 'pglite'),
  };
}

/**
 * Parses `process.env` with `overrides` (the command line's, e.g. `--role`) on top, or prints the
 * problems and exits with status 1.
 */
export function loadEnv(overrides: Readonly<Record<string, string>> = {}): Env {
  try {
    return parseEnv({ ...process.env, ...overrides });
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}
