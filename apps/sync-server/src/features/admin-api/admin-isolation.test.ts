import { beforeAll, describe, expect, it } from 'vitest';
import { suiteFixture } from '../../testing/suite-fixture';
import { testDatabases } from '../../testing/test-databases';
import { type AdminActor, openAdminTestApp } from './admin-test-kit';

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
];

const NAMING_A_STORE = [
  '/v1/admin/stock?storeId=STORE',
  '/v1/admin/stock/movements?storeId=STORE&productId=p1',
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
