/**
 * The environment of the terminal's end-to-end and server-backed suites, read here and nowhere
 * else. Under CI=true a missing Chromium or Postgres fails a suite instead of skipping it.
 */

/** Whether this is a CI run. */
export const isCi = process.env.CI === 'true';

/** The admin URL of the test Postgres as configured, or undefined. */
export const configuredPgUrl = process.env.TEST_PG_URL || undefined;

/** The environment a sync-server child inherits from this process, before its own settings. */
export function inheritedEnv(): NodeJS.ProcessEnv {
  return { ...process.env };
}
