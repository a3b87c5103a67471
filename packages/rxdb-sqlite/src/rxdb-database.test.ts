import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addRxPlugin, createRxDatabase } from 'rxdb/plugins/core';
import type { RxCollection, RxDatabase } from 'rxdb/plugins/core';
import { RxDBCleanupPlugin } from 'rxdb/plugins/cleanup';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { firstValueFrom, filter } from 'rxjs';
import { join } from 'node:path';
import { getRxStorageSQLite } from './storage';
import { makeTempDir, TEST_KEY, openFileForInspection } from './test-support';

addRxPlugin(RxDBCleanupPlugin);
addRxPlugin(RxDBMigrationSchemaPlugin);

type Sale = { id: string; storeId: string; totalMinor: number; createdAt: number };
type Db = RxDatabase<{ sales: RxCollection<Sale> }>;

const saleSchema = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 36 },
    storeId: { type: 'string', maxLength: 36 },
    totalMinor: { type: 'integer', minimum: 0, maximum: 100_000_000, multipleOf: 1 },
    createdAt: { type: 'integer', minimum: 0, maximum: 10_000_000_000_000, multipleOf: 1 },
  },
  required: ['id', 'storeId', 'totalMinor', 'createdAt'],
  indexes: [['storeId', 'createdAt']],
} as const;

let temp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  temp = makeTempDir('rxdb-db');
});
afterEach(() => {
  temp.cleanup();
});

async function openDb(): Promise<Db> {
  const db: Db = await createRxDatabase({
    name: 'terminal',
    storage: getRxStorageSQLite({ databaseDir: temp.dir, encryptionKey: TEST_KEY }),
    multiInstance: false,
  });
  await db.addCollections({
    sales: { schema: saleSchema, options: {} },
  });
  return db;
}

const sale = (n: number, storeId = 'store-1'): Sale => ({
  id: `sale-${String(n).padStart(4, '0')}`,
  storeId,
  totalMinor: n * 100,
  createdAt: 1_700_000_000_000 + n,
});

describe('RxDatabase on the SQLite storage', () => {
  it('runs sorted, paged and counted queries and keeps them live', async () => {
    const db = await openDb();
    await db.sales.bulkInsert([1, 2, 3, 4, 5].map((n) => sale(n)).concat(sale(6, 'store-2')));
    const newest = db.sales.find({
      selector: { storeId: 'store-1' },
      sort: [{ createdAt: 'desc' }],
      skip: 1,
      limit: 2,
    });
    expect((await newest.exec()).map((d) => d.id)).toEqual(['sale-0004', 'sale-0003']);
    expect(await db.sales.count({ selector: { storeId: 'store-1' } }).exec()).toBe(5);

    const updated = firstValueFrom(
      newest.$.pipe(filter((docs) => docs.some((d) => d.id === 'sale-0005'))),
    );
    await db.sales.insert(sale(7));
    expect((await updated).map((d) => d.id)).toEqual(['sale-0005', 'sale-0004']);
    await db.close();
  });

  it('keeps documents across a restart of the database', async () => {
    const first = await openDb();
    await first.sales.insert(sale(1));
    const doc = await first.sales.findOne('sale-0001').exec(true);
    await doc.incrementalPatch({ totalMinor: 999 });
    await first.close();

    const second = await openDb();
    const reloaded = await second.sales.findOne('sale-0001').exec(true);
    expect(reloaded.toJSON()).toEqual({ ...sale(1), totalMinor: 999 });
    expect(reloaded.revision).toMatch(/^2-/);
    await second.close();
  });

  it('purges removed documents with RxDB cleanup', async () => {
    const db = await openDb();
    await db.sales.bulkInsert([sale(1), sale(2)]);
    await db.sales.findOne('sale-0001').remove();
    await db.sales.cleanup(0);
    const left = await db.sales.storageInstance.findDocumentsById(['sale-0001', 'sale-0002'], true);
    expect(left.map((d) => d.id)).toEqual(['sale-0002']);
    await db.close();
  });

  it('migrates documents to a new schema version into a new table', async () => {
    const first = await openDb();
    await first.sales.bulkInsert([sale(1), sale(2)]);
    await first.close();

    const db = await createRxDatabase<{ sales: RxCollection<Sale & { channel: string }> }>({
      name: 'terminal',
      storage: getRxStorageSQLite({ databaseDir: temp.dir, encryptionKey: TEST_KEY }),
      multiInstance: false,
    });
    await db.addCollections({
      sales: {
        schema: {
          ...saleSchema,
          version: 1,
          properties: { ...saleSchema.properties, channel: { type: 'string', maxLength: 10 } },
          required: [...saleSchema.required, 'channel'],
        },
        migrationStrategies: { 1: (old: Sale) => ({ ...old, channel: 'counter' }) },
      },
    });
    const migrated = await db.sales.find({ sort: [{ id: 'asc' }] }).exec();
    expect(migrated.map((d) => d.toJSON())).toEqual([
      { ...sale(1), channel: 'counter' },
      { ...sale(2), channel: 'counter' },
    ]);
    await db.close();
    const file = openFileForInspection(join(temp.dir, 'terminal.sqlite'));
    const tables = file
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'rx_sales_%'")
      .all();
    file.close();
    expect(tables).toEqual([{ name: 'rx_sales_v1' }]);
  });
});
