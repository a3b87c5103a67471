import type { Sale, StockLevel, StockMovement } from '@kiryana/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../../testing/eventually';
import { type RxTerminal, openRxTerminal } from '../../testing/rx-terminal';
import { insertProducts, makeMovement, makeSale } from '../../testing/sync-fixtures';
import { type SyncHarness, openSyncHarness } from '../../testing/sync-harness';
import { testDatabases } from '../../testing/test-databases';
import { stockLevelDrift } from '../stock/stock-level.queries';
import { listQuarantine } from './quarantine.queries';
import { resetScopeEpoch } from './scope.queries';

const ids = (docs: { id: string }[]) => docs.map((d) => d.id).sort();

describe.each(testDatabases())('RxDB replication against the server on $name', (database) => {
  let h: SyncHarness;
  const open: RxTerminal[] = [];
  async function terminal(
    storeId: string,
    name: string,
    options: Omit<Parameters<typeof openRxTerminal>[1], 'collections'> & {
      collections?: Parameters<typeof openRxTerminal>[1]['collections'];
    } = {},
  ): Promise<RxTerminal> {
    const t = await openRxTerminal(h.fetcher(await h.device(storeId, name)), {
      collections: ['sales', 'stock-movements', 'stock-levels'],
      ...options,
    });
    open.push(t);
    return t;
  }
  async function closeAll() {
    for (const t of open.splice(0)) await t.close();
  }
  beforeAll(async () => {
    h = await openSyncHarness(database, { productCount: 120 });
  }, 60_000);
  afterAll(async () => {
    await closeAll();
    await h.close();
  });

  it('pulls the catalogue in pages smaller than it and hears new products through the stream', async () => {
    const t = await terminal('store-a', 'cat', { collections: ['products'], pullBatchSize: 25 });
    t.connectStream();
    await t.awaitInSync();
    expect((await t.docs('products')).length).toBe(120);
    await insertProducts(h.db, ['new-arrival']);
    await eventually(async () => {
      expect(ids(await t.docs('products'))).toContain('new-arrival');
    });
    await closeAll();
  });

  it('pushes sales from one terminal and shows them and the stock levels on another', async () => {
    const one = await terminal('store-a', 'a1');
    const two = await terminal('store-a', 'a2');
    one.connectStream();
    two.connectStream();
    await Promise.all([one.awaitInSync(), two.awaitInSync()]);
    const sales = [1, 2, 3].map((q) => makeSale('store-a', [{ productId: 'p010', qtyBase: q }]));
    await one.collection('sales').bulkInsert(sales);
    await eventually(async () => {
      expect(ids(await two.docs('sales'))).toEqual(ids(sales));
      const levels = (await two.docs('stock-levels')) as StockLevel[];
      expect(levels.find((l) => l.productId === 'p010')?.qtyBase).toBe(-6);
    });
    await closeAll();
  });

  it('retries a push whose response was lost after commit: one row, one stock effect', async () => {
    let lost = 0;
    const t = await terminal('store-b', 'lossy', {
      pushVia: async (_rows, send) => {
        const conflicts = await send();
        if (lost < 2) {
          lost += 1;
          throw new Error('connection reset after the server committed');
        }
        return conflicts;
      },
    });
    const sale = makeSale('store-b', [{ productId: 'p020', qtyBase: 7 }]);
    await t.collection('sales').insert(sale);
    await eventually(() => {
      expect(lost).toBe(2);
    });
    await t.awaitInSync();
    const rows = await h.db.query<{ what: string; n: string }>(
      `SELECT 'sales' AS what, count(*)::text AS n FROM sales WHERE id = $1
       UNION ALL SELECT 'movements', count(*)::text FROM stock_movements WHERE id LIKE $2
       UNION ALL SELECT 'level', qty_base::text FROM stock_levels WHERE store_id = 'store-b' AND product_id = 'p020'`,
      [sale.id, `${sale.id}:%`],
    );
    expect(rows.rows).toEqual([
      { what: 'sales', n: '1' },
      { what: 'movements', n: '1' },
      { what: 'level', n: '-7' },
    ]);
    await closeAll();
  });

  it('drains its push queue past a poison row in the middle of a batch', async () => {
    const t = await terminal('store-c', 'poison', {
      collections: ['stock-movements'],
      offline: true,
    });
    const good1 = makeMovement('store-c', 'p030', 5);
    const poison = makeMovement('store-c', 'p030', -5); // a receipt cannot take stock out
    const good2 = makeMovement('store-c', 'p031', 2);
    await t.collection('stock-movements').bulkInsert([good1, poison, good2]);
    const errors: unknown[] = [];
    t.replication('stock-movements').error$.subscribe((error) => errors.push(error));
    await t.goOnline();
    await t.awaitInSync();
    expect(errors).toEqual([]);
    const stored = await h.db.query<{ id: string }>(
      "SELECT id FROM stock_movements WHERE store_id = 'store-c' AND product_id IN ('p030', 'p031')",
    );
    expect(ids(stored.rows)).toEqual(ids([good1, good2]));
    expect(await listQuarantine(h.db, 'store-c')).toMatchObject([{ documentId: poison.id }]);
    await closeAll();
  });

  it('re-pulls everything after an epoch reset and converges on the restored state', async () => {
    const t = await terminal('store-a', 'restore', {
      collections: ['products'],
      pullBatchSize: 50,
    });
    t.connectStream();
    await t.awaitInSync();
    // A restore from an older backup: rows changed under numbers the terminal has already passed.
    await h.db.transaction(async (tx) => {
      await tx.query("UPDATE products SET name_en = 'Restored', seq = 1 WHERE id = 'p001'");
      await tx.query("UPDATE products SET deleted = true, seq = 2 WHERE id = 'p002'");
    });
    await resetScopeEpoch(h.db, 'ref');
    await h.deps.live.publish('ref', 'products', '2');
    await eventually(async () => {
      const docs = await t.docs('products');
      expect(docs.find((d) => d.id === 'p001')?.nameEn).toBe('Restored');
      expect(docs.find((d) => d.id === 'p002')).toBeUndefined();
    });
    await closeAll();
  });

  it('catches up after its stream was down: the reconnect resyncs', async () => {
    const listener = await terminal('store-b', 'listener', { collections: ['sales'] });
    const seller = await terminal('store-b', 'seller', { collections: ['sales'] });
    listener.connectStream();
    await listener.awaitInSync();
    listener.disconnectStream();
    const sale = makeSale('store-b', [{ productId: 'p040', qtyBase: 1 }]);
    await seller.collection('sales').insert(sale);
    await seller.awaitInSync();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(ids(await listener.docs('sales'))).not.toContain(sale.id);
    listener.connectStream();
    await eventually(async () => {
      expect(ids(await listener.docs('sales'))).toContain(sale.id);
    });
    await closeAll();
  });

  it('never gives store A anything of store B, not even inside a conflict', async () => {
    const bSale = makeSale('store-b', [{ productId: 'p050', qtyBase: 1 }]);
    const b = await terminal('store-b', 'b-owner', { collections: ['sales'] });
    await b.collection('sales').insert(bSale);
    await b.awaitInSync();
    const a = await terminal('store-a', 'a-thief', { collections: ['sales', 'stock-levels'] });
    a.connectStream();
    // Store A claims store B's sale id with its own content.
    const claim: Sale = {
      ...makeSale('store-a', [{ productId: 'p050', qtyBase: 9 }]),
      id: bSale.id,
    };
    await a.collection('sales').insert(claim);
    await a.awaitInSync();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const aSales = (await a.docs('sales')) as Sale[];
    expect(aSales.filter((s) => s.storeId === 'store-b')).toEqual([]);
    expect(aSales.find((s) => s.id === bSale.id)).toMatchObject({ storeId: 'store-a' });
    const levels = (await a.docs('stock-levels')) as StockLevel[];
    expect(levels.every((l) => l.storeId === 'store-a')).toBe(true);
    expect(await listQuarantine(h.db, 'store-a')).toMatchObject([
      { documentId: bSale.id, code: 'ID_IN_OTHER_SCOPE' },
    ]);
    const stored = await h.db.query<{ store_id: string }>(
      'SELECT store_id FROM sales WHERE id = $1',
      [bSale.id],
    );
    expect(stored.rows).toEqual([{ store_id: 'store-b' }]);
    await closeAll();
  });

  it('restores a synced sale that a terminal deleted locally: facts are never deleted', async () => {
    const t = await terminal('store-a', 'deleter', { collections: ['sales'] });
    const sale = makeSale('store-a', [{ productId: 'p060', qtyBase: 1 }]);
    await t.collection('sales').insert(sale);
    await t.awaitInSync();
    const doc = await t.collection('sales').findOne(sale.id).exec();
    await doc?.remove();
    await eventually(async () => {
      expect(ids(await t.docs('sales'))).toContain(sale.id);
    });
    const stored = await h.db.query('SELECT 1 FROM sales WHERE id = $1', [sale.id]);
    expect(stored.rows).toHaveLength(1);
    await closeAll();
  });

  it('converges three terminals that sold offline in the same store, nothing lost or doubled', async () => {
    const terminals = await Promise.all(
      [1, 2, 3].map((n) => terminal('store-c', `offline-${String(n)}`, { offline: true })),
    );
    const made: Sale[] = [];
    const receipts: StockMovement[] = [];
    for (const [n, t] of terminals.entries()) {
      const sales = Array.from({ length: 40 }, (_, i) =>
        makeSale('store-c', [
          { productId: `p${String(100 + n).padStart(3, '0')}`, qtyBase: 1 + (i % 3) },
        ]),
      );
      const receipt = makeMovement('store-c', `p${String(100 + n).padStart(3, '0')}`, 100);
      made.push(...sales);
      receipts.push(receipt);
      await t.collection('sales').bulkInsert(sales);
      await t.collection('stock-movements').insert(receipt);
    }
    for (const t of terminals) {
      t.connectStream();
      await t.goOnline();
    }
    await eventually(async () => {
      for (const t of terminals) {
        expect(ids(await t.docs('sales'))).toEqual(ids(made));
        const levels = (await t.docs('stock-levels')) as StockLevel[];
        for (const [n] of terminals.entries()) {
          const productId = `p${String(100 + n).padStart(3, '0')}`;
          const sold = made
            .filter((s) => s.lines[0]?.productId === productId)
            .reduce((sum, s) => sum + (s.lines[0]?.qtyBase ?? 0), 0);
          expect(levels.find((l) => l.productId === productId)?.qtyBase).toBe(100 - sold);
        }
      }
    }, 20_000);
    expect(await stockLevelDrift(h.db, 'store-c')).toEqual([]);
    await closeAll();
  }, 30_000);
});
