import { randomBytes } from 'node:crypto';
import type { Hono } from 'hono';
import type { AppEnv, LiveHub } from './app-env';
import { type ServerDeps, createApp } from '../app';
import { deriveDeviceTokenKey } from '../auth/device-token';
import { createDeviceTokenVerifier } from '../features/devices/device-verifier';
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
  readonly deps: ServerDeps;
  readonly clock: TestClock;
  close(): Promise<void>;
};

/** Opens a migrated database and builds the app around it with quiet logs and a test clock. */
export async function openTestApp(
  database: TestDatabase,
  overrides: Partial<ServerDeps> & { revocationCacheMs?: number } = {},
): Promise<TestApp> {
  const db = await database.open();
  const clock = createTestClock();
  const key = deriveDeviceTokenKey(randomBytes(32).toString('base64url'));
  const { revocationCacheMs, ...rest } = overrides;
  const deps: ServerDeps = {
    db,
    clock,
    logger: createLogger('silent'),
    live: quietLiveHub,
    verifyDeviceToken: createDeviceTokenVerifier({ db, clock, key, revocationCacheMs }),
    deviceTokens: { key, ttlSec: 900 },
    maxBodyBytes: 64 * 1024,
    heartbeatMs: 20_000,
    ...rest,
  };
  return {
    app: createApp(deps),
    db,
    deps,
    clock,
    close: () => db.close(),
  };
}
