import {
  type Fleet,
  type FleetTerminal,
  type ReconcileOutcome,
  fleetSchema,
} from '@kiryana/shared';
import { type FetchLike, createSyncApi, createSyncEndpoints } from '@kiryana/sync-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deviceFetcher } from '../../testing/sync-test-app';
import { testDatabases } from '../../testing/test-databases';
import { type AdminTestApp, openAdminTestApp } from '../admin-api/admin-test-kit';

const reconciliation: ReconcileOutcome = {
  at: '2026-03-14T04:00:05.000Z',
  reason: 'epoch',
  status: 'repaired',
  from: '2026-02-12',
  to: '2026-03-14',
  daysDiffering: 1,
  repushed: 7,
  quarantined: 0,
  stillDiffering: [],
};

describe.each(testDatabases())('terminal health reports on $name', (database) => {
  let t: AdminTestApp;
  beforeAll(async () => {
    t = await openAdminTestApp(database);
  }, 60_000);
  afterAll(async () => {
    await t.close();
  });

  const report = (store: 's1a' | 's1b', body: unknown) =>
    deviceFetcher(t.app, t.devices[store])('/v1/fleet/report', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const fleetEntry = async (store: 's1a' | 's1b'): Promise<FleetTerminal> => {
    const fleet: Fleet = fleetSchema.parse(await (await t.as('hq', '/v1/admin/fleet')).json());
    const entry = fleet.terminals.find((d) => d.deviceId === t.devices[store].principal.deviceId);
    if (!entry) throw new Error(`no fleet entry for ${store}`);
    return entry;
  };

  it('stores and shows the oldest unsynced fact, the last error and the last reconciliation', async () => {
    const lastError = { code: 'NETWORK', message: 'fetch failed', at: '2026-03-14T03:59:00.000Z' };
    const sent = await report('s1a', {
      clientTime: new Date().toISOString(),
      unsyncedDocuments: 3,
      appVersion: '2.0.0',
      oldestUnsyncedAt: '2026-03-14T03:00:00.000Z',
      lastError,
      lastReconciliation: reconciliation,
      endpoint: 'https://sync.west.example.in',
    });
    expect(sent.status).toBe(200);
    expect(await fleetEntry('s1a')).toMatchObject({
      unsyncedDocuments: 3,
      appVersion: '2.0.0',
      oldestUnsyncedAt: '2026-03-14T03:00:00.000Z',
      lastError,
      lastReconciliation: reconciliation,
      // The region it talks to, after a fail-over another region's (issue 20).
      endpoint: 'https://sync.west.example.in',
    });

    // The next report of a healthy terminal clears them.
    await report('s1a', {
      clientTime: new Date().toISOString(),
      unsyncedDocuments: 0,
      appVersion: '2.0.0',
      oldestUnsyncedAt: null,
      lastError: null,
      lastReconciliation: { ...reconciliation, status: 'clean', repushed: 0, daysDiffering: 0 },
    });
    expect(await fleetEntry('s1a')).toMatchObject({
      oldestUnsyncedAt: null,
      lastError: null,
      lastReconciliation: { status: 'clean', repushed: 0 },
    });
  });

  it("still takes an older terminal's report, which leaves the new figures unknown", async () => {
    const sent = await report('s1b', {
      clientTime: new Date().toISOString(),
      unsyncedDocuments: 1,
      appVersion: '1.0.0',
    });
    expect(sent.status).toBe(200);
    expect(await fleetEntry('s1b')).toMatchObject({
      unsyncedDocuments: 1,
      oldestUnsyncedAt: null,
      lastError: null,
      lastReconciliation: null,
      endpoint: null,
    });
  });

  it('answers with the region’s sync endpoints, which replace a terminal’s list when HQ changed it', async () => {
    const fetcher = deviceFetcher(t.app, t.devices.s2a);
    const fetchFn: FetchLike = (input, init) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      return fetcher(`${url.pathname}${url.search}`, init);
    };
    const endpoints = createSyncEndpoints({
      endpoints: ['https://sync-north.example.in', 'https://sync-west.example.in'],
      fetchFn,
    });
    const api = createSyncApi(fetchFn, endpoints);
    const health = { clientTime: new Date().toISOString(), unsyncedDocuments: 0 };
    // No list set for the region: the answer has none and the terminal keeps its own.
    await api.report(health);
    expect(endpoints.list()).toEqual([
      'https://sync-north.example.in',
      'https://sync-west.example.in',
    ]);
    // HQ evacuates the north: the next report brings the new order and the terminal starts at its head.
    await t.db.query('UPDATE regions SET sync_endpoints = $1 WHERE id = $2', [
      ['https://sync-west.example.in', 'https://sync-north.example.in'],
      'r2',
    ]);
    await api.report(health);
    expect(endpoints.list()).toEqual([
      'https://sync-west.example.in',
      'https://sync-north.example.in',
    ]);
    expect(endpoints.current()).toBe('https://sync-west.example.in');
    endpoints.stop();
  });

  it('refuses a malformed reconciliation outcome with the error envelope', async () => {
    const sent = await report('s1a', {
      clientTime: new Date().toISOString(),
      unsyncedDocuments: 0,
      lastReconciliation: { ...reconciliation, status: 'fine' },
    });
    expect(sent.status).toBe(400);
    expect(await sent.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
  });
});
