import { EVENT_DATA_SCHEMAS, type EventType } from '@kiryana/shared';
import { describe, expect, it } from 'vitest';
import {
  asPushRows,
  billLine,
  makeMovement,
  makeSale,
  paidBill,
  saleOfBill,
} from '../../testing/sync-fixtures';
import { openSyncHarness } from '../../testing/sync-harness';
import { suiteFixture } from '../../testing/suite-fixture';
import { testDatabases } from '../../testing/test-databases';

/**
 * The stock writers' level events: every push that moves a level writes, in its own statement, one
 * `stock.level_changed` per product (before, after, the documents that caused it) and a
 * `stock.low` when the level crosses the product's reorder level downwards, once per crossing.
 */
describe.each(testDatabases())('stock level events on $name', (database) => {
  const h = suiteFixture(() => openSyncHarness(database));
  const seen = new Map<string, number>();

  /** The store's outbox rows written since the last call, in number order, checked by schema. */
  const newEvents = async (storeId: string) => {
    const { rows } = await h.db.query<{ seq: string; topic: EventType; payload: unknown }>(
      `SELECT seq::text AS seq, topic, payload FROM outbox
        WHERE store_id = $1 AND seq > $2 ORDER BY outbox.seq`,
      [storeId, seen.get(storeId) ?? 0],
    );
    const last = rows.at(-1);
    if (last) seen.set(storeId, Number(last.seq));
    for (const row of rows) EVENT_DATA_SCHEMAS[row.topic].data.parse(row.payload);
    return rows
      .filter((row) => row.topic.startsWith('stock.level') || row.topic === 'stock.low')
      .map((row) => ({ topic: row.topic, data: row.payload }));
  };

  it('names before, after and cause of each change, and raises stock.low once per crossing', async () => {
    await h.db.query("UPDATE products SET reorder_level_base = 5 WHERE id = 'p001'");
    const api = h.api(h.devices.a);
    const receipt = makeMovement('store-a', 'p001', 7);
    expect((await api.push('stock-movements', asPushRows([receipt]))).body).toEqual([]);
    expect(await newEvents('store-a')).toEqual([
      {
        topic: 'stock.level_changed',
        data: {
          productId: 'p001',
          qtyBase: 7,
          deltaBase: 7,
          previousQtyBase: 0,
          causes: [{ kind: 'movement', id: receipt.id }],
        },
      },
    ]);

    // 7 → 5: at the reorder level, from above it.
    const first = makeSale('store-a', [{ productId: 'p001', qtyBase: 2 }]);
    expect((await api.push('sales', asPushRows([first]))).body).toEqual([]);
    expect(await newEvents('store-a')).toEqual([
      {
        topic: 'stock.level_changed',
        data: {
          productId: 'p001',
          qtyBase: 5,
          deltaBase: -2,
          previousQtyBase: 7,
          causes: [{ kind: 'sale', id: first.id }],
        },
      },
      {
        topic: 'stock.low',
        data: { productId: 'p001', qtyBase: 5, reorderLevelBase: 5, previousQtyBase: 7 },
      },
    ]);

    // 5 → 4 while low: no second alert. A retried push moves nothing and writes nothing.
    const second = makeSale('store-a', [{ productId: 'p001', qtyBase: 1 }]);
    expect((await api.push('sales', asPushRows([second]))).body).toEqual([]);
    expect((await newEvents('store-a')).map((e) => e.topic)).toEqual(['stock.level_changed']);
    expect((await api.push('sales', asPushRows([second]))).body).toEqual([]);
    expect(await newEvents('store-a')).toEqual([]);

    // Back above (4 → 14), then down again (14 → 5) in one push of two bills and a return.
    const restock = makeMovement('store-a', 'p001', 10);
    expect((await api.push('stock-movements', asPushRows([restock]))).body).toEqual([]);
    expect(await newEvents('store-a')).toHaveLength(1);
    const bigSale = saleOfBill('store-a', paidBill([billLine('p001', 8, 1050)]));
    const smallSale = saleOfBill('store-a', paidBill([billLine('p001', 2, 1050)]));
    const giveBack = saleOfBill('store-a', paidBill([billLine('p001', 1, 1050)]), {
      kind: 'return',
      originalSaleId: bigSale.id,
    });
    const bills = [bigSale, smallSale, giveBack];
    expect((await api.push('sales', asPushRows(bills))).body).toEqual([]);
    expect(await newEvents('store-a')).toEqual([
      {
        topic: 'stock.level_changed',
        data: {
          productId: 'p001',
          qtyBase: 5,
          deltaBase: -9,
          previousQtyBase: 14,
          causes: expect.arrayContaining([
            { kind: 'sale', id: bigSale.id },
            { kind: 'sale', id: smallSale.id },
            { kind: 'return', id: giveBack.id },
          ]) as unknown,
        },
      },
      {
        topic: 'stock.low',
        data: { productId: 'p001', qtyBase: 5, reorderLevelBase: 5, previousQtyBase: 14 },
      },
    ]);
  });

  it('writes one level event per product of a push, and no alert for products without a reorder level', async () => {
    const api = h.api(h.devices.b);
    const sale = makeSale('store-b', [
      { productId: 'p002', qtyBase: 3 },
      { productId: 'p003', qtyBase: 1 },
      { productId: 'p002', qtyBase: 1 },
    ]);
    expect((await api.push('sales', asPushRows([sale]))).body).toEqual([]);
    const events = await newEvents('store-b');
    expect(events).toEqual([
      {
        topic: 'stock.level_changed',
        data: {
          productId: 'p002',
          qtyBase: -4,
          deltaBase: -4,
          previousQtyBase: 0,
          causes: [{ kind: 'sale', id: sale.id }],
        },
      },
      {
        topic: 'stock.level_changed',
        data: {
          productId: 'p003',
          qtyBase: -1,
          deltaBase: -1,
          previousQtyBase: 0,
          causes: [{ kind: 'sale', id: sale.id }],
        },
      },
    ]);
  });
});
