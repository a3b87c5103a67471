import { randomUUID } from 'node:crypto';
import { AppError, errorEnvelope, httpStatusOf } from '@kiryana/shared';
import { Hono } from 'hono';
import { pino } from 'pino';
import type { AppDeps, AppEnv, LiveHub } from '../app-env';
import type { DevicePrincipal } from '../auth/principal';
import type { Db } from '../db/db';
import { createSyncRoutes } from '../features/sync/sync.routes';
import { createLiveHub } from '../live/live-hub';

/**
 * A tiny app around the sync routes for tests that run before (or without) the real app shell:
 * the device comes from a test header instead of an access token, and AppError maps to the
 * shared envelope exactly as the shell's error handler does.
 */

/** Header carrying the JSON of the calling DevicePrincipal in the test app. */
export const TEST_DEVICE_HEADER = 'x-test-device';

/** A device of a store, for tests. */
export function testDevice(
  storeId: string,
  regionId = 'r1',
  deviceId = `dev-${storeId}`,
): DevicePrincipal {
  return { kind: 'device', deviceId, storeId, regionId, terminalCode: 'T1' };
}

/** AppDeps around a real database, with a silent logger and a live hub on that database. */
export async function createTestDeps(
  db: Db,
  overrides: Partial<AppDeps> = {},
): Promise<AppDeps & { live: LiveHub }> {
  const live = overrides.live ?? (await createLiveHub(db));
  return {
    db,
    clock: { now: () => Date.now() },
    logger: pino({ level: 'silent' }),
    live,
    verifyDeviceToken: () =>
      Promise.reject(new AppError('UNAUTHENTICATED', 'Test app: no tokens.')),
    maxBodyBytes: 1_000_000,
    heartbeatMs: 20_000,
    ...overrides,
  };
}

/** The sync routes at `/v1/sync`, the device taken from TEST_DEVICE_HEADER. */
export function createSyncTestApp(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('*', async (c, next) => {
    c.set('requestId', randomUUID());
    c.set('logger', deps.logger);
    await next();
  });
  app.use('/v1/sync/*', async (c, next) => {
    const header = c.req.header(TEST_DEVICE_HEADER);
    if (!header) throw new AppError('UNAUTHENTICATED', 'No device.');
    c.set('device', JSON.parse(header) as DevicePrincipal);
    await next();
  });
  app.route('/v1/sync', createSyncRoutes(deps));
  app.notFound((c) => c.json(errorEnvelope('NOT_FOUND', 'No such route.'), 404));
  app.onError((error, c) => {
    if (error instanceof AppError) {
      return c.json(error.toEnvelope(), httpStatusOf(error.code) as 400);
    }
    deps.logger.error({ err: error }, 'unhandled');
    return c.json(errorEnvelope('INTERNAL', 'Internal error.'), 500);
  });
  return app;
}

/** Something that answers HTTP requests: an app's `request`, or a real fetch against a server. */
export type Fetcher = (path: string, init?: RequestInit) => Promise<Response>;

/** A fetcher calling the test app as `device`. */
export function testAppFetcher(app: Hono<AppEnv>, device: DevicePrincipal): Fetcher {
  return async (path, init = {}) => {
    const headers = new Headers(init.headers);
    headers.set(TEST_DEVICE_HEADER, JSON.stringify(device));
    return app.request(path, { ...init, headers });
  };
}
