import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { now } from 'rxdb/plugins/core';
import type { MangoQuerySelector } from 'rxdb/plugins/core';
import { getRxStorageSQLite } from './storage';
import type { RxStorageInstanceSQLite, SQLiteInternals } from './instance';
import {
  docData,
  makeTempDir,
  openInstance,
  prepare,
  productSchema,
  TEST_KEY,
} from './test-support';
import type { Product } from './test-support';

let temp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  temp = makeTempDir('storage');
});
afterEach(() => {
  temp.cleanup();
});

const product = (id: string, over: Partial<Product> = {}): Product => ({
  id,
  name: 'item ' + id,
  priceMinor: 100,
  active: true,
  category: 'staples',
  ...over,
});

describe('getRxStorageSQLite', () => {
  it('writes, finds by id, queries and counts documents', async () => {
    const storage = getRxStorageSQLite({ databaseDir: temp.dir, encryptionKey: TEST_KEY });
    const instance = await openInstance<Product>(storage, productSchema);
    const docs = ['a', 'b', 'c'].map((id, i) =>
      docData(product(id, { priceMinor: 300 - i * 100 }), 1000),
    );
    const result = await instance.bulkWrite(
      docs.map((document) => ({ document })),
      'test',
    );
    expect(result.error).toEqual([]);
    expect(await instance.findDocumentsById(['c', 'x', 'a'], false)).toEqual([docs[2], docs[0]]);
    const query = prepare<Product>(productSchema, {
      selector: {
        priceMinor: { $gte: 200 },
        _deleted: { $eq: false },
      } as MangoQuerySelector<Product>,
      sort: [{ priceMinor: 'asc' }],
    });
    expect((await instance.query(query)).documents).toEqual([docs[1], docs[0]]);
    expect(await instance.count(query)).toEqual({ count: 2, mode: 'fast' });
    await instance.close();
  });

  it('reports revision conflicts per row and still commits the other rows of the bulk', async () => {
    const storage = getRxStorageSQLite({ databaseDir: temp.dir, encryptionKey: TEST_KEY });
    const instance = await openInstance<Product>(storage, productSchema);
    const b1 = docData(product('b'), 1000, '1-x');
    const c1 = docData(product('c'), 1000, '1-x');
    const d1 = docData(product('d'), 1000, '1-x');
    await instance.bulkWrite([{ document: b1 }, { document: c1 }, { document: d1 }], 'seed');

    const a1 = docData(product('a'), 2000, '1-y');
    const staleB = { ...b1, _rev: '0-stale' };
    const b2 = docData(product('b', { name: 'lost' }), 2000, '2-y');
    const c2 = docData(product('c', { name: 'renamed' }), 2000, '2-y');
    const d2 = docData(product('d', { name: 'blind' }), 2000, '1-z');
    const a2 = docData(product('a', { name: 'twice' }), 2000, '1-w');
    const result = await instance.bulkWrite(
      [
        { document: a1 },
        { document: b2, previous: staleB },
        { document: c2, previous: c1 },
        { document: d2 },
        // the same id twice in one call: the second blind insert must see the first one
        { document: a2 },
      ],
      'mixed',
    );
    expect(
      result.error.map((e) => ({
        id: e.documentId,
        status: e.status,
        inDb: 'documentInDb' in e ? e.documentInDb : undefined,
      })),
    ).toEqual([
      { id: 'b', status: 409, inDb: b1 },
      { id: 'd', status: 409, inDb: d1 },
      { id: 'a', status: 409, inDb: a1 },
    ]);
    expect(await instance.findDocumentsById(['a', 'b', 'c', 'd'], false)).toEqual([a1, b1, c2, d1]);
    await instance.close();
  });

  it('pages changes by checkpoint without skipping or repeating documents of equal lwt', async () => {
    const storage = getRxStorageSQLite({ databaseDir: temp.dir, encryptionKey: TEST_KEY });
    const instance = await openInstance<Product>(storage, productSchema);
    const ids = Array.from({ length: 23 }, (_, i) => 'p' + String(i).padStart(2, '0'));
    const sameLwt = ids.map((id) => docData(product(id), 5000));
    await instance.bulkWrite(
      sameLwt.map((document) => ({ document })),
      'bulk',
    );
    const later = docData(product('p05', { name: 'later' }), 6000, '2-b');
    await instance.bulkWrite([{ document: later, previous: sameLwt[5] }], 'update');

    const seen: string[] = [];
    let checkpoint: { id: string; lwt: number } | undefined;
    for (;;) {
      const page = await instance.getChangedDocumentsSince!(7, checkpoint);
      if (page.documents.length === 0) break;
      seen.push(...page.documents.map((d) => `${d.id}@${d._meta.lwt}`));
      checkpoint = page.checkpoint as { id: string; lwt: number };
    }
    const expected = ids.filter((id) => id !== 'p05').map((id) => `${id}@5000`);
    expect(seen).toEqual([...expected, 'p05@6000']);
    expect(checkpoint).toEqual({ id: 'p05', lwt: 6000 });
    await instance.close();
  });

  it('emits committed changes to every instance of the table and completes on close', async () => {
    const storage = getRxStorageSQLite({ databaseDir: temp.dir, encryptionKey: TEST_KEY });
    const names = { databaseName: 'shop', collectionName: 'products' };
    const first = await openInstance<Product>(storage, productSchema, names);
    const second = await openInstance<Product>(storage, productSchema, names);
    const received: unknown[] = [];
    let completed = false;
    second.changeStream().subscribe({
      next: (bulk) => received.push(bulk),
      complete: () => (completed = true),
    });
    const doc = docData(product('a'), 1234.56);
    await first.bulkWrite([{ document: doc }], 'ctx');
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({
      context: 'ctx',
      checkpoint: { id: 'a', lwt: 1234.56 },
      events: [{ documentId: 'a', operation: 'INSERT', documentData: doc }],
    });

    await second.close();
    expect(completed).toBe(true);
    await first.bulkWrite([{ document: docData(product('b'), 1300) }], 'after-close');
    expect(received).toHaveLength(1);
    await expect(second.query(prepare<Product>(productSchema, { selector: {} }))).rejects.toThrow(
      /closed/,
    );
    await first.close();
  });

  it('purges only tombstones older than the minimum deleted time', async () => {
    const storage = getRxStorageSQLite({ databaseDir: temp.dir, encryptionKey: TEST_KEY });
    const instance = await openInstance<Product>(storage, productSchema);
    const t = now();
    const oldDeleted = docData(product('old'), t - 60_000, '2-a', true);
    const newDeleted = docData(product('new'), t - 1_000, '2-a', true);
    const alive = docData(product('alive'), t - 60_000);
    await instance.bulkWrite(
      [oldDeleted, newDeleted, alive].map((document) => ({ document })),
      'seed',
    );
    expect(await instance.cleanup(10_000)).toBe(true);
    expect(await instance.findDocumentsById(['old', 'new', 'alive'], true)).toEqual([
      newDeleted,
      alive,
    ]);
    await instance.close();
  });

  it('keeps data across close and reopen and removes it with remove()', async () => {
    const names = { databaseName: 'shop', collectionName: 'products' };
    const first = await openInstance<Product>(
      getRxStorageSQLite({ databaseDir: temp.dir, encryptionKey: TEST_KEY }),
      productSchema,
      names,
    );
    const doc = docData(product('kept', { name: 'Atta 5kg 😀' }), 1000);
    await first.bulkWrite([{ document: doc }], 'seed');
    await first.close();

    const reopened = await openInstance<Product>(
      getRxStorageSQLite({ databaseDir: temp.dir, encryptionKey: TEST_KEY }),
      productSchema,
      names,
    );
    expect(await reopened.findDocumentsById(['kept'], false)).toEqual([doc]);
    await reopened.remove();
    expect(existsSync(`${temp.dir}/shop.sqlite`)).toBe(false);
    const fresh = await openInstance<Product>(
      getRxStorageSQLite({ databaseDir: temp.dir, encryptionKey: TEST_KEY }),
      productSchema,
      names,
    );
    expect(await fresh.findDocumentsById(['kept'], true)).toEqual([]);
    await fresh.close();
  });

  it('finds strings with astral and U+FFFF characters inside index ranges', async () => {
    const storage = getRxStorageSQLite({ databaseDir: temp.dir, encryptionKey: TEST_KEY });
    const instance = await openInstance<Product>(storage, productSchema);
    const names = ['\uffff', '😀', 'z', 'a\t', 'a'];
    const docs = names.map((name, i) => docData(product(`n${i}`, { name }), 1000));
    await instance.bulkWrite(
      docs.map((document) => ({ document })),
      'seed',
    );
    const query = prepare<Product>(productSchema, {
      selector: { name: { $gte: 'a' }, _deleted: { $eq: false } } as MangoQuerySelector<Product>,
      sort: [{ name: 'asc' }],
    });
    const found = (await instance.query(query)).documents.map((d) => d.name);
    // RxDB pads index strings with spaces, so 'a\t' sorts before 'a' exactly like in memory.
    expect(found).toEqual(['a', 'z', '😀', '\uffff']);
    await instance.close();
  });

  it('refuses attachments and a changed index list with clear errors', async () => {
    const storage = getRxStorageSQLite({ databaseDir: temp.dir, encryptionKey: TEST_KEY });
    await expect(openInstance(storage, { ...productSchema, attachments: {} })).rejects.toThrow(
      /attachments are not supported/,
    );
    const names = { databaseName: 'shop', collectionName: 'products' };
    const otherIndexes = { ...productSchema, indexes: [['_meta.lwt', 'id']] };
    const instance = await openInstance<Product>(storage, productSchema, names);
    // Before any write the table does not exist: the first writer's indexes win, the other
    // instance's write is refused with the same error.
    const other = await openInstance<Product>(storage, otherIndexes, names);
    await instance.bulkWrite([{ document: docData(product('p1'), 1000) }], 'first');
    await expect(
      other.bulkWrite([{ document: docData(product('p2'), 1000) }], 'second'),
    ).rejects.toThrow(/Changing indexes needs a new schema version/);
    await other.close();
    await expect(openInstance(storage, otherIndexes, names)).rejects.toThrow(
      /Changing indexes needs a new schema version/,
    );
    await instance.close();
  });

  it('creates a collection table with its first write, and reads an unwritten one as empty', async () => {
    const storage = getRxStorageSQLite({ databaseDir: temp.dir, encryptionKey: TEST_KEY });
    const names = { databaseName: 'lazy', collectionName: 'products' };
    const instance = await openInstance<Product>(storage, productSchema, names);
    const sqlite = instance.internals as SQLiteInternals;
    const tables = () =>
      sqlite.connection.db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name GLOB 'rx_*'")
        .pluck()
        .all();
    expect(tables()).toEqual([]);
    const all = prepare(productSchema, { selector: {}, sort: [{ id: 'asc' }] });
    expect((await instance.query(all)).documents).toEqual([]);
    expect(await instance.count(all)).toEqual({ count: 0, mode: 'fast' });
    expect(await instance.findDocumentsById(['p1'], true)).toEqual([]);
    expect(await instance.getChangedDocumentsSince!(10)).toEqual({
      documents: [],
      checkpoint: { id: '', lwt: 0 },
    });
    expect(await instance.cleanup(0)).toBe(true);
    expect(tables()).toEqual([]);

    // A first write that fails inside its transaction takes the new table with it.
    const unserializable = { ...docData(product('bad'), 1000), extra: 1n };
    await expect(instance.bulkWrite([{ document: unserializable }], 'x')).rejects.toThrow(/BigInt/);
    expect(tables()).toEqual([]);
    expect((await instance.query(all)).documents).toEqual([]);

    // A second instance opened before the write sees the table as soon as it exists.
    const reader = await openInstance<Product>(storage, productSchema, names);
    await instance.bulkWrite([{ document: docData(product('p1'), 1000) }], 'first');
    expect(tables()).toEqual(['rx_products_v0']);
    expect((await reader.findDocumentsById(['p1'], false)).map((d) => d.id)).toEqual(['p1']);
    await reader.close();
    await instance.close();
  });

  it('keeps several databases apart in one file when given a filename', async () => {
    const storage = getRxStorageSQLite({
      filename: `${temp.dir}/all.sqlite`,
      encryptionKey: TEST_KEY,
    });
    const shopA = await openInstance<Product>(storage, productSchema, {
      databaseName: 'a',
      collectionName: 'products',
    });
    const shopB = await openInstance<Product>(storage, productSchema, {
      databaseName: 'b',
      collectionName: 'products',
    });
    await shopA.bulkWrite([{ document: docData(product('x', { name: 'in a' }), 1000) }], 'a');
    await shopB.bulkWrite([{ document: docData(product('x', { name: 'in b' }), 1000) }], 'b');
    expect((await shopA.findDocumentsById(['x'], false)).map((d) => d.name)).toEqual(['in a']);
    expect((await shopB.findDocumentsById(['x'], false)).map((d) => d.name)).toEqual(['in b']);
    expect(storage.filenameFor('a')).toBe(storage.filenameFor('b'));
    await shopA.close();
    await shopB.close();
  });

  it('answers an index hint without a SQL column by scanning in index order', async () => {
    const storage = getRxStorageSQLite({ databaseDir: temp.dir, encryptionKey: TEST_KEY });
    const instance = await openInstance<Product>(storage, productSchema);
    const docs = [30, 10, 20, 10].map((price, i) =>
      docData(product(`h${i}`, { priceMinor: price }), 1000),
    );
    await instance.bulkWrite(
      docs.map((document) => ({ document })),
      'seed',
    );
    // ['priceMinor', 'name'] is not a schema index: RxDB plans on it, we scan in JavaScript.
    const query = prepare<Product>(productSchema, {
      selector: { priceMinor: { $gte: 10, $lte: 20 } },
      index: ['priceMinor', 'name'],
    });
    const sqlite = instance as unknown as RxStorageInstanceSQLite<Product>;
    expect(sqlite.explainQuery(query)).toEqual([
      'FULL SCAN IN JAVASCRIPT (index has no SQL column)',
    ]);
    expect((await instance.query(query)).documents.map((d) => d.id)).toEqual(['h1', 'h3', 'h2']);
    expect(await instance.count(query)).toEqual({ count: 3, mode: 'fast' });
    await instance.close();
  });
});
