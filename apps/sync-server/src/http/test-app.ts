import type { Hono } from 'hono';
import type { AppDeps, AppEnv, LiveHub } from '../app-env';
import { createApp } from '../app';
import type { TestDatabase, TestDb } from '../testing/test-databases';
import { createLogger } from './logger';

/** A clock tests move by hand. */
export type TestClock = {
  now: () => number;
  set: (ms: number) => void;
  advance: (ms: number) => void;
};

/** A settable clock starting at `startMs`. */
export function createTestClock(startMs = Date.UTC(2026, 3, 1, 4, 30)): TestClock {
  let t = startMs;
  return {
    now: () => t,
    set: (ms) => {
      t = ms;
    },
    advance: (ms) => {
      t += ms;
    },
  };
}

const quietLiveHub: LiveHub = {
  publish: () => Promise.resolve(),
  subscribe: () => () => undefined,
  close: () => Promise.resolve(),
};

/** An app over a freshly migrated test database. */
export type TestApp = {
  readonly app: Hono<AppEnv>;
  readonly db: TestDb;
  readonly deps: AppDeps;
  readonly clock: TestClock;
  close(): Promise<void>;
};

/** Opens a migrated database and builds the app around it with quiet logs and a test clock. */
export async function openTestApp(
  database: TestDatabase,
  overrides: Partial<AppDeps> = {},
): Promise<TestApp> {
  const db = await database.open();
  const clock = createTestClock();
  const deps: AppDeps = {
    db,
    clock,
    logger: createLogger('silent'),
    live: quietLiveHub,
    verifyDeviceToken: () => Promise.reject(new Error('no device auth in this test app')),
    maxBodyBytes: 64 * 1024,
    heartbeatMs: 20_000,
    ...overrides,
  };
  return {
    app: createApp(deps),
    db,
    deps,
    clock,
    close: () => db.close(),
  };
}
