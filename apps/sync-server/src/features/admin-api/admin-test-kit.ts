import { randomBytes } from 'node:crypto';
import { businessDate } from '@kiryana/shared';
import type { Hono } from 'hono';
import { createApp } from '../../app';
import type { AppEnv } from '../../http/app-env';
import { insertProducts, insertStores, makeSale } from '../../testing/sync-fixtures';
import {
  type TestDevice,
  createTestDeps,
  deviceFetcher,
  enrolTestDevice,
} from '../../testing/sync-test-app';
import type { TestDatabase, TestDb } from '../../testing/test-databases';
import { syncApi } from '../../testing/sync-api';
import { createIdentity } from '../identity/identity';
import { TEST_ISSUER, createTestIssuer, testIdentityConfig } from '../identity/identity-test-kit';

/** The people of the admin tests, as grant entries of their tokens. */
export const ADMIN_ACTORS = {
  hq: ['hq_admin@all'],
  regional: ['regional_manager@region:r1'],
  storeManager: ['store_manager@store:s1a'],
  auditor: ['auditor@all'],
  cashier: ['cashier@store:s1a'],
} as const;

/** A name of `ADMIN_ACTORS`. */
export type AdminActor = keyof typeof ADMIN_ACTORS;

/** The app with the admin API over a test database holding a small chain. */
export type AdminTestApp = {
  readonly app: Hono<AppEnv>;
  readonly db: TestDb;
  /** Today's business date (India), the date of the sales `sell` pushes. */
  readonly today: string;
  readonly devices: Readonly<Record<'s1a' | 's1b' | 's2a', TestDevice>>;
  /** Calls the app as one of `ADMIN_ACTORS`. */
  as(actor: AdminActor, path: string, init?: RequestInit): Promise<Response>;
  /** Calls the app as one of `ADMIN_ACTORS` with `body` as JSON (the admin writes). */
  json(actor: AdminActor, method: string, path: string, body: unknown): Promise<Response>;
  /** Pushes a sale of `qty` × p1 at ₹40.00 through the sync API as the store's terminal. */
  sell(storeId: 's1a' | 's1b' | 's2a', qty: number): Promise<void>;
  close(): Promise<void>;
};

/**
 * Regions r1 (stores s1a, s1b) and r2 (s2a), products p1–p3 in tax class gst5, a terminal per
 * store, and access tokens of a test issuer for every role. The live hub is real (LISTEN/NOTIFY),
 * so the dashboard stream hears pushes as in production.
 */
export async function openAdminTestApp(database: TestDatabase): Promise<AdminTestApp> {
  const db = await database.open();
  await insertStores(db, 'r1', ['s1a', 's1b']);
  await insertStores(db, 'r2', ['s2a']);
  await insertProducts(db, ['p1', 'p2', 'p3']);
  await db.query(
    `INSERT INTO tax_rates (id, tax_class_id, rate_bp, effective_from, description)
     VALUES ('gst5@2017-07-01', 'gst5', 500, '2017-07-01', 'GST 5%')`,
  );
  const clock = { now: () => Date.now() };
  const issuer = await createTestIssuer(clock, 'admin-1');
  const deps = await createTestDeps(db, { clock, heartbeatMs: 60_000 });
  const identity = await createIdentity({
    db,
    clock,
    secret: randomBytes(32).toString('base64url'),
    verifyDeviceToken: deps.verifyDeviceToken,
    config: testIdentityConfig({ external: { issuer: TEST_ISSUER, jwks: issuer.jwks } }),
  });
  const app = createApp({ ...deps, identity });
  const tokens = new Map<string, string>();
  for (const [name, grants] of Object.entries(ADMIN_ACTORS)) {
    tokens.set(name, await issuer.mint(name, grants, 3600));
  }
  const devices = {
    s1a: await enrolTestDevice(app, deps, 's1a', 'Till 1'),
    s1b: await enrolTestDevice(app, deps, 's1b', 'Till 1'),
    s2a: await enrolTestDevice(app, deps, 's2a', 'Till 1'),
  };
  const today = businessDate(new Date());
  const as: AdminTestApp['as'] = (actor, path, init = {}) => {
    const headers = new Headers(init.headers);
    headers.set('authorization', `Bearer ${tokens.get(actor) ?? ''}`);
    return Promise.resolve(app.request(path, { ...init, headers }));
  };
  return {
    app,
    db,
    today,
    devices,
    as,
    json: (actor, method, path, body) =>
      as(actor, path, {
        method,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
    async sell(storeId, qty) {
      const api = syncApi(deviceFetcher(app, devices[storeId]));
      const sale = makeSale(storeId, [{ productId: 'p1', qtyBase: qty }], {
        businessDate: today,
        createdAt: new Date().toISOString(),
      });
      const pushed = await api.push('sales', [{ newDocumentState: sale }]);
      if (pushed.status !== 200) throw new Error(`push failed: ${JSON.stringify(pushed.body)}`);
    },
    async close() {
      await deps.live.close();
      await db.close();
    },
  };
}

/** The `code` of an error answer in the shared envelope (reads the body). */
export async function errorCodeOf(res: Response): Promise<string> {
  return ((await res.json()) as { error: { code: string } }).error.code;
}
