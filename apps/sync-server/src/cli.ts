import { pathToFileURL } from 'node:url';
import { AppError, type Clock } from '@kiryana/shared';
import { BACKUP_USAGE, runBackupCommand, runRestoreCommand } from './backup/backup-cli';
import { deriveOperatorToken } from './auth/device-token';
import { resolveDeviceTokenSecret } from './auth/token-secret';
import { openDatabase } from './boot/open-database';
import { readPgliteOwner } from './boot/pglite-owner';
import type { Db } from './db/db';
import { migrate } from './db/migrate';
import { type Env, loadEnv } from './env';
import type { EnrolmentCodeIssued } from './features/devices/device.service';
import { createEnrolmentCode, listDevices, revokeDevice } from './features/devices/device.service';
import type { DeviceListing } from './features/devices/device.queries';
import { seedDemoIfEmpty } from './features/seed/seed.service';

/**
 * `pnpm cli <command>`: operator commands against the configured database. When the database is
 * embedded PGlite held by a running server (one process only), device commands go to that
 * server's `/v1/operator` endpoints instead, authenticated by the operator token derived from
 * the secret in the data folder.
 */

const USAGE = `Usage: pnpm cli <command>

  enroll <store-code> [--hours N]   one-time enrolment code for a terminal of the store (default 24 h)
  revoke <device-id>                revoke a device; its next sync request gets 401
  devices [store-code]              list enrolled devices
  migrate                           apply pending database migrations
  seed                              seed the demo chain into an empty database
${BACKUP_USAGE}

Configuration comes from the same environment as the server (DATABASE_URL, DATA_DIR, …).`;

/** Where the CLI writes, and its clock; injectable for tests. */
export type CliIo = {
  readonly env: Env;
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  readonly clock?: Clock;
};

type Operations = {
  enroll(storeCode: string, ttlHours: number): Promise<EnrolmentCodeIssued>;
  revoke(deviceId: string): Promise<{ deviceId: string; revokedAt: string }>;
  devices(storeCode?: string): Promise<DeviceListing[]>;
};

/** Runs one command; resolves to the process exit status. */
export async function runCli(args: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = args;
  if (!command || command === 'help' || command === '--help') {
    io.out(USAGE);
    return command ? 0 : 2;
  }
  const env = io.env;
  const clock = io.clock ?? { now: () => Date.now() };
  try {
    switch (command) {
      case 'enroll': {
        const storeCode = rest[0];
        const hours = hoursOf(rest.slice(1));
        if (!storeCode || hours === undefined) return usage(io, 'enroll <store-code> [--hours N]');
        const issued = await withOperations(env, clock, (ops) => ops.enroll(storeCode, hours));
        io.out(`Enrolment code for ${issued.storeCode} (${issued.storeName}): ${issued.code}`);
        io.out(`Valid once, until ${issued.expiresAt}. Enter it on the terminal to enrol it.`);
        return 0;
      }
      case 'revoke': {
        const deviceId = rest[0];
        if (!deviceId || rest.length > 1) return usage(io, 'revoke <device-id>');
        const revoked = await withOperations(env, clock, (ops) => ops.revoke(deviceId));
        io.out(`Revoked device ${revoked.deviceId} at ${revoked.revokedAt}.`);
        return 0;
      }
      case 'devices': {
        const list = await withOperations(env, clock, (ops) => ops.devices(rest[0]));
        if (list.length === 0) io.out('No devices.');
        for (const d of list) {
          const seen = d.lastSeenMs === null ? 'never' : new Date(d.lastSeenMs).toISOString();
          io.out(
            `${d.id}  ${d.storeCode} ${d.terminalCode.padEnd(4)} ${d.status.padEnd(7)} last seen ${seen}  ${d.name}`,
          );
        }
        return 0;
      }
      case 'migrate': {
        const applied = await withDatabase(env, (db) => migrate(db));
        io.out(applied.length ? `Applied ${applied.join(', ')}.` : 'The database is up to date.');
        return 0;
      }
      case 'seed': {
        const summary = await withDatabase(env, async (db) => {
          await migrate(db);
          return seedDemoIfEmpty({ db, clock });
        });
        io.out(
          summary
            ? `Seeded ${JSON.stringify(summary)}.`
            : 'The database already has stores; nothing seeded.',
        );
        return 0;
      }
      case 'backup':
        return await runBackupCommand(rest, { env, out: io.out, clock });
      case 'restore':
        return await runRestoreCommand(rest, { env, out: io.out, clock });
      default:
        io.err(`Unknown command "${command}".\n\n${USAGE}`);
        return 2;
    }
  } catch (error) {
    if (error instanceof AppError) {
      io.err(`${error.code}: ${error.message}`);
      return 1;
    }
    io.err(error instanceof Error ? error.message : String(error));
    return 1;
  }
}

function usage(io: CliIo, line: string): number {
  io.err(`Usage: pnpm cli ${line}`);
  return 2;
}

function hoursOf(flags: readonly string[]): number | undefined {
  if (flags.length === 0) return 24;
  if (flags.length !== 2 || flags[0] !== '--hours') return undefined;
  const hours = Number(flags[1]);
  return Number.isInteger(hours) && hours >= 1 && hours <= 168 ? hours : undefined;
}

async function withDatabase<T>(env: Env, fn: (db: Db) => Promise<T>): Promise<T> {
  if (!env.DATABASE_URL) {
    const owner = await readPgliteOwner(env.DATA_DIR);
    if (owner) {
      throw new Error(
        `The server (pid ${owner.pid}, ${owner.url}) holds the embedded database in ${env.DATA_DIR}; stop it first (it migrates on start anyway).`,
      );
    }
  }
  const { db } = await openDatabase(env);
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

async function withOperations<T>(
  env: Env,
  clock: Clock,
  fn: (ops: Operations) => Promise<T>,
): Promise<T> {
  const owner = env.DATABASE_URL ? undefined : await readPgliteOwner(env.DATA_DIR);
  if (owner) {
    const { secret } = await resolveDeviceTokenSecret(env.DEVICE_TOKEN_SECRET, env.DATA_DIR);
    return fn(httpOperations(owner.url, deriveOperatorToken(secret)));
  }
  return withDatabase(env, async (db) => {
    await migrate(db);
    const deps = { db, clock };
    return fn({
      enroll: (storeCode, ttlHours) => createEnrolmentCode(deps, storeCode, ttlHours * 3_600_000),
      revoke: (deviceId) => revokeDevice(deps, deviceId),
      devices: (storeCode) => listDevices(deps, storeCode),
    });
  });
}

function httpOperations(baseUrl: string, token: string): Operations {
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${baseUrl}/v1/operator${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const json = (await res.json()) as T | { error?: { code?: string; message?: string } };
    if (!res.ok) {
      const error = (json as { error?: { code?: string; message?: string } }).error;
      throw new AppError(
        (error?.code as AppError['code'] | undefined) ?? 'INTERNAL',
        error?.message ?? `HTTP ${res.status}`,
      );
    }
    return json as T;
  };
  return {
    enroll: (storeCode, ttlHours) => call('POST', '/enrolment-codes', { storeCode, ttlHours }),
    revoke: (deviceId) => call('POST', `/devices/${encodeURIComponent(deviceId)}/revoke`),
    devices: (storeCode) =>
      call('GET', `/devices${storeCode ? `?store=${encodeURIComponent(storeCode)}` : ''}`),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runCli(process.argv.slice(2), {
    env: loadEnv(),
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  }).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(
        `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exit(1);
    },
  );
}
