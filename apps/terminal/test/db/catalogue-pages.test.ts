import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { syntheticCatalogue } from '../../bench/synthetic-catalogue';
import { readCataloguePage } from '../../src/renderer/catalogue/catalogue-pages';
import { openTestDatabase, type TestDatabase } from './open-test-database';

/**
 * The catalogue's pages come straight from the storage instance: the same documents, in the same
 * order, as RxDB's own query, without leaving RxQueries and their results in the query cache.
 */

let t: TestDatabase;

beforeEach(async () => {
  t = await openTestDatabase();
  const catalogue = syntheticCatalogue(1200, 'store-1', 'region-1');
  await t.db.products.bulkInsert(catalogue.products);
  await t.db.prices.bulkInsert(catalogue.prices);
  await (await t.db.products.findOne('p000005').exec())?.remove();
});

afterEach(async () => {
  await t.close();
});

describe('catalogue pages', () => {
  it('match RxDB query pages, skip removed documents and keep nothing in the query cache', async () => {
    const cached = t.db.products._queryCache._map.size;
    const pages: string[][] = [];
    let after = '';
    for (;;) {
      const page = await readCataloguePage(t.db.products, after, 500);
      pages.push(page.map((doc) => doc.id));
      const last = page.at(-1);
      if (last === undefined || page.length < 500) break;
      after = last.id;
    }
    expect(pages.map((page) => page.length)).toEqual([500, 500, 199]);
    expect(pages.flat()).not.toContain('p000005');
    expect(t.db.products._queryCache._map.size).toBe(cached);

    const viaRxDb = await t.db.products
      .find({ selector: { id: { $gt: 'p000400' } }, sort: [{ id: 'asc' }], limit: 300 })
      .exec();
    const direct = await readCataloguePage(t.db.products, 'p000400', 300);
    expect(direct).toEqual(viaRxDb.map((doc) => doc.toJSON()));
  });
});
