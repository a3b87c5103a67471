/**
 * The environment of the server's tests, read here and nowhere else (NATS in test-nats-env.ts).
 * Under CI=true a missing Postgres or Chromium fails a suite instead of skipping it.
 */

/** Whether this is a CI run. */
export const isCi = process.env.CI === 'true';

/** The admin URL of the test Postgres as configured, or undefined. */
export const configuredPgUrl = process.env.TEST_PG_URL || undefined;

/**
 * The environment a server child inherits: this process's, less DATABASE_URL, so the child opens
 * the database it is given (or its own PGlite) and never the developer's.
 */
export function serverChildEnv(): NodeJS.ProcessEnv {
  const { DATABASE_URL: _ignored, ...inherited } = process.env;
  return inherited;
}
