import { errorEnvelope } from '@kiryana/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeMovement } from '../../testing/sync-fixtures';
import { syncApi } from '../../testing/sync-api';
import { deviceFetcher } from '../../testing/sync-test-app';
import { testDatabases } from '../../testing/test-databases';
import { type AdminTestApp, openAdminTestApp } from '../admin-api/admin-test-kit';
import { insertUser } from '../identity/user.queries';

type Levels = { levels: { productId: string; qtyBase: number; isLow: boolean }[] };

describe.each(testDatabases())('stock on $name', (database) => {
  let t: AdminTestApp;
  beforeAll(async () => {
    t = await openAdminTestApp(database);
    await t.db.query("UPDATE products SET reorder_level_base = 10 WHERE id IN ('p1', 'p2')");
    await insertUser(t.db, {
      id: 'u-asha',
      username: 'asha',
      displayName: 'Asha Kumari',
      kind: 'user',
      passwordHash: null,
    });
    await t.db.query(
      "INSERT INTO role_assignments (id, user_id, role, scope_kind, store_id, created_by) VALUES ('ra-asha', 'u-asha', 'cashier', 'store', 's1a', 'test')",
    );
    const api = syncApi(deviceFetcher(t.app, t.devices.s1a));
    await api.push('stock-movements', [
      {
        newDocumentState: makeMovement('s1a', 'p1', 20, {
          cashierId: 'u-asha',
          supplier: 'Metro Cash & Carry',
          createdAt: '2026-03-14T09:00:00.000Z',
        }),
      },
      {
        newDocumentState: makeMovement('s1a', 'p1', -3, {
          kind: 'adjustment',
          reason: 'damage',
          note: 'Torn packs',
          cashierId: 'u-asha',
          createdAt: '2026-03-15T09:00:00.000Z',
        }),
      },
      { newDocumentState: makeMovement('s1a', 'p2', 4) },
    ]);
    await t.sell('s1a', 2);
  });
  afterAll(async () => {
    await t.close();
  });

  it('shows the levels of a store in reach, and the low-stock list', async () => {
    const all = (await (
      await t.as('storeManager', '/v1/admin/stock?storeId=s1a')
    ).json()) as Levels;
    expect(all.levels.map((l) => [l.productId, l.qtyBase, l.isLow])).toEqual([
      ['p1', 15, false],
      ['p2', 4, true],
      ['p3', 0, false],
    ]);
    const low = (await (
      await t.as('auditor', '/v1/admin/stock?storeId=s1a&low=true')
    ).json()) as Levels;
    expect(low.levels.map((l) => l.productId)).toEqual(['p2']);
  });

  it('refuses the stock of a store outside the reach', async () => {
    const res = await t.as('regional', '/v1/admin/stock?storeId=s2a');
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual(
      errorEnvelope('FORBIDDEN', 'This needs the stock:read permission here.', {
        permission: 'stock:read',
      }),
    );
    expect(
      (await t.as('storeManager', '/v1/admin/stock/movements?storeId=s1b&productId=p1')).status,
    ).toBe(403);
  });

  it("shows a product's level across the stores in reach", async () => {
    const res = await t.as('regional', '/v1/admin/stock/by-product?productId=p1');
    const body = (await res.json()) as { stores: { storeId: string; qtyBase: number }[] };
    expect(body.stores.map((s) => [s.storeId, s.qtyBase])).toEqual([
      ['s1a', 15],
      ['s1b', 0],
    ]);
  });

  it('shows who moved stock, when and why, newest first', async () => {
    const res = await t.as('regional', '/v1/admin/stock/movements?storeId=s1a&productId=p1');
    const body = (await res.json()) as {
      movements: {
        kind: string;
        qtyDeltaBase: number;
        cashierName: string | null;
        reason: string | null;
        note: string | null;
        supplier: string | null;
      }[];
    };
    expect(
      body.movements.map((m) => [
        m.kind,
        m.qtyDeltaBase,
        m.cashierName,
        m.reason,
        m.note,
        m.supplier,
      ]),
    ).toEqual([
      ['sale', -2, null, null, null, null],
      ['adjustment', -3, 'Asha Kumari', 'damage', 'Torn packs', null],
      ['receipt', 20, 'Asha Kumari', null, null, 'Metro Cash & Carry'],
    ]);
  });
});
