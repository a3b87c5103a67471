import {
  QUARANTINED_HEADER,
  type Sale,
  type StockLevel,
  type StockMovement,
} from '@kiryana/shared';
import { describe, expect, it } from 'vitest';
import { asPushRows, makeMovement, makeSale } from '../../testing/sync-fixtures';
import { suiteFixture } from '../../testing/suite-fixture';
import { type SyncHarness, openSyncHarness } from '../../testing/sync-harness';
import { testDatabases } from '../../testing/test-databases';
import { stockLevelDrift } from '../stock/stock-level.queries';
import { listQuarantine } from './quarantine.queries';

async function count(h: SyncHarness, sql: string, params: unknown[] = []): Promise<number> {
  const result = await h.db.query<{ n: string }>(
    `SELECT count(*)::text AS n FROM (${sql}) t`,
    params,
  );
  return Number(result.rows[0]?.n);
}

describe.each(testDatabases())('push on $name', (database) => {
  const h = suiteFixture(() => openSyncHarness(database));

  it('stores a sale with its lines, derived movements, stock levels and outbox event', async () => {
    const api = h.api(h.devices.a);
    const sale = makeSale('store-a', [
      { productId: 'p001', qtyBase: 2 },
      { productId: 'p002', qtyBase: 1 },
      { productId: 'p001', qtyBase: 3 },
    ]);
    const pushed = await api.push('sales', asPushRows([sale]));
    expect(pushed).toMatchObject({ status: 200, body: [] });
    expect(pushed.headers.get(QUARANTINED_HEADER)).toBe('0');

    const sales = await api.pullAll<Sale>('sales', 100);
    expect(sales.documents).toEqual([sale]);
    const movements = await api.pullAll<StockMovement>('stock-movements', 100);
    expect(movements.documents.map((m) => [m.id, m.productId, m.kind, m.qtyDeltaBase])).toEqual([
      [`${sale.id}:1`, 'p001', 'sale', -2],
      [`${sale.id}:2`, 'p002', 'sale', -1],
      [`${sale.id}:3`, 'p001', 'sale', -3],
    ]);
    const levels = await api.pullAll<StockLevel>('stock-levels', 100);
    expect(levels.documents.map((l) => [l.id, l.qtyBase])).toEqual([
      ['store-a|p001', -5],
      ['store-a|p002', -1],
    ]);
    expect(await count(h, 'SELECT 1 FROM sale_lines WHERE sale_id = $1', [sale.id])).toBe(3);
    expect(await count(h, "SELECT 1 FROM outbox WHERE event_key = 'sale:' || $1", [sale.id])).toBe(
      1,
    );
  });

  it('applies the same push five times in a row and twice at once exactly once', async () => {
    const api = h.api(h.devices.b);
    const sale = makeSale('store-b', [{ productId: 'p003', qtyBase: 4 }]);
    const receipt = makeMovement('store-b', 'p003', 10);
    for (let i = 0; i < 5; i += 1) {
      expect((await api.push('sales', asPushRows([sale]))).body).toEqual([]);
      expect((await api.push('stock-movements', asPushRows([receipt]))).body).toEqual([]);
    }
    const again = makeSale('store-b', [{ productId: 'p003', qtyBase: 1 }]);
    const answers = await Promise.all([
      api.push('sales', asPushRows([again])),
      api.push('sales', asPushRows([again])),
    ]);
    expect(answers.map((a) => [a.status, a.body])).toEqual([
      [200, []],
      [200, []],
    ]);
    expect(await count(h, "SELECT 1 FROM sales WHERE store_id = 'store-b'")).toBe(2);
    expect(await count(h, "SELECT 1 FROM stock_movements WHERE store_id = 'store-b'")).toBe(3);
    // Each stored push wrote its own event and one level change of p003, retries nothing.
    const events = await h.db.query<{ topic: string }>(
      `SELECT topic FROM outbox WHERE store_id = 'store-b' AND topic NOT LIKE 'device.%' ORDER BY seq`,
    );
    expect(events.rows.map((row) => row.topic)).toEqual([
      'sale.recorded',
      'stock.level_changed',
      'stock.moved',
      'stock.level_changed',
      'sale.recorded',
      'stock.level_changed',
    ]);
    const level = await h.db.query<{ qty_base: number }>(
      "SELECT qty_base FROM stock_levels WHERE store_id = 'store-b' AND product_id = 'p003'",
    );
    expect(level.rows).toEqual([{ qty_base: 5 }]);
    expect(await stockLevelDrift(h.db, 'store-b')).toEqual([]);
  });

  it('answers a different document under a stored id with the stored state and keeps it', async () => {
    const api = h.api(h.devices.a);
    const sale = makeSale('store-a', [{ productId: 'p004', qtyBase: 1 }]);
    await api.push('sales', asPushRows([sale]));
    const changed = { ...sale, invoiceNo: 'T1/25/999999' };
    const answer = await api.push('sales', [
      { newDocumentState: changed, assumedMasterState: sale },
    ]);
    expect(answer).toMatchObject({ status: 200, body: [sale] });
    const stored = await h.db.query<{ doc: Sale }>('SELECT doc FROM sales WHERE id = $1', [
      sale.id,
    ]);
    expect(stored.rows).toEqual([{ doc: sale }]);
  });

  it('ignores server-only and unknown fields in pushed documents', async () => {
    const api = h.api(h.devices.a);
    const sale = makeSale('store-a', [{ productId: 'p005', qtyBase: 1 }]);
    const decorated = { ...sale, seq: '999999', receivedAt: 'x', _meta: { lwt: 1 }, _rev: '1-a' };
    expect((await api.push('sales', asPushRows([decorated]))).body).toEqual([]);
    expect((await api.push('sales', asPushRows([sale]))).body).toEqual([]);
    const stored = await h.db.query<{ doc: Sale; seq: string }>(
      'SELECT doc, seq::text AS seq FROM sales WHERE id = $1',
      [sale.id],
    );
    expect(stored.rows[0]?.doc).toEqual(sale);
    expect(stored.rows[0]?.seq).not.toBe('999999');
  });

  it('quarantines a poison row mid-batch, commits the rest, and records the poison once', async () => {
    const api = h.api(h.devices.c);
    const good1 = makeMovement('store-c', 'p001', 5);
    const wrongSign = makeMovement('store-c', 'p001', -5);
    const good2 = makeMovement('store-c', 'p002', 7);
    const badTotals = makeSale('store-c', [{ productId: 'p001', qtyBase: 1 }]);
    badTotals.totals.totalMinor += 100;
    for (let i = 0; i < 2; i += 1) {
      const answer = await api.push('stock-movements', asPushRows([good1, wrongSign, good2]));
      expect(answer).toMatchObject({ status: 200, body: [] });
      expect(answer.headers.get(QUARANTINED_HEADER)).toBe('1');
      expect((await api.push('sales', asPushRows([badTotals]))).body).toEqual([]);
    }
    const stored = await h.db.query<{ id: string }>(
      "SELECT id FROM stock_movements WHERE store_id = 'store-c' ORDER BY seq",
    );
    expect(stored.rows.map((r) => r.id)).toEqual([good1.id, good2.id]);
    expect(await listQuarantine(h.db, 'store-c')).toEqual([
      {
        collection: 'stock-movements',
        documentId: wrongSign.id,
        code: 'WRONG_SIGN_FOR_KIND',
        deviceId: h.devices.c.principal.deviceId,
      },
      {
        collection: 'sales',
        documentId: badTotals.id,
        code: 'TOTALS_MISMATCH',
        deviceId: h.devices.c.principal.deviceId,
      },
    ]);
  });

  it('accepts a sale naming a customer it has never heard of, and a return listed before its sale in one push', async () => {
    const api = h.api(h.devices.b);
    const original = makeSale('store-b', [{ productId: 'p001', qtyBase: 2 }], {
      customerId: 'customer-not-yet-synced',
    });
    const refund = makeSale('store-b', [{ productId: 'p001', qtyBase: 1 }], {
      kind: 'return',
      originalSaleId: original.id,
    });
    // A return is checked against its sale's payments, so the sale must be stored already or
    // come in the same push (docs/sync.md, "Push"); the order within the push does not matter.
    expect((await api.push('sales', asPushRows([refund, original]))).body).toEqual([]);
    const stored = await h.db.query<{ id: string }>(
      'SELECT id::text AS id FROM sales WHERE id = ANY($1::uuid[]) ORDER BY seq',
      [[original.id, refund.id]],
    );
    expect(stored.rows.map((r) => r.id)).toEqual([refund.id, original.id]);
  });

  it('syncs facts from a terminal whose clock is two days off either way', async () => {
    const api = h.api(h.devices.b);
    const now = Date.now();
    const skewed = [-2, 2].map((days) => {
      const at = new Date(now + days * 86_400_000).toISOString();
      return makeSale('store-b', [{ productId: 'p002', qtyBase: 1 }], {
        createdAt: at,
        businessDate: at.slice(0, 10),
      });
    });
    expect((await api.push('sales', asPushRows(skewed))).body).toEqual([]);
    const pulled = await api.pullAll<Sale>('sales', 100);
    expect(pulled.documents.map((s) => s.id)).toEqual(
      expect.arrayContaining(skewed.map((s) => s.id)),
    );
  });

  it('quarantines a row naming another store in the pusher’s own store, touching nothing there', async () => {
    const api = h.api(h.devices.a);
    const foreign = makeMovement('store-b', 'p005', 50);
    const before = await count(h, "SELECT 1 FROM stock_movements WHERE store_id = 'store-b'");
    const answer = await api.push('stock-movements', asPushRows([foreign]));
    expect(answer).toMatchObject({ status: 200, body: [] });
    expect(answer.headers.get(QUARANTINED_HEADER)).toBe('1');
    expect(await count(h, "SELECT 1 FROM stock_movements WHERE store_id = 'store-b'")).toBe(before);
    expect(await listQuarantine(h.db, 'store-b')).toEqual([]);
    expect(await listQuarantine(h.db, 'store-a')).toMatchObject([
      { documentId: foreign.id, code: 'SCOPE_VIOLATION' },
    ]);
  });

  it('stores the first of two rows with one id in a batch and answers the second as a conflict', async () => {
    const api = h.api(h.devices.c);
    const first = makeMovement('store-c', 'p003', 3);
    const second = { ...makeMovement('store-c', 'p003', 4), id: first.id };
    const answer = await api.push('stock-movements', asPushRows([first, first, second]));
    expect(answer.body).toEqual([first]);
  });

  it('answers a deletion of a stored fact with its stored state, quarantines an unseen one', async () => {
    const api = h.api(h.devices.b);
    const sale = makeSale('store-b', [{ productId: 'p004', qtyBase: 1 }]);
    await api.push('sales', asPushRows([sale]));
    const deleted = { ...sale, _deleted: true };
    expect(
      (await api.push('sales', [{ newDocumentState: deleted, assumedMasterState: sale }])).body,
    ).toEqual([sale]);
    const never = makeMovement('store-b', 'p004', 2, { _deleted: true });
    const answer = await api.push('stock-movements', asPushRows([never]));
    expect(answer.body).toEqual([]);
    expect(answer.headers.get(QUARANTINED_HEADER)).toBe('1');
    expect(await listQuarantine(h.db, 'store-b')).toMatchObject([
      { documentId: never.id, code: 'FACT_DELETED' },
    ]);
    expect(await count(h, 'SELECT 1 FROM sales WHERE id = $1', [sale.id])).toBe(1);
  });

  it('answers 426 to a terminal pushing documents of an older schema version', async () => {
    const api = h.api(h.devices.a);
    const old = { ...makeSale('store-a', [{ productId: 'p001', qtyBase: 1 }]), schemaVersion: 0 };
    expect(await api.push('sales', asPushRows([old]))).toMatchObject({
      status: 426,
      body: { error: { code: 'CLIENT_TOO_OLD', details: { schemaVersion: 0, current: 2 } } },
    });
  });

  it('refuses pushes to pull-only and unknown collections as whole requests', async () => {
    const api = h.api(h.devices.a);
    expect(await api.push('products', [])).toMatchObject({
      status: 403,
      body: { error: { code: 'FORBIDDEN' } },
    });
    expect(await api.push('customers', [])).toMatchObject({
      status: 404,
      body: { error: { code: 'UNKNOWN_COLLECTION' } },
    });
  });
});
