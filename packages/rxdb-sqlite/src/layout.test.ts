/**
 * Every table has the (_deleted, primary key) index that primary-key-hinted pages run on; a table
 * created before that gets it in place when its collection opens, keys computed exactly as a
 * write computes them, and answers such pages with a range scan from then on.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RxDocumentData, RxJsonSchema } from 'rxdb/plugins/core';
import { acquireConnection, releaseConnection } from './connection';
import type { RxStorageInstanceSQLite } from './instance';
import { createTableSql, encodeKey, indexListOf, layoutFor, quoteIdent } from './schema-sql';
import { getRxStorageSQLite } from './storage';
import { earlierIndexList } from './upgrade-layout';
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
const current = layoutFor(schema, 'items');
const earlier = { ...current, indexes: current.indexes.slice(0, -1) };

const products = Array.from({ length: 30 }, (_, i) =>
  docData<Product>(
    {
      id: 'p' + String(i).padStart(3, '0'),
      name: 'n' + String(i),
      priceMinor: i,
      active: true,
      category: 'dairy',
    },
    1000 + i,
    '1-a',
    i === 12, // one deleted document inside the page's range
  ),
);

// RxQuery adds `_deleted: false` to every selector; spread, as the selector type has no `_deleted`.
const notDeleted = { _deleted: { $eq: false } };
const page = prepare(productSchema, {
  selector: { id: { $gt: 'p010' }, ...notDeleted },
  sort: [{ id: 'asc' }],
  limit: 3,
  index: ['id'],
});

async function openItems(databaseName: string): Promise<RxStorageInstanceSQLite<Product>> {
  const storage = getRxStorageSQLite({ databaseDir: temp.dir, encryptionKey: TEST_KEY });
  const instance = await openInstance<Product>(storage, productSchema, {
    databaseName,
    collectionName: 'items',
  });
  return instance as unknown as RxStorageInstanceSQLite<Product>;
}

describe('the (_deleted, primary key) index', () => {
  it('is the last column of a layout, unless RxDB already put it in the schema', () => {
    expect(current.indexes.at(-1)?.name).toBe('_deleted,id');
    expect(earlierIndexList(current)).toBe(indexListOf(earlier));
    const bare = fillWithoutIndexes();
    expect(bare.indexes.map((i) => i.name)).toEqual(['_deleted,id', '_meta.lwt,id']);
    expect(earlierIndexList(bare)).toBeUndefined();
  });

  it('pages a new table through it', async () => {
    const instance = await openItems('fresh');
    try {
      await instance.bulkWrite(
        products.map((document) => ({ document })),
        'seed',
      );
      expect((await instance.query(page)).documents.map((d) => d.id)).toEqual([
        'p011',
        'p013',
        'p014',
      ]);
      const column = current.indexes.at(-1)?.column ?? 'none';
      expect(instance.explainQuery(page)).toEqual([
        `SEARCH rx_items_v0 USING INDEX rx_items_v0__${column} (${column}>? AND ${column}<?)`,
      ]);
    } finally {
      await instance.close();
    }
  });

  it('is added to a table created without it, with the keys a write would store', async () => {
    const filename = join(temp.dir, 'legacy.sqlite');
    const connection = acquireConnection(filename, TEST_KEY);
    const t = quoteIdent(earlier.table);
    connection.db.exec(createTableSql(earlier).join(';\n'));
    connection.catalogue.record(earlier.table, 'items', 0, indexListOf(earlier));
    const columns = earlier.indexes.map((i) => i.column);
    const insert = connection.db.prepare(
      `INSERT INTO ${t} (data, deleted, lwt, ${columns.join(', ')}, id) ` +
        `VALUES (${['?', '?', '?', ...columns, '?'].map(() => '?').join(', ')})`,
    );
    for (const doc of products) {
      insert.run(
        JSON.stringify(doc),
        doc._deleted ? 1 : 0,
        doc._meta.lwt,
        ...earlier.indexes.map((i) => encodeKey(i.toKey(doc))),
        doc.id,
      );
    }
    releaseConnection(connection);

    const instance = await openItems('legacy');
    try {
      const { db } = instance.internals.connection;
      expect(instance.internals.connection.catalogue.indexList(current.table)).toBe(
        indexListOf(current),
      );
      const index = current.indexes.at(-1);
      if (!index) throw new Error('no index');
      const stored = db.prepare(`SELECT data, ${index.column} AS k FROM ${t}`).all() as {
        data: string;
        k: string;
      }[];
      expect(stored).toHaveLength(products.length);
      for (const row of stored) {
        const doc = JSON.parse(row.data) as RxDocumentData<Product>;
        expect(row.k).toBe(encodeKey(index.toKey(doc)));
      }
      expect((await instance.query(page)).documents.map((d) => d.id)).toEqual([
        'p011',
        'p013',
        'p014',
      ]);
      expect(instance.explainQuery(page).join('\n')).toMatch(
        new RegExp(`^SEARCH .* USING INDEX \\S+__${index.column} `),
      );
    } finally {
      await instance.close();
    }
    // Opening it again finds the current layout recorded: nothing more to do.
    const again = await openItems('legacy');
    await again.close();
  });
});

function fillWithoutIndexes() {
  const bare = {
    ...productSchema,
    indexes: [
      ['_deleted', 'id'],
      ['_meta.lwt', 'id'],
    ],
  };
  return layoutFor(bare as unknown as RxJsonSchema<RxDocumentData<unknown>>, 'bare');
}
