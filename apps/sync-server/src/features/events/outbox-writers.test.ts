import type { EventEnvelope } from '@kiryana/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  asPushRows,
  billLine,
  makeMovement,
  makeSale,
  paidBill,
  saleOfBill,
} from '../../testing/sync-fixtures';
import { type SyncHarness, openSyncHarness } from '../../testing/sync-harness';
import { testDatabases } from '../../testing/test-databases';
import { createEmbeddedBus } from './embedded-bus';
import { collect } from './events-test-kit';
import { pgliteLeaderSessions } from './leader-session';
import { relayBatch } from './outbox-relay';

/**
 * The product's outbox writers (pushed sales, returns, movements, quarantined rows) produce rows
 * whose envelopes match the shared event schemas, in the order the pushes committed.
 */
describe.each(testDatabases())('outbox writers on $name', (database) => {
  let h: SyncHarness;
  beforeAll(async () => {
    h = await openSyncHarness(database);
  }, 60_000);
  afterAll(async () => {
    await h.close();
  });

  it('turn pushed sales, returns, movements and quarantined rows into valid events in commit order', async () => {
    const api = h.api(h.devices.a);
    const deviceId = h.devices.a.principal.deviceId;
    const sale = saleOfBill('store-a', paidBill([billLine('p001', 2, 1050)]));
    const giveBack = saleOfBill('store-a', paidBill([billLine('p001', 1, 1050)]), {
      kind: 'return',
      originalSaleId: sale.id,
    });
    const receipt = makeMovement('store-a', 'p002', 12);
    const poison = makeSale('store-a', [{ productId: 'p001', qtyBase: 1 }]);
    poison.totals.totalMinor += 100;
    expect((await api.push('sales', asPushRows([sale]))).body).toEqual([]);
    expect((await api.push('sales', asPushRows([giveBack]))).body).toEqual([]);
    expect((await api.push('stock-movements', asPushRows([receipt]))).body).toEqual([]);
    expect((await api.push('sales', asPushRows([poison]))).body).toEqual([]);
    // A retried push writes no second event.
    expect((await api.push('sales', asPushRows([sale]))).body).toEqual([]);

    const bus = createEmbeddedBus();
    const consumer = await collect(bus, 'writers');
    const invalid: string[] = [];
    const session = await pgliteLeaderSessions(h.db)();
    await relayBatch(
      session,
      { bus, onInvalidEvent: (row, problem) => invalid.push(`${row.topic}: ${problem}`) },
      { stores: 10, perStore: 100 },
    );
    // Each push that moved stock also wrote a level event (stock-events.test.ts checks those).
    await consumer.waitFor(7);
    expect(invalid).toEqual([]);
    const ofStoreA = consumer.events.filter((e) => e.storeId === 'store-a');
    const seqs = ofStoreA.map((e) => Number(e.storeSeq));
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    const mine = ofStoreA.filter((e) => !/^(stock\.level_changed|device\.)/.test(e.type));
    const summary = mine.map((e: EventEnvelope) => [e.type, e.regionId]);
    expect(summary).toEqual([
      ['sale.recorded', 'r1'],
      ['sale.returned', 'r1'],
      ['stock.moved', 'r1'],
      ['sync.quarantined', 'r1'],
    ]);
    expect(ofStoreA.filter((e) => e.type === 'stock.level_changed')).toHaveLength(3);
    expect(mine.map((e) => e.data)).toEqual([
      {
        saleId: sale.id,
        invoiceNo: sale.invoiceNo,
        terminalId: sale.terminalId,
        deviceId,
        cashierId: sale.cashierId,
        businessDate: sale.businessDate,
        totalMinor: sale.totals.totalMinor,
        currency: 'INR',
        lineCount: 1,
      },
      {
        saleId: giveBack.id,
        originalSaleId: sale.id,
        invoiceNo: giveBack.invoiceNo,
        terminalId: giveBack.terminalId,
        deviceId,
        cashierId: giveBack.cashierId,
        businessDate: giveBack.businessDate,
        totalMinor: giveBack.totals.totalMinor,
        currency: 'INR',
        lineCount: 1,
      },
      {
        movementId: receipt.id,
        productId: 'p002',
        kind: 'receipt',
        qtyDeltaBase: 12,
        deviceId,
      },
      {
        collection: 'sales',
        documentId: poison.id,
        code: expect.any(String) as string,
        deviceId,
      },
    ]);
    expect(mine[0]?.occurredAt).toBe(sale.createdAt);
    await bus.close();
  });
});
