import { randomBytes } from 'node:crypto';
import type { Hono } from 'hono';
import { pino } from 'pino';
import { type ServerDeps, createApp } from '../app';
import type { AppEnv, LiveHub } from '../http/app-env';
import { deriveDeviceTokenKey } from '../auth/device-token';
import { createDeviceTokenVerifier } from '../features/devices/device-verifier';
import type { DevicePrincipal } from '../auth/principal';
import type { Db } from '../db/db';
import { createEnrolmentCode } from '../features/devices/device.service';
import { createLiveHub } from '../live/live-hub';

/**
 * The real app (`createApp`) around a test database, for the sync suites: real device enrolment
 * and access tokens, a live hub on the database, silent logs. Several "processes" on one database
 * share `tokenKey` so a device's token is valid on each of them.
 */

/** Deps of a test server; `live` is the hub to close. */
export type TestServerDeps = ServerDeps & { readonly live: LiveHub; readonly tokenKey: Buffer };

/** Builds the deps of one server process over `db`. */
export async function createTestDeps(
  db: Db,
  overrides: Partial<ServerDeps> & { tokenKey?: Buffer } = {},
): Promise<TestServerDeps> {
  const { tokenKey, ...rest } = overrides;
  const key = tokenKey ?? deriveDeviceTokenKey(randomBytes(32).toString('base64url'));
  const clock = rest.clock ?? { now: () => Date.now() };
  const live = rest.live ?? (await createLiveHub(db));
  return {
    db,
    clock,
    logger: pino({ level: 'silent' }),
    verifyDeviceToken: createDeviceTokenVerifier({ db, clock, key }),
    deviceTokens: { key, ttlSec: 3600 },
    maxBodyBytes: 1_000_000,
    heartbeatMs: 20_000,
    ...rest,
    live,
    tokenKey: key,
  };
}

/** The app of one test server process. */
export function createTestApp(deps: TestServerDeps): Hono<AppEnv> {
  return createApp(deps);
}

/** Something that answers HTTP requests: an app's `request`, or a real fetch against a server. */
export type Fetcher = (path: string, init?: RequestInit) => Promise<Response>;

/** An enrolled device and its access token. */
export type TestDevice = { readonly principal: DevicePrincipal; readonly token: string };

async function postJson(app: Hono<AppEnv>, path: string, body: unknown): Promise<unknown> {
  const response = await app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json: unknown = await response.json();
  if (!response.ok) throw new Error(`${path}: ${String(response.status)} ${JSON.stringify(json)}`);
  return json;
}

/**
 * Enrols a terminal of `storeId` the way a store manager would: a one-time code, then
 * `POST /v1/devices/enroll` and `POST /v1/devices/token`.
 */
export async function enrolTestDevice(
  app: Hono<AppEnv>,
  deps: TestServerDeps,
  storeId: string,
  terminalName: string,
): Promise<TestDevice> {
  const store = await deps.db.query<{ code: string }>('SELECT code FROM stores WHERE id = $1', [
    storeId,
  ]);
  const storeCode = store.rows[0]?.code;
  if (storeCode === undefined) throw new Error(`no store ${storeId}`);
  const { code } = await createEnrolmentCode(deps, storeCode);
  const enrolled = (await postJson(app, '/v1/devices/enroll', { code, terminalName })) as {
    deviceId: string;
    deviceSecret: string;
    storeId: string;
    regionId: string;
    terminalCode: string;
  };
  const { accessToken } = (await postJson(app, '/v1/devices/token', {
    deviceId: enrolled.deviceId,
    secret: enrolled.deviceSecret,
  })) as { accessToken: string };
  return {
    principal: {
      kind: 'device',
      deviceId: enrolled.deviceId,
      storeId: enrolled.storeId,
      regionId: enrolled.regionId,
      terminalCode: enrolled.terminalCode,
    },
    token: accessToken,
  };
}

/** A fetcher calling `app` with the device's access token. */
export function deviceFetcher(app: Hono<AppEnv>, device: TestDevice): Fetcher {
  return async (path, init = {}) => {
    const headers = new Headers(init.headers);
    headers.set('authorization', `Bearer ${device.token}`);
    return app.request(path, { ...init, headers });
  };
}
