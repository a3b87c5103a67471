import {
  createManualNetworkStatus,
  enrollDevice,
  type DeviceCredential,
} from '@kiryana/sync-client';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FleetTerminal } from '@kiryana/shared';
import pg from 'pg';
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

/**
 * The terminal's self-healing on real SQLite against a real sync server process: the first sync
 * of the day reconciles (nothing lost, nothing pushed), and after the server loses the terminal's
 * receipt as a restore would (with a new epoch of the store's scope) the next pull's new epoch
 * makes the terminal re-push it; the fleet view shows each outcome from the health reports.
 */

const pgUrl = testPgUrl();

describe.skipIf(pgUrl === undefined)('terminal reconciliation with a real sync server', () => {
  let database: TestPostgres;
  let serverDataDir: string;
  let server: SyncServerProcess;
  let credential: DeviceCredential;
  let managerToken: string;
  let t: TestDatabase;
  let session: SyncSession | undefined;
  let pushes = 0;
  const uplink: typeof fetch = (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (url.endsWith('/push')) pushes += 1;
    return fetch(input, init);
  };
  const clock = { now: () => Date.now() };

  const fleetEntry = async (): Promise<FleetTerminal | undefined> => {
    const response = await fetch(`${server.url}/v1/admin/fleet`, {
      headers: { authorization: `Bearer ${managerToken}` },
    });
    const fleet = (await response.json()) as { terminals: FleetTerminal[] };
    return fleet.terminals.find((terminal) => terminal.deviceId === credential.deviceId);
  };
  const withSql = async <T>(run: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      return await run(client);
    } finally {
      await client.end();
    }
  };
  const serverMovements = () =>
    withSql(async (client) => {
      const { rows } = await client.query<{ id: string; qty: string }>(
        `SELECT id, qty_delta_base::text AS qty FROM stock_movements
          WHERE doc->>'terminalId' = $1 ORDER BY id`,
        [credential.deviceId],
      );
      return rows;
    });

  beforeAll(async () => {
    database = await createTestPostgres(pgUrl ?? '');
    serverDataDir = mkdtempSync(join(tmpdir(), 'kiryana-reconcile-server-'));
    server = await startSyncServer({
      databaseUrl: database.url,
      dataDir: serverDataDir,
      port: await freePort(),
    });
    credential = await enrollDevice(fetch, server.url, server.demoCode ?? '', 'Healing till');
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

  it('reconciles on the first sync of the day, finds nothing lost and pushes nothing', async () => {
    session = await startSyncSession({
      db: t.db,
      credential,
      fetch: uplink,
      clock,
      network: createManualNetworkStatus(true),
    });
    const entry = await eventually(async () => {
      const found = await fleetEntry();
      return found?.lastReconciliation ? found : undefined;
    });
    expect(entry.lastReconciliation).toMatchObject({
      reason: 'daily',
      status: 'clean',
      repushed: 0,
    });
    expect(pushes).toBe(0);
    expect(entry.lastError).toBeNull();
    expect(entry.oldestUnsyncedAt).toBeNull();
  });

  it('re-pushes a receipt the server lost in a restore when the new epoch shows', async () => {
    const product = await eventually(
      async () => (await t.db.products.findOne().exec()) ?? undefined,
    );
    const receipt = receiptMovements(
      {
        supplier: 'Healing Traders',
        supplierInvoiceNo: 'HT/9',
        lines: [
          { productId: product.id, qtyBase: 12, unitCostMinor: null },
          { productId: product.id, qtyBase: 6, unitCostMinor: null },
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
    session?.resyncAll();
    const pushed = await eventually(async () => {
      const rows = await serverMovements();
      return rows.length === 2 && (await t.db.outbox.count().exec()) === 0 ? rows : undefined;
    });

    // The restore: the receipt's movements, their stock effect, claims and events go, and the
    // store's scope starts a new epoch.
    await withSql(async (client) => {
      const ids = pushed.map((row) => row.id);
      await client.query('BEGIN');
      await client.query(
        `UPDATE stock_levels l SET qty_base = l.qty_base - m.qty
           FROM (SELECT store_id, product_id, sum(qty_delta_base) AS qty FROM stock_movements
                  WHERE id = ANY($1::text[]) GROUP BY 1, 2) m
          WHERE l.store_id = m.store_id AND l.product_id = m.product_id`,
        [ids],
      );
      await client.query('DELETE FROM stock_movements WHERE id = ANY($1::text[])', [ids]);
      await client.query('DELETE FROM fact_ids WHERE id = ANY($1::text[])', [ids]);
      await client.query(
        `DELETE FROM outbox o WHERE EXISTS (SELECT 1 FROM unnest($1::text[]) AS i(id)
          WHERE position(i.id IN o.event_key) > 0 OR position(i.id IN o.payload::text) > 0)`,
        [ids],
      );
      await client.query('SELECT sync_reset_epoch($1)', [`store:${credential.storeId}`]);
      await client.query('COMMIT');
    });
    expect(await serverMovements()).toEqual([]);

    const pushesBefore = pushes;
    session?.resyncAll();
    const entry = await eventually(async () => {
      const found = await fleetEntry();
      return found?.lastReconciliation?.reason === 'epoch' ? found : undefined;
    });
    expect(entry.lastReconciliation).toMatchObject({
      status: 'repaired',
      daysDiffering: 1,
      repushed: 2,
      stillDiffering: [],
    });
    expect(pushes - pushesBefore).toBe(1);
    expect(await serverMovements()).toEqual(pushed);

    // Healed, it has nothing more to send: a terminal that lost nothing pushes nothing.
    const pushesAfter = pushes;
    expect(await session?.reconcileNow()).toMatchObject({ status: 'clean', repushed: 0 });
    expect(pushes).toBe(pushesAfter);
  });
});
