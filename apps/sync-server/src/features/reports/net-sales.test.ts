import { beforeAll, describe, expect, it } from 'vitest';
import { syncApi } from '../../testing/sync-api';
import { billLine, paidBill, saleOfBill } from '../../testing/sync-fixtures';
import { deviceFetcher } from '../../testing/sync-test-app';
import { suiteFixture } from '../../testing/suite-fixture';
import { testDatabases } from '../../testing/test-databases';
import { openAdminTestApp } from '../admin-api/admin-test-kit';

/**
 * Issue 12, item 12: one meaning of "net sales" everywhere. Real bills computed by the shared
 * `computeBill` (so their round-off is the terminal's), pushed through the sync API as a terminal
 * does; then the dashboard, the sales report (by store and by day) and the HQ sales-by-store
 * endpoint must give the same net sales (round-off excluded) and the same round-off.
 */

type Figures = { netMinor: number; roundOffMinor: number };
const figures = (row: Figures | undefined) =>
  row === undefined ? undefined : { netMinor: row.netMinor, roundOffMinor: row.roundOffMinor };

describe.each(testDatabases())('net sales on $name', (database) => {
  const t = suiteFixture(() => openAdminTestApp(database));
  beforeAll(async () => {
    const api = syncApi(deviceFetcher(t.app, t.devices.s1a));
    const createdAt = new Date().toISOString();
    const meta = { businessDate: t.today, createdAt };
    // ₹571.50 is paid as ₹572.00 (round-off +₹0.50), the bill of the issue.
    const rounded = paidBill([billLine('p1', 1, 57_150)]);
    // ₹100.40 is paid as ₹100.00 (round-off −₹0.40), and returned whole the same day.
    const returned = paidBill([billLine('p2', 1, 10_040)]);
    expect([rounded.totals.roundOffMinor, returned.totals.roundOffMinor]).toEqual([50, -40]);
    const returnedSale = saleOfBill('s1a', returned, meta);
    const pushed = await api.push('sales', [
      { newDocumentState: saleOfBill('s1a', rounded, meta) },
      { newDocumentState: returnedSale },
      {
        newDocumentState: saleOfBill('s1a', returned, {
          ...meta,
          kind: 'return',
          originalSaleId: returnedSale.id,
        }),
      },
    ]);
    expect(pushed.status).toBe(200);
    expect(pushed.body).toEqual([]);
  });

  // Net of the return: the ₹100.40 bill and its return cancel out, round-offs too.
  const expected = { netMinor: 57_150, roundOffMinor: 50 };

  it('gives the dashboard, the sales report and the HQ endpoint the same net sales and round-off', async () => {
    const day = (await (await t.as('hq', '/v1/admin/dashboard?storeId=s1a')).json()) as {
      totals: Figures & { collectedMinor: number; bills: number; returns: number };
      stores: (Figures & { storeId: string })[];
      byHour: { netMinor: number }[];
    };
    expect(day.totals).toEqual({
      ...expected,
      collectedMinor: 57_200,
      bills: 2,
      returns: 1,
      averageBillMinor: 33_595,
    });
    expect(figures(day.stores.find((s) => s.storeId === 's1a'))).toEqual(expected);
    expect(day.byHour.reduce((sum, h) => sum + h.netMinor, 0)).toBe(expected.netMinor);

    const period = `from=${t.today}&to=${t.today}&storeId=s1a`;
    for (const groupBy of ['store', 'day'] as const) {
      const report = (await (
        await t.as('hq', `/v1/admin/reports/sales?${period}&groupBy=${groupBy}`)
      ).json()) as {
        rows: (Figures & { key: string })[];
        totals: Figures & { collectedMinor: number };
      };
      expect(report.rows.map(figures), groupBy).toEqual([expected]);
      expect(report.totals, groupBy).toMatchObject({ ...expected, collectedMinor: 57_200 });
    }
    const byProduct = (await (
      await t.as('hq', `/v1/admin/reports/sales?${period}&groupBy=product`)
    ).json()) as { rows: { key: string; netMinor: number; roundOffMinor: number | null }[] };
    // A bill's round-off belongs to the bill, not to any of its products.
    expect(byProduct.rows.map((r) => [r.key, r.netMinor, r.roundOffMinor])).toEqual([
      ['p1', 57_150, null],
      ['p2', 0, null],
    ]);

    const hq = (await (
      await t.as('hq', `/v1/reports/sales-by-store?from=${t.today}&to=${t.today}`)
    ).json()) as { stores: (Figures & { storeId: string })[] };
    expect(figures(hq.stores.find((s) => s.storeId === 's1a'))).toEqual(expected);
  });

  it('exports the same figures as CSV, with round-off in its own column', async () => {
    const res = await t.as(
      'hq',
      `/v1/admin/reports/sales?from=${t.today}&to=${t.today}&storeId=s1a&groupBy=store&format=csv`,
    );
    const [header, row] = (await res.text()).trim().split('\r\n');
    expect(header?.split(',')).toEqual([
      'store',
      'label',
      'label_hi',
      'net',
      'round_off',
      'taxable',
      'tax',
      'qty_base',
      'bills',
    ]);
    expect(row?.split(',').slice(3, 5)).toEqual(['571.50', '0.50']);
  });
});
