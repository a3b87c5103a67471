import {
  createManualNetworkStatus,
  enrollDevice,
  type DeviceCredential,
} from '@kiryana/sync-client';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestPostgres,
  enrolmentCode,
  freePort,
  startSyncServer,
  testPgUrl,
  type SyncServerProcess,
  type TestPostgres,
} from '../../e2e/sync-server-process';
import { recordMovements } from '../../src/renderer/db/facts';
import { readLocal } from '../../src/renderer/db/local-state';
import { receiptMovements } from '../../src/renderer/features/stock/stock-documents';
import { startSyncSession, type SyncSession } from '../../src/renderer/sync/sync-session';
import { openTestDatabase, type TestDatabase } from '../db/open-test-database';
import { eventually } from './eventually';

const pgUrl = testPgUrl();

/**
 * Regions (issue 20) with the terminal's own sync session and two real server processes on one
 * Postgres database: the terminal's credential lists [home, other]. Home is stopped (SIGTERM, its
 * port refuses connections); facts recorded meanwhile reach the database through the other, once
 * each. Home is started again on its port; after the hold time the terminal talks to home, and
 * its health reports say which server it used.
 */
describe.skipIf(pgUrl === undefined)('terminal fail-over between two regions', () => {
  let database: TestPostgres;
  const dirs: string[] = [];
  let home: SyncServerProcess;
  let other: SyncServerProcess;
  let homePort: number;
  let credential: DeviceCredential;
  let t: TestDatabase;
  let session: SyncSession | undefined;
  const reported: string[] = [];
  const network = createManualNetworkStatus(true);
  const clock = { now: () => Date.now() };
  const failover = {
    failuresToFailover: 2,
    backoffBaseMs: 50,
    backoffMaxMs: 200,
    homeHoldMs: 2_000,
    probeIntervalMs: 250,
  };
  const dir = () => {
    const made = mkdtempSync(join(tmpdir(), 'kiryana-region-'));
    dirs.push(made);
    return made;
  };
  const uplink: typeof fetch = async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (url.endsWith('/v1/fleet/report')) {
      const body = JSON.parse(init?.body as string) as { endpoint?: string };
      reported.push(body.endpoint ?? '');
    }
    return fetch(input, init);
  };
  const storedOnce = async (ids: readonly string[]): Promise<boolean> => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ n: string; d: string }>(
        'SELECT count(*)::text AS n, count(DISTINCT id)::text AS d FROM stock_movements WHERE id = ANY($1)',
        [ids],
      );
      const [row] = rows;
      return row !== undefined && row.n === String(ids.length) && row.d === String(ids.length);
    } finally {
      await client.end();
    }
  };
  const receive = async (qty: number): Promise<string[]> => {
    const product = await eventually(
      async () => (await t.db.products.findOne().exec()) ?? undefined,
    );
    const receipt = receiptMovements(
      {
        supplier: 'Region Traders',
        supplierInvoiceNo: `RT/${String(qty)}`,
        lines: [{ productId: product.id, qtyBase: qty, unitCostMinor: null }],
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
    return receipt.movements.map((m) => m.id);
  };

  beforeAll(async () => {
    database = await createTestPostgres(pgUrl ?? '');
    homePort = await freePort();
    home = await startSyncServer({ databaseUrl: database.url, dataDir: dir(), port: homePort });
    other = await startSyncServer({
      databaseUrl: database.url,
      dataDir: dir(),
      port: await freePort(),
    });
    const enrolled = await enrollDevice(fetch, home.url, home.demoCode ?? '', 'Region till');
    credential = { ...enrolled, endpoints: [home.url, other.url] };
    t = await openTestDatabase();
  }, 240_000);

  afterAll(async () => {
    await session?.stop();
    await t.close();
    await home.stop();
    await other.stop();
    await database.drop();
    for (const made of dirs) rmSync(made, { recursive: true, force: true });
  });

  it('carries on through the other region while home is down and returns home after the hold', async () => {
    session = await startSyncSession({
      db: t.db,
      credential,
      fetch: uplink,
      clock,
      network,
      failover,
    });
    const first = await receive(5);
    await eventually(async () => ((await storedOnce(first)) ? true : undefined), 60_000);
    expect(reported.at(-1)).toBe(home.url);

    await home.stop();
    const during = await receive(7);
    await eventually(async () => ((await storedOnce(during)) ? true : undefined), 60_000);
    await eventually(
      () => Promise.resolve(reported.at(-1) === other.url ? true : undefined),
      30_000,
    );
    expect(await t.db.outbox.count().exec()).toBe(0);

    home = await startSyncServer({ databaseUrl: database.url, dataDir: dir(), port: homePort });
    const extra: string[] = [];
    await eventually(async () => {
      // Health reports go with sync cycles: recording a fact makes one.
      extra.push(...(await receive(1)));
      return reported.at(-1) === home.url ? true : undefined;
    }, 60_000);
    const after = await receive(2);
    await eventually(
      async () =>
        (await storedOnce([...first, ...during, ...extra, ...after])) ? true : undefined,
      60_000,
    );
  }, 240_000);
  it('takes up the list HQ sets after it enrolled without one and fails over with it', async () => {
    await session?.stop();
    await t.close();
    const code = await enrolmentCode({
      databaseUrl: database.url,
      dataDir: dir(),
      storeCode: credential.storeCode,
    });
    credential = await enrollDevice(fetch, home.url, code, 'Late list till');
    expect(credential.endpoints).toBeUndefined();
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    await client
      .query('UPDATE regions SET sync_endpoints = $1 WHERE id = $2', [
        [home.url, other.url],
        credential.regionId,
      ])
      .finally(() => client.end());
    t = await openTestDatabase();
    // Test databases mint deterministic ids from their clock; this second terminal of the same
    // store pulls the first one's facts, so it mints from a later time.
    t.clock.advance(86_400_000);
    reported.length = 0;
    session = await startSyncSession({
      db: t.db,
      credential,
      fetch: uplink,
      clock,
      network,
      failover,
    });
    const first = await receive(3);
    await eventually(async () => ((await storedOnce(first)) ? true : undefined), 60_000);
    // A health report's answer carried the list; the terminal kept it.
    const kept = await eventually(
      async () => (await readLocal(t.db, 'sync-endpoints', (data) => data)) ?? undefined,
      30_000,
    );
    expect(kept).toEqual([home.url, other.url]);

    await home.stop();
    const during = await receive(4);
    await eventually(async () => ((await storedOnce(during)) ? true : undefined), 60_000);
    await eventually(
      () => Promise.resolve(reported.at(-1) === other.url ? true : undefined),
      30_000,
    );
    home = await startSyncServer({ databaseUrl: database.url, dataDir: dir(), port: homePort });
  }, 240_000);
});
