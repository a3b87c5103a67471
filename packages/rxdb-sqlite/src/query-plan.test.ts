/**
 * Proof that indexed selectors are answered by index range scans: SQLite's own query plan shows
 * SEARCH … USING INDEX on the RxDB index's column, and the number of rows parsed into JavaScript
 * equals the size of the planned range, not the size of the collection.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MangoQuery, RxStorageInstance } from 'rxdb/plugins/core';
import { getRxStorageSQLite } from './storage';
import type { RxStorageInstanceSQLite } from './instance';
import {
  docData,
  makeTempDir,
  openInstance,
  prepare,
  productSchema,
  TEST_KEY,
} from './test-support';
import type { Product } from './test-support';

const TOTAL = 5000;
let temp: ReturnType<typeof makeTempDir>;
let instance: RxStorageInstanceSQLite<Product>;

beforeAll(async () => {
  temp = makeTempDir('plan');
  const opened: RxStorageInstance<Product, unknown, unknown> = await openInstance<Product>(
    getRxStorageSQLite({ databaseDir: temp.dir, encryptionKey: TEST_KEY }),
    productSchema,
  );
  instance = opened as unknown as RxStorageInstanceSQLite<Product>;
  const categories = ['staples', 'dairy', 'snacks', 'spices', 'drinks'];
  const rows = Array.from({ length: TOTAL }, (_, i) => ({
    document: docData<Product>(
      {
        id: 'p' + String(i).padStart(5, '0'),
        name: 'item ' + String(i % 997).padStart(3, '0'),
        priceMinor: i,
        active: i % 2 === 0,
        category: categories[i % categories.length] ?? 'staples',
      },
      1000 + i,
    ),
  }));
  await instance.bulkWrite(rows, 'seed');
});
afterAll(async () => {
  await instance.close();
  temp.cleanup();
});

const notDeleted = { _deleted: { $eq: false } };

async function measure(query: MangoQuery<Product>) {
  const prepared = prepare(productSchema, query);
  const before = instance.internals.stats.rowsRead;
  const { documents } = await instance.query(prepared);
  return {
    plan: instance.explainQuery(prepared),
    queryPlan: prepared.queryPlan,
    rowsRead: instance.internals.stats.rowsRead - before,
    documents,
  };
}

describe('index range scans', () => {
  it('answers an indexed range with SEARCH USING INDEX and reads only the range', async () => {
    const result = await measure({
      selector: { priceMinor: { $gte: 1200, $lt: 1250 }, ...notDeleted },
      sort: [{ priceMinor: 'asc' }],
    });
    expect(result.queryPlan.index).toEqual(['_deleted', 'priceMinor', 'id']);
    expect(result.plan).toHaveLength(1);
    expect(result.plan[0]).toMatch(/^SEARCH .* USING INDEX \S+__k\d+ \(k\d+>\? AND k\d+<\?\)$/);
    expect(result.documents.map((d) => d.priceMinor)).toEqual(
      Array.from({ length: 50 }, (_, i) => 1200 + i),
    );
    expect(result.rowsRead).toBe(50);
  });

  it('pushes LIMIT and OFFSET into SQL when the index satisfies selector and sort', async () => {
    const result = await measure({
      selector: { priceMinor: { $gte: 100 }, ...notDeleted },
      sort: [{ priceMinor: 'asc' }],
      skip: 10,
      limit: 5,
    });
    expect(result.queryPlan.selectorSatisfiedByIndex).toBe(true);
    expect(result.queryPlan.sortSatisfiedByIndex).toBe(true);
    expect(result.plan.join('\n')).not.toMatch(/SCAN|TEMP B-TREE/);
    expect(result.documents.map((d) => d.priceMinor)).toEqual([110, 111, 112, 113, 114]);
    expect(result.rowsRead).toBe(5);
  });

  it('filters the rest of the selector in JavaScript only inside the compound index range', async () => {
    const result = await measure({
      selector: {
        category: { $eq: 'dairy' },
        priceMinor: { $lt: 500 },
        name: { $regex: '1$' },
        ...notDeleted,
      },
    });
    expect(result.queryPlan.index).toEqual(['_deleted', 'category', 'priceMinor', 'id']);
    expect(result.plan[0]).toMatch(/^SEARCH .* USING INDEX /);
    // 100 dairy products cost less than 500; only they are read, out of 5000.
    expect(result.rowsRead).toBe(100);
    expect(result.documents.every((d) => d.category === 'dairy' && d.name.endsWith('1'))).toBe(
      true,
    );
  });

  it('counts an index-satisfied selector in SQL without reading documents', async () => {
    const prepared = prepare(productSchema, {
      selector: { priceMinor: { $gt: 4000 }, ...notDeleted },
    });
    const before = instance.internals.stats.rowsRead;
    expect(await instance.count(prepared)).toEqual({ count: 999, mode: 'fast' });
    expect(instance.internals.stats.rowsRead - before).toBe(0);
  });

  it('serves keyset pages hinted on the primary key from an index, reading one page', async () => {
    // The terminal's catalogue load: `id > after`, by id, LIMIT, `index: ['id']`. Before the
    // storage re-planned such hints, each page read and sorted the whole table.
    const page = (after: string) =>
      measure({
        selector: { id: { $gt: after }, ...notDeleted },
        sort: [{ id: 'asc' }],
        limit: 40,
        index: ['id'],
      });
    const first = await page('');
    expect(first.queryPlan.index).toEqual(['id']);
    expect(first.plan).toHaveLength(1);
    expect(first.plan[0]).toMatch(/^SEARCH .* USING INDEX \S+__k\d+ \(k\d+>\? AND k\d+<\?\)$/);
    expect(first.plan.join('\n')).not.toMatch(/SCAN|TEMP B-TREE/);
    expect(first.rowsRead).toBe(40);
    const deep = await page('p04980');
    expect(deep.rowsRead).toBe(19);
    expect(deep.documents.map((d) => d.id)).toEqual(
      Array.from({ length: 19 }, (_, i) => 'p' + String(4981 + i).padStart(5, '0')),
    );
  });

  it('gives a primary-key-hinted page the same documents as the planner’s own choice', async () => {
    // Deleted documents inside the range must stay out of the page.
    const deleted = ['p00003', 'p00007'];
    const current = await instance.findDocumentsById(deleted, false);
    await instance.bulkWrite(
      current.map((doc) => ({
        previous: doc,
        document: { ...doc, _deleted: true, _rev: '2-b', _meta: { lwt: 9_000_000 } },
      })),
      'delete',
    );
    const selector = { id: { $gt: 'p00001' }, active: { $eq: true }, ...notDeleted };
    const hinted = await measure({ selector, sort: [{ id: 'asc' }], limit: 5, index: ['id'] });
    const planned = await measure({ selector, sort: [{ id: 'asc' }], limit: 5 });
    expect(hinted.documents.map((d) => d.id)).toEqual([
      'p00002',
      'p00004',
      'p00006',
      'p00008',
      'p00010',
    ]);
    expect(planned.documents).toEqual(hinted.documents);
    // `active` is filtered in JavaScript inside the range, which already leaves out the deleted
    // documents (`_deleted` leads the index): p00002…p00010 less p00003 and p00007.
    expect(hinted.rowsRead).toBe(7);
    const count = await instance.count(
      prepare(productSchema, {
        selector: { id: { $lte: 'p00009' }, ...notDeleted },
        index: ['id'],
      }),
    );
    expect(count).toEqual({ count: 8, mode: 'fast' });
  });

  it('looks documents up by id through the primary key index', () => {
    const { db } = instance.internals.connection;
    const table = instance.internals.layout.table;
    const plan = db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT id, data FROM "${table}" ` +
          'WHERE id IN (SELECT value FROM json_each(?))',
      )
      .all('["p00001"]')
      .map((row) => (row as { detail: string }).detail);
    expect(plan.join('\n')).toMatch(/SEARCH .* USING INDEX sqlite_autoindex_\S+ \(id=\?\)/);
  });
});
