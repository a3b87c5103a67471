import { beforeAll, describe, expect, it } from 'vitest';
import { suiteFixture } from '../../testing/suite-fixture';
import { testDatabases } from '../../testing/test-databases';
import { asPushRows, insertProducts, insertStores, makeSale } from '../../testing/sync-fixtures';
import { chainEntries } from '../audit/audit.queries';
import { insertPerson, openIdentityTestApp } from '../identity/identity-test-kit';
import { listQuarantine } from './quarantine.queries';

describe.each(testDatabases())('pushed facts name a cashier of the store, on $name', (database) => {
  const t = suiteFixture(() => openIdentityTestApp(database));
  let token = '';

  beforeAll(async () => {
    await insertStores(t.db, 'r1', ['s1', 's2']);
    await insertProducts(t.db, ['p1']);
    for (const [id, storeId] of [
      ['asha', 's1'],
      ['bina', 's2'],
    ] as const) {
      await insertPerson(t.db, { id, role: 'cashier', scope: { kind: 'store', storeId } });
    }
    token = (await t.enrolDevice('s1')).token;
  }, 60_000);

  it('quarantines a sale by another store’s cashier and stores the rest of the push', async () => {
    const own = makeSale('s1', [{ productId: 'p1', qtyBase: 1 }], { cashierId: 'asha' });
    const foreign = makeSale('s1', [{ productId: 'p1', qtyBase: 1 }], { cashierId: 'bina' });
    const unknown = makeSale('s1', [{ productId: 'p1', qtyBase: 1 }], { cashierId: 'ghost' });
    const anonymous = makeSale('s1', [{ productId: 'p1', qtyBase: 1 }]);
    const response = await t.app.request('/v1/sync/sales/push', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(asPushRows([own, foreign, unknown, anonymous])),
    });
    expect(response.status).toBe(200);
    const stored = await t.db.query<{ id: string }>(
      "SELECT id::text FROM sales WHERE store_id = 's1' ORDER BY id",
    );
    expect(stored.rows.map((r) => r.id).sort()).toEqual([own.id, anonymous.id].sort());
    const quarantined = await listQuarantine(t.db, 's1');
    expect(quarantined.map((q) => [q.documentId, q.code]).sort()).toEqual(
      [
        [foreign.id, 'CASHIER_NOT_IN_STORE'],
        [unknown.id, 'CASHIER_NOT_IN_STORE'],
      ].sort(),
    );
    const audited = (await chainEntries(t.db, 'store:s1', 0, 100)).filter(
      (e) => e.kind === 'sync.quarantined',
    );
    expect(audited.map((e) => e.subject).sort()).toEqual(
      [`sales/${foreign.id}`, `sales/${unknown.id}`].sort(),
    );
  });
});
