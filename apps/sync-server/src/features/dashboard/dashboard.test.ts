import { errorEnvelope } from '@kiryana/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextEvent } from '../../testing/sync-api';
import { readSse } from '@kiryana/sync-client';
import { deviceFetcher } from '../../testing/sync-test-app';
import { testDatabases } from '../../testing/test-databases';
import { type AdminTestApp, openAdminTestApp } from '../admin-api/admin-test-kit';

type Day = {
  businessDate: string;
  totals: { netMinor: number; bills: number; averageBillMinor: number };
  stores: { storeId: string; netMinor: number; bills: number; averageBillMinor: number }[];
  topProducts: { productId: string; qtyBase: number; netMinor: number }[];
  byHour: { hour: number; netMinor: number; bills: number }[];
};

describe.each(testDatabases())('live dashboard on $name', (database) => {
  let t: AdminTestApp;
  beforeAll(async () => {
    t = await openAdminTestApp(database);
    await t.sell('s1a', 2);
    await t.sell('s1a', 1);
    await t.sell('s1b', 5);
    await t.sell('s2a', 7);
  });
  afterAll(async () => {
    await t.close();
  });

  it("shows a regional manager today's sales of their region's stores only", async () => {
    const res = await t.as('regional', '/v1/admin/dashboard');
    expect(res.status).toBe(200);
    const day = (await res.json()) as Day;
    expect(day.businessDate).toBe(t.today);
    expect(day.stores.map((s) => [s.storeId, s.netMinor, s.bills, s.averageBillMinor])).toEqual([
      ['s1a', 12000, 2, 6000],
      ['s1b', 20000, 1, 20000],
    ]);
    expect(day.totals).toEqual({
      netMinor: 32000,
      roundOffMinor: 0,
      collectedMinor: 32000,
      bills: 3,
      returns: 0,
      averageBillMinor: 10667,
    });
    expect(day.topProducts).toEqual([
      {
        productId: 'p1',
        nameEn: 'Product p1',
        nameHi: 'उत्पाद',
        unit: 'piece',
        soldLoose: false,
        qtyBase: 8,
        netMinor: 32000,
      },
    ]);
    expect(day.byHour).toHaveLength(24);
    expect(day.byHour.reduce((sum, h) => sum + h.netMinor, 0)).toBe(32000);
  });

  it('shows HQ every store, and narrows to one store on request', async () => {
    const all = (await (await t.as('hq', '/v1/admin/dashboard')).json()) as Day;
    expect(all.stores.map((s) => s.storeId)).toEqual(['s1a', 's1b', 's2a']);
    const one = (await (await t.as('hq', '/v1/admin/dashboard?storeId=s2a')).json()) as Day;
    expect(one.totals.netMinor).toBe(28000);
    const outside = (await (
      await t.as('regional', '/v1/admin/dashboard?storeId=s2a')
    ).json()) as Day;
    expect(outside.stores).toEqual([]);
    expect(outside.totals.netMinor).toBe(0);
  });

  it('refuses a cashier, who has no reports or devices reach', async () => {
    const res = await t.as('cashier', '/v1/admin/fleet');
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual(
      errorEnvelope('FORBIDDEN', 'This needs the devices:read permission here.', {
        permission: 'devices:read',
      }),
    );
    expect((await t.as('cashier', '/v1/admin/dashboard')).status).toBe(200);
  });

  it("streams a hint when a sale lands in the manager's region, and none for other regions", async () => {
    const controller = new AbortController();
    const res = await t.as('regional', '/v1/admin/dashboard/stream', {
      signal: controller.signal,
    });
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = (res.body as ReadableStream<Uint8Array>)
      .pipeThrough(new TextDecoderStream())
      .getReader();
    const events = readSse(reader);
    expect((await nextEvent(events, () => true)).event).toBe('resync');
    await t.sell('s2a', 1);
    await t.sell('s1b', 1);
    const hint = await nextEvent(events, (e) => e.event === 'sale');
    expect(JSON.parse(hint.data)).toEqual({ storeId: 's1b', seq: expect.any(String) as string });
    await reader.cancel();
    controller.abort();
  });

  it('shows fleet health from terminal reports: skew, unsynced documents, last contact', async () => {
    const report = await deviceFetcher(t.app, t.devices.s1a)('/v1/fleet/report', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        clientTime: new Date(Date.now() + 90_000).toISOString(),
        unsyncedDocuments: 4,
        appVersion: '1.2.3',
      }),
    });
    expect(report.status).toBe(200);
    const res = await t.as('regional', '/v1/admin/fleet');
    const fleet = (await res.json()) as {
      terminals: {
        storeId: string;
        unsyncedDocuments: number | null;
        clockSkewMs: number | null;
        isSilent: boolean;
      }[];
    };
    expect(fleet.terminals.map((d) => d.storeId)).toEqual(['s1a', 's1b']);
    const till = fleet.terminals[0]!;
    expect(till.unsyncedDocuments).toBe(4);
    expect(till.clockSkewMs).toBeGreaterThan(85_000);
    expect(till.clockSkewMs).toBeLessThan(95_000);
    expect(till.isSilent).toBe(false);
  });

  it('makes a terminal silent for over 30 minutes stand out', async () => {
    await t.db.query(
      "UPDATE devices SET last_seen_at = now() - interval '2 hours' WHERE store_id = 's1b'",
    );
    const fleet = (await (await t.as('hq', '/v1/admin/fleet')).json()) as {
      terminals: { storeId: string; isSilent: boolean }[];
    };
    expect(fleet.terminals.map((d) => [d.storeId, d.isSilent])).toEqual([
      ['s1a', false],
      ['s1b', true],
      ['s2a', false],
    ]);
  });
});
