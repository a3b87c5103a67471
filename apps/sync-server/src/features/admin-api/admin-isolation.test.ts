import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { insertStores } from '../../testing/sync-fixtures';
import { suiteFixture } from '../../testing/suite-fixture';
import { testDatabases } from '../../testing/test-databases';
import { type AdminActor, type AdminTestApp, openAdminTestApp } from './admin-test-kit';

/**
 * The admin API's reads walked by every manager role: whatever a route answers, nothing of a store
 * outside the reader's reach appears in it (status and body), and naming such a store is a 403.
 * Sales, stock and devices exist in every store, so a missing filter would show.
 */

const READS = [
  '/v1/admin/dashboard',
  '/v1/admin/fleet',
  '/v1/admin/stores',
  '/v1/admin/regions',
  '/v1/admin/reports/sales?from=2020-01-01&to=2020-12-31&groupBy=store',
  `/v1/admin/reports/sales?from=TODAY&to=TODAY&groupBy=store`,
  `/v1/admin/reports/sales?from=TODAY&to=TODAY&groupBy=day&format=csv`,
  `/v1/admin/reports/sales?from=TODAY&to=TODAY&groupBy=product`,
  `/v1/admin/reports/gst?from=TODAY&to=TODAY&format=csv`,
  '/v1/admin/stock/by-product?productId=p1',
  '/v1/admin/products/p1',
  // Issue 15: a PO and a region's supplier per region, a transfer inside r2 (beforeAll).
  '/v1/admin/purchase-orders',
  '/v1/admin/suppliers',
  '/v1/admin/transfers',
];

const NAMING_A_STORE = [
  '/v1/admin/stock?storeId=STORE',
  '/v1/admin/stock/movements?storeId=STORE&productId=p1',
  '/v1/admin/stock/in-transit?storeId=STORE',
  '/v1/admin/stock/cost?storeId=STORE&productId=p1',
];

/** Who reaches which of s1a, s1b (region r1) and s2a (region r2). */
const REACH: Partial<Record<AdminActor, readonly string[]>> = {
  storeManager: ['s1a'],
  regional: ['s1a', 's1b'],
  hq: ['s1a', 's1b', 's2a'],
  auditor: ['s1a', 's1b', 's2a'],
};

describe.each(testDatabases())('admin isolation walk on $name', (database) => {
  const t = suiteFixture(() => openAdminTestApp(database));
  beforeAll(async () => {
    for (const store of ['s1a', 's1b', 's2a'] as const) await t.sell(store, 1);
    await t.db.query(
      "INSERT INTO prices (id, product_id, level, store_id, price_minor, mrp_minor, effective_from) VALUES ('pr-x-s2a', 'p1', 'store', 's2a', 4000, 5000, '2026-01-01'), ('pr-x-s1b', 'p1', 'store', 's1b', 4000, 5000, '2026-01-01')",
    );
    await seedWorkflowDocuments(t);
  });

  it('answers every read with the reader’s stores only', async () => {
    for (const [actor, reach] of Object.entries(REACH) as [AdminActor, string[]][]) {
      const hidden = ['s1a', 's1b', 's2a'].filter((s) => !reach.includes(s));
      for (const path of READS) {
        const res = await t.as(actor, path.replaceAll('TODAY', t.today));
        const label = `${actor} ${path}`;
        expect(res.status, label).toBe(200);
        const text = await res.text();
        for (const store of hidden)
          expect(
            text.includes(`"${store}"`) || text.includes(`${store},`),
            `${label} shows ${store}`,
          ).toBe(false);
        if (
          path.includes('groupBy=store') ||
          path.endsWith('/stores') ||
          path.includes('by-product')
        ) {
          for (const store of reach) expect(text, `${label} misses ${store}`).toContain(store);
        }
      }
      for (const template of NAMING_A_STORE) {
        for (const store of ['s1a', 's1b', 's2a']) {
          const res = await t.as(actor, template.replace('STORE', store));
          expect(res.status, `${actor} ${template} ${store}`).toBe(
            reach.includes(store) ? 200 : 403,
          );
        }
      }
    }
  });
});

/**
 * Purchasing and transfers in every store: a supplier per region (and a chain-wide one selling to
 * all three stores: a reader sees it with its own stores only), a PO in each store, and a
 * transfer between two r2 stores, so a list that forgot its filter shows another store's id.
 */
async function seedWorkflowDocuments(t: AdminTestApp): Promise<void> {
  await insertStores(t.db, 'r2', ['s2x']);
  const post = async (path: string, body: unknown) => {
    const res = await t.as('hq', path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (res.status !== 201) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as { supplierId: string };
  };
  const pack = { productId: 'p1', orderUnitName: 'case', baseUnitsPerOrderUnit: 12 };
  const supplier = (regionId: string | null, storeIds: string[]) =>
    post('/v1/admin/suppliers', {
      name: `Supplier ${regionId ?? 'chain'}`,
      gstin: null,
      stateCode: '27',
      paymentTermsDays: 0,
      leadTimeDays: 1,
      regionId,
      storeIds,
      products: [{ ...pack, lastCostMinorPerOrderUnit: 4800 }],
    });
  const r1 = await supplier('r1', ['s1a', 's1b']);
  const r2 = await supplier('r2', ['s2a']);
  await supplier(null, ['s1a', 's1b', 's2a']);
  for (const [storeId, supplierId] of [
    ['s1a', r1.supplierId],
    ['s1b', r1.supplierId],
    ['s2a', r2.supplierId],
  ] as const) {
    await post('/v1/admin/purchase-orders', {
      factId: randomUUID(),
      poId: randomUUID(),
      storeId,
      supplierId,
      lines: [{ ...pack, orderedQtyOrderUnits: 2, costMinorPerOrderUnit: 4800 }],
    });
  }
  await post('/v1/admin/transfers', {
    factId: randomUUID(),
    transferId: randomUUID(),
    fromStoreId: 's2a',
    toStoreId: 's2x',
    lines: [{ productId: 'p1', qtyBase: 1 }],
  });
}
