/**
 * Tables keep the layout they were created with: a table made before every table had the
 * (_deleted, primary key) index opens and answers primary-key-hinted pages (by the full scan it
 * always used), while a new table gets the index and answers them with a range scan.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RxDocumentData, RxJsonSchema } from 'rxdb/plugins/core';
import { acquireConnection, releaseConnection } from './connection';
import type { RxStorageInstanceSQLite } from './instance';
import { createTableSql, indexListOf, layoutFor, pickLayout } from './schema-sql';
import { getRxStorageSQLite } from './storage';
import {
  docData,
  makeTempDir,
  openInstance,
  prepare,
  productSchema,
  TEST_KEY,
  type Product,
} from './test-support';

let temp: ReturnType<typeof makeTempDir>;
beforeAll(() => {
  temp = makeTempDir('layout');
});
afterAll(() => {
  temp.cleanup();
});

// The layout functions take any collection's filled schema.
const schema = productSchema as unknown as RxJsonSchema<RxDocumentData<unknown>>;
const lists = (recorded: string | undefined) =>
  pickLayout(schema, 'items', () => recorded).indexes.map((i) => i.name);

describe('pickLayout', () => {
  const current = layoutFor(schema, 'items');
  const earlier = layoutFor(schema, 'items', { primaryKeyIndex: false });

  it('gives a new table the primary key index as its last column', () => {
    expect(lists(undefined)).toEqual(current.indexes.map((i) => i.name));
    expect(current.indexes.at(-1)?.name).toBe('_deleted,id');
    expect(current.indexes.length).toBe(earlier.indexes.length + 1);
  });

  it('keeps the earlier layout for a table recorded with it, the current one otherwise', () => {
    expect(lists(indexListOf(earlier))).toEqual(earlier.indexes.map((i) => i.name));
    expect(lists(indexListOf(current))).toEqual(current.indexes.map((i) => i.name));
    // A different schema's list is not ours to reinterpret: collectionTable reports it.
    expect(lists('[["name","id"]]')).toEqual(current.indexes.map((i) => i.name));
  });
});

async function openItems(databaseName: string): Promise<RxStorageInstanceSQLite<Product>> {
  const storage = getRxStorageSQLite({ databaseDir: temp.dir, encryptionKey: TEST_KEY });
  const instance = await openInstance<Product>(storage, productSchema, {
    databaseName,
    collectionName: 'items',
  });
  const typed = instance as unknown as RxStorageInstanceSQLite<Product>;
  const rows = Array.from({ length: 30 }, (_, i) => ({
    document: docData<Product>(
      {
        id: 'p' + String(i).padStart(3, '0'),
        name: 'n' + String(i),
        priceMinor: i,
        active: true,
        category: 'dairy',
      },
      1000 + i,
    ),
  }));
  await typed.bulkWrite(rows, 'seed');
  return typed;
}

// RxQuery adds `_deleted: false` to every selector; spread, as the selector type has no `_deleted`.
const notDeleted = { _deleted: { $eq: false } };
const page = prepare(productSchema, {
  selector: { id: { $gt: 'p010' }, ...notDeleted },
  sort: [{ id: 'asc' }],
  limit: 3,
  index: ['id'],
});

describe('tables of both layouts', () => {
  it('opens a table created with the earlier layout and pages it correctly', async () => {
    const earlier = layoutFor(schema, 'items', { primaryKeyIndex: false });
    const connection = acquireConnection(join(temp.dir, 'legacy.sqlite'), TEST_KEY);
    connection.db.exec(createTableSql(earlier).join(';\n'));
    connection.catalogue.record(earlier.table, 'items', 0, indexListOf(earlier));
    releaseConnection(connection);

    const instance = await openItems('legacy');
    try {
      expect(instance.internals.layout.indexes.map((i) => i.name)).toEqual(
        earlier.indexes.map((i) => i.name),
      );
      const { documents } = await instance.query(page);
      expect(documents.map((d) => d.id)).toEqual(['p011', 'p012', 'p013']);
      expect(instance.explainQuery(page)).toEqual([
        'FULL SCAN IN JAVASCRIPT (index has no SQL column)',
      ]);
    } finally {
      await instance.close();
    }
  });

  it('pages a new table through its primary key index', async () => {
    const instance = await openItems('fresh');
    try {
      const { documents } = await instance.query(page);
      expect(documents.map((d) => d.id)).toEqual(['p011', 'p012', 'p013']);
      const column = instance.internals.layout.byName.get('_deleted,id')?.column ?? 'none';
      expect(instance.explainQuery(page)).toEqual([
        `SEARCH rx_items_v0 USING INDEX rx_items_v0__${column} (${column}>? AND ${column}<?)`,
      ]);
    } finally {
      await instance.close();
    }
  });
});
