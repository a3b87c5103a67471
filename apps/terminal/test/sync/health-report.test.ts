import {
  createManualNetworkStatus,
  enrollDevice,
  type DeviceCredential,
} from '@kiryana/sync-client';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FleetTerminal } from '@kiryana/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestPostgres,
  freePort,
  startSyncServer,
  testPgUrl,
  type SyncServerProcess,
  type TestPostgres,
} from '../../e2e/sync-server-process';
import { recordMovements } from '../../src/renderer/db/facts';
import { receiptMovements } from '../../src/renderer/features/stock/stock-documents';
import { startSyncSession, type SyncSession } from '../../src/renderer/sync/sync-session';
import { openTestDatabase, type TestDatabase } from '../db/open-test-database';
import { adminAccessToken } from './admin-token';
import { eventually } from './eventually';

const pgUrl = testPgUrl();

describe.skipIf(pgUrl === undefined)('terminal health reports to a real sync server', () => {
  let database: TestPostgres;
  let serverDataDir: string;
  let server: SyncServerProcess;
  let credential: DeviceCredential;
  let managerToken: string;
  let t: TestDatabase;
  let session: SyncSession | undefined;
  /** Pushes fail as on a flaky uplink while this is set; pulls still go through. */
  let pushesFail = false;
  const reports: unknown[] = [];
  const network = createManualNetworkStatus(true);
  const clock = { now: () => Date.now() };

  const uplink: typeof fetch = async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (pushesFail && url.endsWith('/push')) throw new TypeError('fetch failed');
    if (url.endsWith('/v1/fleet/report')) reports.push(JSON.parse(init?.body as string));
    return fetch(input, init);
  };

  const fleetEntry = async (): Promise<FleetTerminal | undefined> => {
    const response = await fetch(`${server.url}/v1/admin/fleet`, {
      headers: { authorization: `Bearer ${managerToken}` },
    });
    const fleet = (await response.json()) as { terminals: FleetTerminal[] };
    return fleet.terminals.find((terminal) => terminal.deviceId === credential.deviceId);
  };
  const unsyncedOnServer = (expected: number) =>
    eventually(async () => {
      const entry = await fleetEntry();
      return entry?.unsyncedDocuments === expected ? entry : undefined;
    });

  beforeAll(async () => {
    database = await createTestPostgres(pgUrl ?? '');
    serverDataDir = mkdtempSync(join(tmpdir(), 'kiryana-health-server-'));
    server = await startSyncServer({
      databaseUrl: database.url,
      dataDir: serverDataDir,
      port: await freePort(),
    });
    credential = await enrollDevice(fetch, server.url, server.demoCode ?? '', 'Health till');
    managerToken = await adminAccessToken(server.url, 'store.manager', 'kiryana-demo');
    t = await openTestDatabase();
  }, 180_000);

  afterAll(async () => {
    await session?.stop();
    await t.close();
    await server.stop();
    await database.drop();
    rmSync(serverDataDir, { recursive: true, force: true });
  });

  it('reports its unsynced count after a sync cycle, and zero once the queue drained', async () => {
    expect((await fleetEntry())?.unsyncedDocuments).toBeNull();
    session = await startSyncSession({
      db: t.db,
      credential,
      fetch: uplink,
      clock,
      network,
      appVersion: '0.1.0-health',
    });
    // The first cycles pull the catalogue; a report follows with an empty queue.
    const first = await unsyncedOnServer(0);
    expect(first.appVersion).toBe('0.1.0-health');
    // The endpoint it talks to (a single-server credential: the server it enrolled with).
    expect(first.endpoint).toBe(credential.serverUrl);

    const product = await eventually(
      async () => (await t.db.products.findOne().exec()) ?? undefined,
    );
    pushesFail = true;
    const receipt = receiptMovements(
      {
        supplier: 'Health Traders',
        supplierInvoiceNo: 'HT/1',
        lines: [
          { productId: product.id, qtyBase: 12, unitCostMinor: null },
          { productId: product.id, qtyBase: 6, unitCostMinor: null },
          { productId: product.id, qtyBase: 3, unitCostMinor: null },
        ],
      },
      {
        storeId: credential.storeId,
        terminalId: credential.deviceId,
        createdAt: new Date(clock.now()).toISOString(),
        newId: t.newId,
      },
    );
    if (!receipt.ok) throw new Error(JSON.stringify(receipt.problems));
    await recordMovements(t.db, receipt.movements);
    // Pulls still succeed while pushes fail: that cycle reports three facts waiting.
    session.resyncAll();
    const waiting = await unsyncedOnServer(3);
    expect(await t.db.outbox.count().exec()).toBe(3);
    expect(Math.abs(waiting.clockSkewMs ?? Number.NaN)).toBeLessThan(5_000);
    expect(waiting.isSilent).toBe(false);
    // Pulls that succeed do not hide the pushes that fail, nor how old the waiting facts are.
    expect(waiting.lastError?.code).toBe('NETWORK');
    expect(waiting.oldestUnsyncedAt).not.toBeNull();

    pushesFail = false;
    session.resyncAll();
    const drained = await unsyncedOnServer(0);
    expect(await t.db.outbox.count().exec()).toBe(0);
    expect(drained.oldestUnsyncedAt).toBeNull();
    expect(drained.lastError).toBeNull();
  });

  it('sends nothing while offline, and reports again with the next cycle online', async () => {
    const before = reports.length;
    network.setOnline(false);
    session?.resyncAll();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(reports.length).toBe(before);
    network.setOnline(true);
    await eventually(() => Promise.resolve(reports.length > before ? true : undefined));
  });
});
