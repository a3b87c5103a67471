import { type SyncHealth, xorChecksums } from '@kiryana/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncApi } from '../../testing/sync-api';
import { asPushRows, makeMovement, makeSale } from '../../testing/sync-fixtures';
import { deviceFetcher } from '../../testing/sync-test-app';
import { testDatabases } from '../../testing/test-databases';
import { type AdminTestApp, openAdminTestApp } from '../admin-api/admin-test-kit';
import { idChecksum } from './id-checksum';

const ZERO = '0000000000000000';

describe('idChecksum', () => {
  it('is order-independent, combines by XOR and is zero for no ids', () => {
    const ids = ['0190a7c2-0000-7000-8000-000000000001', 'b', 'ताज़ा'];
    expect(idChecksum(ids)).toBe(idChecksum([...ids].reverse()));
    expect(xorChecksums(idChecksum(ids.slice(0, 1)), idChecksum(ids.slice(1)))).toBe(
      idChecksum(ids),
    );
    expect(idChecksum([])).toBe(ZERO);
    expect(idChecksum(['a', 'a'])).toBe(ZERO);
  });
});

describe.each(testDatabases())('sync health on $name', (database) => {
  let t: AdminTestApp;
  const day = '2026-03-14';
  const nextDay = '2026-03-15';
  const period = `from=2026-03-01&to=2026-03-31`;

  const asDevice = (store: 's1a' | 's1b' | 's2a') => deviceFetcher(t.app, t.devices[store]);
  async function health(store: 's1a' | 's1b' | 's2a', query = period): Promise<SyncHealth> {
    const response = await asDevice(store)(`/v1/sync/health?${query}`);
    expect(response.status).toBe(200);
    return (await response.json()) as SyncHealth;
  }

  const s1aSales: string[] = [];
  let returnId = '';
  let movementId = '';
  beforeAll(async () => {
    t = await openAdminTestApp(database);
    const terminalId = t.devices.s1a.principal.deviceId;
    const api = syncApi(asDevice('s1a'));
    const sales = [
      makeSale('s1a', [{ productId: 'p1', qtyBase: 2 }], { terminalId, businessDate: day }),
      makeSale('s1a', [{ productId: 'p2', qtyBase: 1 }], { terminalId, businessDate: day }),
      makeSale('s1a', [{ productId: 'p1', qtyBase: 3 }], { terminalId, businessDate: nextDay }),
    ];
    const refund = makeSale('s1a', [{ productId: 'p1', qtyBase: 1 }], {
      terminalId,
      kind: 'return',
      originalSaleId: sales[0]!.id,
      businessDate: nextDay,
    });
    const receipt = makeMovement('s1a', 'p3', 12, {
      terminalId,
      createdAt: `${day}T05:00:00.000Z`,
    });
    s1aSales.push(...sales.map((s) => s.id));
    returnId = refund.id;
    movementId = receipt.id;
    // The first push is retried whole: the server must hold each document once.
    for (let i = 0; i < 2; i++) {
      expect((await api.push('sales', asPushRows([...sales, refund]))).status).toBe(200);
      expect((await api.push('stock-movements', asPushRows([receipt]))).status).toBe(200);
    }
    const other = syncApi(asDevice('s2a'));
    await other.push(
      'sales',
      asPushRows([makeSale('s2a', [{ productId: 'p1', qtyBase: 1 }], { businessDate: day })]),
    );
  }, 60_000);
  afterAll(async () => {
    await t.close();
  });

  it('answers per terminal and day what the terminal sent, once, with matching checksums', async () => {
    const h = await health('s1a');
    const terminalId = t.devices.s1a.principal.deviceId;
    expect(h).toMatchObject({ storeId: 's1a', from: '2026-03-01', to: '2026-03-31', stock: null });
    const mine = h.terminals.find((x) => x.terminalId === terminalId);
    expect(mine).toMatchObject({
      device: { terminalCode: t.devices.s1a.principal.terminalCode, status: 'active' },
      sales: 3,
      returns: 1,
      salesMinor: 4000 * 6,
      returnsMinor: 4000,
      checksum: idChecksum([...s1aSales, returnId]),
      movements: 1,
      movementsChecksum: idChecksum([movementId]),
      quarantined: 0,
    });
    expect(mine?.days).toEqual([
      {
        businessDate: day,
        sales: 2,
        returns: 0,
        salesMinor: 4000 * 3,
        returnsMinor: 0,
        checksum: idChecksum(s1aSales.slice(0, 2)),
        movements: 1,
        movementsChecksum: idChecksum([movementId]),
      },
      {
        businessDate: nextDay,
        sales: 1,
        returns: 1,
        salesMinor: 4000 * 3,
        returnsMinor: 4000,
        checksum: idChecksum([s1aSales[2]!, returnId]),
        movements: 0,
        movementsChecksum: ZERO,
      },
    ]);
    expect(h.totals.checksum).toBe(idChecksum([...s1aSales, returnId]));
  });

  it('never shows another store, and narrows to one terminal or a period', async () => {
    const other = await health('s2a');
    expect(other.totals.sales).toBe(1);
    expect(other.terminals.every((x) => x.terminalId !== t.devices.s1a.principal.deviceId)).toBe(
      true,
    );
    const oneDay = await health('s1a', `from=${day}&to=${day}`);
    expect(oneDay.totals).toMatchObject({ sales: 2, returns: 0, movements: 1 });
    const none = await health('s1a', `${period}&terminalId=nobody`);
    expect(none.terminals).toEqual([]);
    expect(none.totals).toMatchObject({ sales: 0, checksum: ZERO });
  });

  it('checks the stock projection on request and sees drift', async () => {
    expect((await health('s1a', `${period}&stock=true`)).stock).toEqual({ driftingProducts: 0 });
    await t.db.query(
      `UPDATE stock_levels SET qty_base = qty_base + 1 WHERE store_id = 's1a' AND product_id = 'p3'`,
    );
    expect((await health('s1a', `${period}&stock=true`)).stock).toEqual({ driftingProducts: 1 });
    await t.db.query(
      `UPDATE stock_levels SET qty_base = qty_base - 1 WHERE store_id = 's1a' AND product_id = 'p3'`,
    );
  });

  it('counts quarantined rows of the device', async () => {
    const api = syncApi(asDevice('s1b'));
    const poison = makeSale('s1b', [{ productId: 'p1', qtyBase: 1 }], { businessDate: day });
    const broken = { ...poison, totals: { ...poison.totals, totalMinor: 1 } };
    const pushed = await api.push('sales', asPushRows([broken]));
    expect(pushed.headers.get('x-kiryana-quarantined')).toBe('1');
    const h = await health('s1b');
    const device = h.terminals.find((x) => x.terminalId === t.devices.s1b.principal.deviceId);
    expect(device).toMatchObject({ quarantined: 1, sales: 0, checksum: ZERO });
  });

  it('refuses a period backwards or longer than a year with the error envelope', async () => {
    const response = await asDevice('s1a')('/v1/sync/health?from=2026-03-02&to=2026-03-01');
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: {
        code: 'VALIDATION_FAILED',
        message: 'from must not be after to, and at most 366 days apart.',
        details: { fields: [{ path: 'to', message: 'period out of range' }] },
      },
    });
    expect((await t.app.request('/v1/sync/health')).status).toBe(401);
  });

  it('answers managers for stores in their reach only', async () => {
    const regional = await t.as('regional', `/v1/fleet/sync-health?storeId=s1a&${period}`);
    expect(regional.status).toBe(200);
    expect(((await regional.json()) as SyncHealth).totals.checksum).toBe(
      idChecksum([...s1aSales, returnId]),
    );
    const outside = await t.as('storeManager', `/v1/fleet/sync-health?storeId=s2a&${period}`);
    expect(outside.status).toBe(403);
    expect((await t.as('cashier', `/v1/fleet/sync-health?storeId=s1a`)).status).toBe(403);
    expect((await t.as('hq', `/v1/fleet/sync-health?storeId=nowhere`)).status).toBe(404);
    expect((await t.app.request('/v1/fleet/sync-health?storeId=s1a')).status).toBe(401);
  });
});
