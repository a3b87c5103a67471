import {
  MAX_PULL_LIMIT,
  type Price,
  type Product,
  type Store,
  CHECKPOINT_RESTART_HEADER,
} from '@kiryana/shared';
import { describe, expect, it } from 'vitest';
import { asPushRows, insertProducts, makeMovement, makeSale } from '../../testing/sync-fixtures';
import { suiteFixture } from '../../testing/suite-fixture';
import { type SyncHarness, openSyncHarness } from '../../testing/sync-harness';
import { testDatabases } from '../../testing/test-databases';
import { takeSeqs } from './scope.queries';

async function insertPrice(
  h: SyncHarness,
  id: string,
  level: 'hq' | 'region' | 'store',
  scope: { regionId?: string; storeId?: string } = {},
): Promise<void> {
  await h.db.query(
    `INSERT INTO prices (id, product_id, level, region_id, store_id, price_minor, mrp_minor, effective_from)
     VALUES ($1, 'p001', $2, $3, $4, 4500, 5000, '2026-01-01')`,
    [id, level, scope.regionId ?? null, scope.storeId ?? null],
  );
}

describe.each(testDatabases())('pull on $name', (database) => {
  const h = suiteFixture(() => openSyncHarness(database, { productCount: 3 }));

  it('maps reference rows to the shared documents and filters prices and stores in SQL', async () => {
    await insertPrice(h, 'price-hq', 'hq');
    await insertPrice(h, 'price-r1', 'region', { regionId: 'r1' });
    await insertPrice(h, 'price-r2', 'region', { regionId: 'r2' });
    await insertPrice(h, 'price-a', 'store', { regionId: 'r1', storeId: 'store-a' });
    await insertPrice(h, 'price-b', 'store', { regionId: 'r1', storeId: 'store-b' });
    const api = h.api(h.devices.a);

    const products = await api.pull<Product>('products');
    expect(products.body.documents[0]).toEqual({
      id: 'p001',
      schemaVersion: 1,
      sku: 'SKU-p001',
      nameEn: 'Product p001',
      nameHi: 'उत्पाद',
      barcodes: ['8901000000001'],
      hsn: '1905',
      taxClassId: 'gst5',
      category: 'bakery',
      unit: 'piece',
      priceBasisQty: 1,
      soldLoose: false,
      mrpMinor: 5000,
      reorderLevelBase: 0,
      active: true,
      updatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/) as string,
      _deleted: false,
    });
    // Limit 1: a filter applied after LIMIT would answer short pages and end RxDB's sync early.
    const prices = await api.pullAll<Price>('prices', 1);
    expect(prices.documents.map((p) => p.id)).toEqual(['price-hq', 'price-r1', 'price-a']);
    expect(prices.documents[2]).toMatchObject({
      level: 'store',
      storeId: 'store-a',
      priceMinor: 4500,
    });
    const stores = await api.pullAll<Store>('stores', 1);
    expect(stores.documents.map((s) => s.id)).toEqual(['store-a']);
    expect(stores.documents[0]).toMatchObject({
      regionId: 'r1',
      gstin: '27AAPFU0939F1ZV',
      _deleted: false,
    });
    const inR2 = await h.api(h.devices.c).pullAll<Price>('prices', 2);
    expect(inR2.documents.map((p) => p.id)).toEqual(['price-hq', 'price-r2']);
  });

  it('delivers rows with equal timestamps across page boundaries exactly once (limit 1, 2, 7)', async () => {
    const ids = Array.from({ length: 23 }, (_, i) => `same-time-${String(i).padStart(2, '0')}`);
    // One transaction, explicit commit-ordered seqs: every row carries the same updated_at.
    await h.db.transaction(async (tx) => {
      const block = await takeSeqs(tx, 'ref', ids.length);
      await tx.query(
        `INSERT INTO products (id, sku, name_en, hsn, tax_class_id, category, unit, price_basis_qty, mrp_minor, seq, updated_at)
         SELECT id, id, id, '1905', 'gst5', 'x', 'piece', 1, 100, $2::bigint + n - 1, '2026-03-01T00:00:00Z'
           FROM unnest($1::text[]) WITH ORDINALITY AS t(id, n)`,
        [ids, block.first.toString()],
      );
    });
    const api = h.api(h.devices.b);
    const all = await api.pullAll<Product>('products', MAX_PULL_LIMIT);
    const start = all.documents.length - ids.length;
    expect(all.documents.slice(start).map((p) => p.id)).toEqual(ids);
    for (const limit of [1, 2, 7]) {
      const paged = await api.pullAll<Product>('products', limit);
      expect(paged.documents.map((p) => p.id)).toEqual(all.documents.map((p) => p.id));
      expect(paged.pages).toBe(Math.floor(all.documents.length / limit) + 1);
    }
  });

  it('never caps a page below the asked limit up to MAX_PULL_LIMIT and refuses more loudly', async () => {
    const many = Array.from({ length: MAX_PULL_LIMIT + 50 }, (_, i) => `bulk-${String(i)}`);
    await insertProducts(h.db, many);
    const api = h.api(h.devices.a);
    const full = await api.pull<Product>('products', undefined, MAX_PULL_LIMIT);
    expect(full.body.documents).toHaveLength(MAX_PULL_LIMIT);
    const tooMany = await api.pull('products', undefined, MAX_PULL_LIMIT + 1);
    expect(tooMany).toMatchObject({
      status: 400,
      body: { error: { code: 'VALIDATION_FAILED', details: { fields: [{ path: 'limit' }] } } },
    });
    const defaults = await api.pull<Product>('products');
    expect(defaults.body.documents).toHaveLength(100);
  });

  it('restarts from 0 on an unreadable, stale-epoch or ahead-of-server checkpoint', async () => {
    const api = h.api(h.devices.a);
    const first = await api.pull<Product>('products', undefined, 5);
    const ids = first.body.documents.map((p) => p.id);
    const { epoch, seq } = first.body.checkpoint;
    const cases: [string, string][] = [
      ['{not json', 'unreadable'],
      [JSON.stringify({ v: 2, epoch, seq }), 'unreadable'],
      [JSON.stringify({ v: 1, epoch: 'old-epoch', seq }), 'stale-epoch'],
      [JSON.stringify({ v: 1, epoch, seq: '999999999999' }), 'ahead-of-server'],
    ];
    for (const [checkpoint, reason] of cases) {
      const page = await api.pull<Product>('products', checkpoint, 5);
      expect(page.status).toBe(200);
      expect(page.headers.get(CHECKPOINT_RESTART_HEADER)).toBe(reason);
      expect(page.body.documents.map((p) => p.id)).toEqual(ids);
    }
    const honoured = await api.pull<Product>('products', first.body.checkpoint, 5);
    expect(honoured.headers.get(CHECKPOINT_RESTART_HEADER)).toBeNull();
    expect(honoured.body.documents[0]?.id).not.toBe(ids[0]);
  });

  it('answers the starting checkpoint on an empty page', async () => {
    const api = h.api(h.devices.a);
    const end = await api.pullAll<Product>('products', MAX_PULL_LIMIT);
    const empty = await api.pull<Product>('products', end.checkpoint, 10);
    expect(empty.body).toEqual({ documents: [], checkpoint: end.checkpoint });
    const nothingYet = await h.api(h.devices.c).pull('sales');
    expect(nothingYet.body).toEqual({
      documents: [],
      checkpoint: { v: 1, epoch: expect.any(String) as string, seq: '0' },
    });
  });

  it('answers the same page again to a terminal that crashed before storing its checkpoint', async () => {
    const api = h.api(h.devices.b);
    const start = await api.pull<Product>('products', undefined, 3);
    const page = await api.pull<Product>('products', start.body.checkpoint, 4);
    // The terminal dies after receiving `page` and before persisting its checkpoint.
    const again = await api.pull<Product>('products', start.body.checkpoint, 4);
    expect(again.body).toEqual(page.body);
  });

  it('replicates a soft delete made while a terminal was offline', async () => {
    const api = h.api(h.devices.a);
    const before = await api.pullAll<Product>('products', MAX_PULL_LIMIT);
    await h.db.query("UPDATE products SET deleted = true WHERE id = 'p002'");
    const after = await api.pullAll<Product>('products', MAX_PULL_LIMIT, before.checkpoint);
    expect(after.documents.map((p) => [p.id, p._deleted])).toEqual([['p002', true]]);
  });

  it('carries ids with & # = % / + and unicode through pull untouched', async () => {
    const odd = ['a&b', 'c#d', 'e=f', 'g%20h', 'i/j', 'k+l', 'चाय-पत्ती', '茶', 'x?y=1&z=%2F'];
    await insertProducts(h.db, odd);
    const api = h.api(h.devices.a);
    const all = await api.pullAll<Product>('products', 7);
    expect(all.documents.map((p) => p.id).filter((id) => odd.includes(id))).toEqual(odd);
  });

  it('never lets store A pull anything of store B', async () => {
    const b = h.api(h.devices.b);
    await b.push('sales', asPushRows([makeSale('store-b', [{ productId: 'p001', qtyBase: 1 }])]));
    await b.push('stock-movements', asPushRows([makeMovement('store-b', 'p002', 3)]));
    const a = h.api(h.devices.a);
    for (const collection of ['sales', 'stock-movements', 'stock-levels', 'stores'] as const) {
      const page = await a.pullAll<{ storeId?: string; id: string }>(collection, 1);
      expect(page.documents.filter((d) => d.storeId === 'store-b' || d.id === 'store-b')).toEqual(
        [],
      );
    }
    const bLevels = await b.pullAll('stock-levels', 10);
    expect(bLevels.documents).toHaveLength(2);
  });
});
