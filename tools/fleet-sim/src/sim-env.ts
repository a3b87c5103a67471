/**
 * The environment of `pnpm sim` and of the server processes it starts, read here and nowhere else
 * (the system tests have theirs in system-test-env.ts).
 */

/** The Postgres admin URL of a run: DATABASE_URL, else TEST_PG_URL, else none. */
export function simPgUrl(): string | undefined {
  return process.env.DATABASE_URL || process.env.TEST_PG_URL || undefined;
}

/** The environment a sync-server child inherits from this process, before its own settings. */
export function inheritedEnv(): NodeJS.ProcessEnv {
  return { ...process.env };
}

/** Debian's HAProxy, or HAPROXY_BIN (the gateway of the system tests and `--gateway haproxy`). */
export function haproxyBinary(): string {
  return process.env.HAPROXY_BIN || '/usr/sbin/haproxy';
}
