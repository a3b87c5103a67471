/**
 * The environment of the admin web's end-to-end suite, read here and nowhere else. Under CI=true a
 * missing Chromium or Postgres fails the suite instead of skipping it.
 */

/** Whether this is a CI run. */
export const isCi = process.env.CI === 'true';

/** The admin URL of the test Postgres, or undefined when none is configured. */
export const testPgUrl = process.env.TEST_PG_URL || undefined;

/**
 * The environment a server child inherits: this process's, less DATABASE_URL, since the child is
 * given a database of its own.
 */
export function serverChildEnv(): NodeJS.ProcessEnv {
  const { DATABASE_URL: _ignored, ...inherited } = process.env;
  return inherited;
}
