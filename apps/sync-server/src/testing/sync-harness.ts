import type { Hono } from 'hono';
import type { AppEnv } from '../http/app-env';
import { openPgDb } from '../db/pg-db';
import { settleSaleLinePartitions } from '../features/sync/sale-line-partitions';
import { type SyncApi, syncApi } from './sync-api';
import { insertProducts, insertStores } from './sync-fixtures';
import {
  type Fetcher,
  type TestDevice,
  type TestServerDeps,
  createTestApp,
  createTestDeps,
  deviceFetcher,
  enrolTestDevice,
} from './sync-test-app';
import type { TestDatabase, TestDb } from './test-databases';

/**
 * A migrated database with a small chain, the real app over it, and enrolled terminals:
 * store A and store B in region r1, store C in region r2.
 */
export type SyncHarness = {
  readonly db: TestDb;
  readonly deps: TestServerDeps;
  readonly app: Hono<AppEnv>;
  readonly devices: { readonly a: TestDevice; readonly b: TestDevice; readonly c: TestDevice };
  readonly products: readonly string[];
  /** Enrols one more terminal of a store. */
  device(storeId: string, terminalName: string): Promise<TestDevice>;
  api(device: TestDevice): SyncApi;
  fetcher(device: TestDevice): Fetcher;
  close(): Promise<void>;
};

/** Opens a harness with `productCount` products (p001 …). */
export async function openSyncHarness(
  database: TestDatabase,
  options: { productCount?: number; deps?: Partial<TestServerDeps> } = {},
): Promise<SyncHarness> {
  const db = await database.open();
  await insertStores(db, 'r1', ['store-a', 'store-b']);
  await insertStores(db, 'r2', ['store-c']);
  const products = Array.from(
    { length: options.productCount ?? 5 },
    (_, i) => `p${String(i + 1).padStart(3, '0')}`,
  );
  if (products.length > 0) await insertProducts(db, products);
  const deps = await createTestDeps(db, options.deps);
  const app = createTestApp(deps);
  const device = (storeId: string, name: string) => enrolTestDevice(app, deps, storeId, name);
  return {
    db,
    deps,
    app,
    devices: {
      a: await device('store-a', 'Counter A'),
      b: await device('store-b', 'Counter B'),
      c: await device('store-c', 'Counter C'),
    },
    products,
    device,
    api: (d) => syncApi(deviceFetcher(app, d)),
    fetcher: (d) => deviceFetcher(app, d),
    async close() {
      await settleSaleLinePartitions(db);
      await deps.live.close();
      await db.close();
    },
  };
}

/** A second server process on the harness's Postgres database, as a scaled-out deployment runs. */
export type SecondProcess = {
  readonly deps: TestServerDeps;
  readonly app: Hono<AppEnv>;
  close(): Promise<void>;
};

/**
 * Opens another app with its own pool and live hub on the harness's database (Postgres only: it
 * needs the connection string). It shares the harness's token key, so the harness's devices are
 * let in on both processes.
 */
export async function openSecondProcess(
  h: SyncHarness,
  overrides: Partial<TestServerDeps> = {},
): Promise<SecondProcess> {
  const db = openPgDb(h.db.connectionString ?? '');
  const deps = await createTestDeps(db, { ...overrides, tokenKey: h.deps.tokenKey });
  const app = createTestApp(deps);
  return {
    deps,
    app,
    async close() {
      await deps.live.close();
      await db.close();
    },
  };
}
