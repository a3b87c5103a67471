import { getStorageHostClient } from '@kiryana/rxdb-sqlite/host-client';
import { syntheticCatalogue } from '../bench/synthetic-catalogue';
import { LOCAL_API, type ServedConfig } from '../src/bridge/local-api';
import { openLiveCatalogue } from '../src/renderer/catalogue/live-catalogue';
import { openTerminalDatabase } from '../src/renderer/db/database';
import { TEST_PIN_KEY, type PinKdfCost } from '../src/renderer/testing/issue-verifiers';
import { seedPinVerifiers } from '../src/renderer/testing/seed-pins';
import {
  DEMO_CASHIER,
  DEMO_MANAGER,
  serveTestTerminal,
  type ServedTestTerminal,
} from './terminal-page';

/** The store of the seeded terminal. */
const SEEDED_STORE = {
  storeId: 'bench-store',
  regionId: 'bench-region',
  storeCode: 'BENCH',
} as const;

const SEEDED_SECRET = 'seeded-secret';
/** Nothing listens on port 9: a seeded terminal works offline, as it must. */
const NO_SERVER = 'http://127.0.0.1:9';

/** What a seeded terminal holds besides its catalogue. */
type SeedOptions = {
  stockLevels?: number;
  looseEvery?: number;
  /** The PINs' KDF cost; the tests' least one by default (the server's to time a real check). */
  pinKdfCost?: PinKdfCost;
};

/**
 * A terminal already enrolled and holding a synthetic catalogue of `count` products (written into
 * its SQLite files through the storage host before the page loads), with no sync server at all.
 */
export async function serveSeededTerminal(
  count: number,
  options: SeedOptions = {},
): Promise<ServedTestTerminal & { seedMs: number }> {
  const terminal = await serveTestTerminal(NO_SERVER);
  return { ...terminal, seedMs: await seedTerminal(terminal, count, options) };
}

/**
 * Seeds a served terminal (in this process or another) as `serveSeededTerminal` describes, over
 * its storage host and local API; returns the milliseconds the seed took.
 */
export async function seedTerminal(
  terminal: { url: string },
  count: number,
  options: SeedOptions = {},
): Promise<number> {
  const config = (await (await fetch(new URL('config.json', terminal.url))).json()) as ServedConfig;
  const seedStart = performance.now();
  const db = await openTerminalDatabase({
    storage: getStorageHostClient(config.storageHostUrl),
    name: 'kiryana',
  });
  const catalogue = syntheticCatalogue(
    count,
    SEEDED_STORE.storeId,
    SEEDED_STORE.regionId,
    options.looseEvery,
  );
  await db.stores.insert(catalogue.store);
  await db['tax-rates'].bulkInsert(catalogue.taxRates);
  for (let i = 0; i < count; i += 2000) {
    await db.products.bulkInsert(catalogue.products.slice(i, i + 2000));
    await db.prices.bulkInsert(catalogue.prices.slice(i, i + 2000));
  }
  await db['stock-levels'].bulkInsert(
    catalogue.products.slice(0, options.stockLevels ?? 0).map((product, index) => ({
      id: `${SEEDED_STORE.storeId}|${product.id}`,
      schemaVersion: 1,
      storeId: SEEDED_STORE.storeId,
      productId: product.id,
      qtyBase: index * 3,
      updatedAt: '2026-01-01T00:00:00.000Z',
    })),
  );
  // The demo cashier's name and PIN, as if the server had issued them: sign-in works offline.
  await seedPinVerifiers(db, {
    pinKey: TEST_PIN_KEY,
    storeId: SEEDED_STORE.storeId,
    ...(options.pinKdfCost === undefined ? {} : { kdfCost: options.pinKdfCost }),
    people: [
      // No discount of her own: any bill discount needs the manager.
      { userId: 'seeded-cashier', ...DEMO_CASHIER, discountLimitBp: 0 },
      {
        userId: 'seeded-manager',
        ...DEMO_MANAGER,
        permissions: ['voids:authorise', 'discounts:override'],
        discountLimitBp: 1000,
      },
    ],
  });
  // As on a terminal that has run before: one full load writes the barcode directory.
  (await openLiveCatalogue(db)).stop();
  await db.close();
  const seedMs = performance.now() - seedStart;
  await fetch(new URL(LOCAL_API.credential, terminal.url), {
    method: 'PUT',
    headers: { [LOCAL_API.tokenHeader]: config.localToken, 'content-type': 'application/json' },
    body: JSON.stringify({
      text: JSON.stringify({
        serverUrl: NO_SERVER,
        deviceId: 'seeded-device',
        deviceSecret: SEEDED_SECRET,
        pinKey: TEST_PIN_KEY,
        storeId: SEEDED_STORE.storeId,
        storeCode: SEEDED_STORE.storeCode,
        regionId: SEEDED_STORE.regionId,
        terminalCode: 'T1',
      }),
    }),
  });
  return seedMs;
}
