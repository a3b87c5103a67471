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
  freePort,
  startSyncServer,
  testPgUrl,
  type SyncServerProcess,
  type TestPostgres,
} from '../../e2e/sync-server-process';
import { storeSuppliers, supplierById } from '../../src/renderer/db/party-queries';
import { startSyncSession, type SyncSession } from '../../src/renderer/sync/sync-session';
import { openTestDatabase, type TestDatabase } from '../db/open-test-database';
import { eventually } from './eventually';

/**
 * The `parties` collection from a real sync server process into the terminal's real SQLite: the
 * demo store's terminal gets exactly the suppliers linked to its store, and a supplier unlinked
 * from the store (gone from the terminal) or retired (kept, inactive) reaches the running
 * terminal through the server's stream hint, with no restart.
 */

const pgUrl = testPgUrl();
const FMCG = 'sup-hindustan-fmcg';

describe.skipIf(pgUrl === undefined)('parties replicated from a real sync server', () => {
  let database: TestPostgres;
  let serverDataDir: string;
  let server: SyncServerProcess;
  let credential: DeviceCredential;
  let t: TestDatabase;
  let session: SyncSession | undefined;

  const withSql = async <T>(run: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      return await run(client);
    } finally {
      await client.end();
    }
  };
  const linkedOnServer = () =>
    withSql(async (client) => {
      const { rows } = await client.query<{ id: string }>(
        `SELECT s.id FROM suppliers s JOIN supplier_stores ss ON ss.supplier_id = s.id
          WHERE ss.store_id = $1 AND s.active ORDER BY s.name`,
        [credential.storeId],
      );
      return rows.map((row) => row.id);
    });

  beforeAll(async () => {
    database = await createTestPostgres(pgUrl ?? '');
    serverDataDir = mkdtempSync(join(tmpdir(), 'kiryana-parties-server-'));
    server = await startSyncServer({
      databaseUrl: database.url,
      dataDir: serverDataDir,
      port: await freePort(),
    });
    credential = await enrollDevice(fetch, server.url, server.demoCode ?? '', 'Parties till');
    t = await openTestDatabase();
    session = await startSyncSession({
      db: t.db,
      credential,
      fetch,
      clock: { now: () => Date.now() },
      network: createManualNetworkStatus(true),
    });
  }, 180_000);

  afterAll(async () => {
    await session?.stop();
    await t.close();
    await server.stop();
    await database.drop();
    rmSync(serverDataDir, { recursive: true, force: true });
  });

  it('pulls exactly the suppliers linked to the store, with their terms and packs', async () => {
    const expected = await linkedOnServer();
    expect(expected).toContain(FMCG);
    // Another region's supplier exists on the server but is not linked to this store.
    const notLinked = await withSql(async (client) => {
      const { rows } = await client.query<{ id: string }>(
        `SELECT id FROM suppliers WHERE id NOT IN
           (SELECT supplier_id FROM supplier_stores WHERE store_id = $1)`,
        [credential.storeId],
      );
      return rows.map((row) => row.id);
    });
    expect(notLinked.length).toBeGreaterThan(0);

    const local = await eventually(async () => {
      const suppliers = await storeSuppliers(t.db);
      return suppliers.length === expected.length ? suppliers : undefined;
    });
    expect(local.map((s) => s.id)).toEqual(expected);
    for (const id of notLinked) expect(await supplierById(t.db, id)).toBeUndefined();
    const fmcg = local.find((s) => s.id === FMCG);
    expect(fmcg).toMatchObject({
      kind: 'supplier',
      active: true,
      gstin: expect.any(String) as string,
    });
    expect(fmcg?.products.length).toBeGreaterThan(0);
    expect(fmcg?.products[0]?.baseUnitsPerOrderUnit).toBeGreaterThanOrEqual(1);
  });

  it('removes a supplier unlinked from the store and keeps a retired one inactive, live', async () => {
    await withSql((client) =>
      client.query('DELETE FROM supplier_stores WHERE supplier_id = $1 AND store_id = $2', [
        FMCG,
        credential.storeId,
      ]),
    );
    await eventually(async () =>
      (await supplierById(t.db, FMCG)) === undefined ? true : undefined,
    );

    // Linked again, then retired: back on the terminal, but no longer offered.
    await withSql(async (client) => {
      await client.query('INSERT INTO supplier_stores (supplier_id, store_id) VALUES ($1, $2)', [
        FMCG,
        credential.storeId,
      ]);
      await client.query('UPDATE suppliers SET active = false, updated_at = now() WHERE id = $1', [
        FMCG,
      ]);
    });
    const retired = await eventually(async () => {
      const found = await supplierById(t.db, FMCG);
      return found?.active === false ? found : undefined;
    });
    expect(retired.name).toBe('Hindustan FMCG Distributors');
    expect((await storeSuppliers(t.db)).map((s) => s.id)).not.toContain(FMCG);
  });
});
