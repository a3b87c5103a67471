import type { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../app-env';
import type { DevicePrincipal } from '../auth/principal';
import { settleSaleLinePartitions } from '../features/sync/sale-line-partitions';
import { type SyncApi, syncApi } from './sync-api';
import { createSyncTestApp, createTestDeps, testAppFetcher, testDevice } from './sync-test-app';
import type { TestDatabase, TestDb } from './test-databases';
import { insertProducts, insertStores } from './sync-fixtures';

/** A migrated database with a small chain, an app over it, and clients for its devices. */
export type SyncHarness = {
  readonly db: TestDb;
  readonly deps: AppDeps;
  readonly app: Hono<AppEnv>;
  /** Store A (region r1), store B (region r1), store C (region r2). */
  readonly devices: {
    readonly a: DevicePrincipal;
    readonly b: DevicePrincipal;
    readonly c: DevicePrincipal;
  };
  readonly products: readonly string[];
  api(device: DevicePrincipal): SyncApi;
  close(): Promise<void>;
};

/** Opens a harness: 3 stores in 2 regions, `productCount` products (p001 …). */
export async function openSyncHarness(
  database: TestDatabase,
  options: { productCount?: number; deps?: Partial<AppDeps> } = {},
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
  const app = createSyncTestApp(deps);
  return {
    db,
    deps,
    app,
    devices: {
      a: testDevice('store-a', 'r1'),
      b: testDevice('store-b', 'r1'),
      c: testDevice('store-c', 'r2'),
    },
    products,
    api: (device) => syncApi(testAppFetcher(app, device)),
    async close() {
      await settleSaleLinePartitions(db);
      await deps.live.close();
      await db.close();
    },
  };
}
