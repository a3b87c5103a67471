import { type Sale, type SaleBuyer, QUARANTINED_HEADER } from '@kiryana/shared';
import { describe, expect, it } from 'vitest';
import { asPushRows, billLine, paidBill, saleOfBill } from '../../testing/sync-fixtures';
import { suiteFixture } from '../../testing/suite-fixture';
import { type SyncHarness, openSyncHarness } from '../../testing/sync-harness';
import { testDatabases } from '../../testing/test-databases';
import { listQuarantine } from './quarantine.queries';

/** The harness's stores are in Maharashtra (27). A Karnataka hotel buys from them. */
const KARNATAKA_HOTEL: SaleBuyer = {
  gstin: '29AABCT1332L1ZA',
  name: 'Hotel Mayura',
  stateCode: '29',
  address: 'MG Road, Bengaluru',
};

async function storedIds(h: SyncHarness, ids: string[]): Promise<string[]> {
  const result = await h.db.query<{ id: string }>(
    'SELECT id::text AS id FROM sales WHERE id = ANY($1::uuid[]) ORDER BY seq',
    [ids],
  );
  return result.rows.map((row) => row.id);
}

const codesOf = async (h: SyncHarness, storeId: string) =>
  (await listQuarantine(h.db, storeId)).map((q) => [q.documentId, q.code]);

describe.each(testDatabases())('GST rules of pushed sales on $name', (database) => {
  const h = suiteFixture(() => openSyncHarness(database));

  it('stores a B2B inter-state invoice and quarantines one whose supply type ignores the store state', async () => {
    const api = h.api(h.devices.a);
    const lines = [billLine('p001', 2, 1050)];
    const inter = saleOfBill('store-a', paidBill(lines, undefined, 'inter'), {
      buyer: KARNATAKA_HOTEL,
      placeOfSupply: '29',
      invoiceKind: 'tax-invoice',
    });
    // Billed as if the store were in Karnataka: CGST + SGST to a Karnataka place of supply.
    const intra = saleOfBill('store-a', paidBill(lines), {
      buyer: KARNATAKA_HOTEL,
      placeOfSupply: '29',
      invoiceKind: 'tax-invoice',
    });
    const answer = await api.push('sales', asPushRows([inter, intra]));
    expect(answer).toMatchObject({ status: 200, body: [] });
    expect(answer.headers.get(QUARANTINED_HEADER)).toBe('1');
    expect(await storedIds(h, [inter.id, intra.id])).toEqual([inter.id]);
    expect(await codesOf(h, 'store-a')).toEqual([[intra.id, 'PLACE_OF_SUPPLY_MISMATCH']]);
    // A version-1 sale (queued by a terminal before its upgrade) passes as it always did.
    const v1 = saleOfBill('store-a', paidBill(lines), { schemaVersion: 1 });
    const v1Answer = await api.push('sales', asPushRows([v1]));
    expect(v1Answer).toMatchObject({ status: 200, body: [] });
    expect(await storedIds(h, [v1.id])).toEqual([v1.id]);
  });

  it('quarantines a taxed tax invoice of a composition store, not its bills of supply or returns', async () => {
    await h.db.query("UPDATE stores SET composition = true WHERE id = 'store-b'");
    try {
      const api = h.api(h.devices.b);
      const taxed = saleOfBill('store-b', paidBill([billLine('p002', 1, 1050)]));
      const nilRated = { ...billLine('p003', 3, 1000), gstRateBp: 0 };
      const ofSupply = saleOfBill('store-b', paidBill([nilRated]), {
        invoiceKind: 'bill-of-supply',
        placeOfSupply: '27',
      });
      const taxedOfSupply = saleOfBill('store-b', paidBill([billLine('p002', 1, 1050)]), {
        invoiceKind: 'bill-of-supply',
      });
      const answer = await api.push('sales', asPushRows([taxed, ofSupply, taxedOfSupply]));
      expect(answer.headers.get(QUARANTINED_HEADER)).toBe('2');
      expect(await storedIds(h, [taxed.id, ofSupply.id, taxedOfSupply.id])).toEqual([ofSupply.id]);
      expect(new Map((await codesOf(h, 'store-b')) as [string, string][])).toEqual(
        new Map([
          [taxed.id, 'COMPOSITION_TAX_INVOICE'],
          [taxedOfSupply.id, 'BILL_OF_SUPPLY_WITH_TAX'],
        ]),
      );
    } finally {
      await h.db.query("UPDATE stores SET composition = false WHERE id = 'store-b'");
    }
  });

  it('never quarantines a retry of a sale stored before the store joined the scheme', async () => {
    const api = h.api(h.devices.c);
    const sale: Sale = saleOfBill('store-c', paidBill([billLine('p004', 1, 1050)]));
    expect((await api.push('sales', asPushRows([sale]))).body).toEqual([]);
    await h.db.query("UPDATE stores SET composition = true WHERE id = 'store-c'");
    try {
      const retry = await api.push('sales', asPushRows([sale]));
      expect(retry).toMatchObject({ status: 200, body: [] });
      expect(retry.headers.get(QUARANTINED_HEADER)).toBe('0');
      expect(await listQuarantine(h.db, 'store-c')).toEqual([]);
    } finally {
      await h.db.query("UPDATE stores SET composition = false WHERE id = 'store-c'");
    }
  });
});
