import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStorageHost, type StorageHost } from '@kiryana/rxdb-sqlite/host';
import { getStorageHostClient } from '@kiryana/rxdb-sqlite/host-client';
import { createUuidV7Generator, type Sale } from '@kiryana/shared';
import {
  createAccessTokens,
  createManualNetworkStatus,
  createSyncApi,
  enrollDevice,
  type DeviceCredential,
  type SyncApi,
} from '@kiryana/sync-client';
import pg from 'pg';
import {
  _collectionNamePrimary,
  getPrimaryKeyOfInternalDocument,
  INTERNAL_CONTEXT_COLLECTION,
  type RxDocumentData,
  type RxJsonSchema,
} from 'rxdb/plugins/core';
import { filter, firstValueFrom, timeout } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestPostgres,
  freePort,
  startSyncServer,
  testPgUrl,
  type SyncServerProcess,
  type TestPostgres,
} from '../../e2e/sync-server-process';
import { createCatalogue } from '../../src/renderer/catalogue/catalogue';
import { openTerminalDatabase, type TerminalDatabase } from '../../src/renderer/db/database';
import { recordMovements } from '../../src/renderer/db/facts';
import { createSerialQueue } from '../../src/renderer/db/invoice-series';
import { pruneLocalHistory } from '../../src/renderer/db/local-retention';
import type { Stored } from '../../src/renderer/db/schemas';
import { cartReducer, EMPTY_CART, type CartState } from '../../src/renderer/features/billing/cart';
import { completeBill } from '../../src/renderer/features/billing/complete-bill';
import { resolveScan } from '../../src/renderer/features/billing/scan';
import { completeReturn } from '../../src/renderer/features/returns/complete-return';
import { findBillForReturn } from '../../src/renderer/features/returns/find-bill';
import { receiptMovements } from '../../src/renderer/features/stock/stock-documents';
import { en } from '../../src/renderer/i18n/resources-en';
import { hi } from '../../src/renderer/i18n/resources-hi';
import { invoiceSeriesOf } from '../../src/renderer/sync/device-credential';
import { startSyncSession, type SyncSession } from '../../src/renderer/sync/sync-session';
import { TEST_CATALOGUE, TEST_PRICE_CONTEXT } from '../../src/renderer/testing/catalogue-fixtures';
import { eventually } from './eventually';

/**
 * Local history retention on real SQLite behind the storage host (the websocket path the browser
 * renderer uses; Electron's IPC path is tested in packages/rxdb-sqlite) against a real sync server
 * process on Postgres: old synced facts are forgotten and only they, no delete reaches the server,
 * and a forgotten bill is returned online from the server's copy, capped by the server's returns.
 */

const pgUrl = testPgUrl();
const DAY_MS = 86_400_000;
const SALT = '8901058000012';
const catalogue = createCatalogue(TEST_CATALOGUE);

type SaleDoc = Stored<Sale>;

/** A cart of `count` packets of salt paid in cash. */
function saltCart(count: number): CartState {
  const outcome = resolveScan(catalogue, SALT, TEST_PRICE_CONTEXT);
  if (outcome.kind !== 'line') throw new Error('cannot scan salt');
  const cart = cartReducer(EMPTY_CART, {
    type: 'add',
    line: { ...outcome.line, key: 'k0', qtyBase: count },
  });
  const payable = 2800 * count;
  return cartReducer(cart, {
    type: 'addPayment',
    payment: { method: 'cash', amountMinor: payable, tenderedMinor: payable },
  });
}

describe.skipIf(pgUrl === undefined)('local history retention with a real sync server', () => {
  let database: TestPostgres;
  let serverDataDir: string;
  let storageDir: string;
  let server: SyncServerProcess;
  let host: StorageHost;
  let credential: DeviceCredential;
  let db: TerminalDatabase;
  let session: SyncSession | undefined;
  let api: SyncApi;
  const network = createManualNetworkStatus(true);
  const nowMs = Date.now();
  let factMs = nowMs;
  const factClock = { now: () => factMs };
  const newId = createUuidV7Generator({
    clock: factClock,
    random: (bytes) => {
      bytes.set(randomBytes(bytes.length));
    },
  });
  /** The documents of every push request after `pushLog.length = 0`. */
  const pushLog: { collection: string; id: string; deleted: boolean }[] = [];
  const uplink: typeof fetch = async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    const match = /\/v1\/sync\/([a-z-]+)\/push$/.exec(url);
    if (match && typeof init?.body === 'string') {
      const rows = JSON.parse(init.body) as {
        newDocumentState: { id: string; _deleted: boolean };
      }[];
      for (const row of rows) {
        pushLog.push({
          collection: match[1] ?? '',
          id: row.newDocumentState.id,
          deleted: row.newDocumentState._deleted,
        });
      }
    }
    return fetch(input, init);
  };
  const sql = async <T extends object>(text: string, values: unknown[]): Promise<T[]> => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      return (await client.query<T>(text, values)).rows;
    } finally {
      await client.end();
    }
  };
  const counter = () => {
    const series = invoiceSeriesOf(credential);
    return {
      db,
      clock: factClock,
      newId,
      storeId: credential.storeId,
      terminalId: credential.deviceId,
      seriesCode: series.sale,
      returnSeriesCode: series.return,
      serially: createSerialQueue(),
    };
  };
  const sellSalt = async (count: number, daysAgo: number): Promise<SaleDoc> => {
    factMs = nowMs - daysAgo * DAY_MS;
    const result = await completeBill(counter(), saltCart(count), {
      currency: 'INR',
      allowCredit: false,
    });
    if (!result.ok) throw new Error(JSON.stringify(result));
    return result.sale;
  };
  const localIds = async (collection: 'sales' | 'stock-movements'): Promise<string[]> =>
    (await db[collection].find().exec()).map((doc) => doc.id).sort();
  /** How many of `ids` have a row in the sales replication's meta collection (RxDB's own). */
  const salesMetaRows = async (ids: readonly string[]): Promise<number> => {
    const key = getPrimaryKeyOfInternalDocument(
      _collectionNamePrimary('sales', db.sales.schema.jsonSchema),
      INTERNAL_CONTEXT_COLLECTION,
    );
    const [doc] = await db.internalStore.findDocumentsById([key], false);
    const connected = (
      doc?.data as {
        connectedStorages: {
          collectionName: string;
          schema: RxJsonSchema<RxDocumentData<unknown>>;
        }[];
      }
    ).connectedStorages;
    let rows = 0;
    for (const meta of connected) {
      const instance = await db.storage.createStorageInstance({
        databaseName: db.name,
        collectionName: meta.collectionName,
        schema: meta.schema,
        options: {},
        multiInstance: false,
        devMode: false,
        databaseInstanceToken: db.token,
      });
      rows += (
        await instance.findDocumentsById(
          ids.map((id) => `${id}|0`),
          true,
        )
      ).length;
      await instance.close();
    }
    return rows;
  };
  const drained = () =>
    eventually(async () => ((await db.outbox.count().exec()) === 0 ? true : undefined));

  const stored: { old?: SaleDoc; oldReturn?: SaleDoc; recent?: SaleDoc; queued?: SaleDoc } = {};
  let oldMovementIds: string[] = [];

  beforeAll(async () => {
    database = await createTestPostgres(pgUrl ?? '');
    serverDataDir = mkdtempSync(join(tmpdir(), 'kiryana-retention-server-'));
    storageDir = mkdtempSync(join(tmpdir(), 'kiryana-retention-terminal-'));
    server = await startSyncServer({
      databaseUrl: database.url,
      dataDir: serverDataDir,
      port: await freePort(),
    });
    credential = await enrollDevice(fetch, server.url, server.demoCode ?? '', 'Retention till');
    api = createSyncApi(
      fetch,
      server.url,
      createAccessTokens(fetch, credential, { now: Date.now }),
    );
    host = await startStorageHost({
      port: 0,
      databaseDir: storageDir,
      encryptionKey: randomBytes(32),
    });
    db = await openTerminalDatabase({ storage: getStorageHostClient(host.url), name: 'terminal' });
  }, 180_000);

  afterAll(async () => {
    await session?.stop();
    await db.close();
    await host.close();
    await server.stop();
    await database.drop();
    rmSync(serverDataDir, { recursive: true, force: true });
    rmSync(storageDir, { recursive: true, force: true });
  });

  it('forgets only old synced facts, keeps queued and recent ones, and pushes no delete', async () => {
    stored.old = await sellSalt(3, 100);
    factMs = nowMs - 99 * DAY_MS;
    const oldReturn = await completeReturn(counter(), stored.old, new Map([[1, 1]]));
    if (!oldReturn.ok) throw new Error(JSON.stringify(oldReturn.problem));
    stored.oldReturn = oldReturn.sale;
    factMs = nowMs - 98 * DAY_MS;
    const receipt = receiptMovements(
      {
        supplier: 'Old Traders',
        supplierInvoiceNo: 'OT/1',
        lines: [{ productId: 'p-salt', qtyBase: 24, unitCostMinor: null }],
      },
      {
        storeId: credential.storeId,
        terminalId: credential.deviceId,
        createdAt: new Date(factMs).toISOString(),
        newId,
      },
    );
    if (!receipt.ok) throw new Error(JSON.stringify(receipt.problems));
    await recordMovements(db, receipt.movements);
    oldMovementIds = receipt.movements.map((movement) => movement.id);
    stored.recent = await sellSalt(1, 0);

    session = await startSyncSession({
      db,
      credential,
      fetch: uplink,
      clock: { now: Date.now },
      network,
    });
    await drained();
    // Pushed is not yet pulled: wait until the server's copies came back down (three bills, the
    // receipt and three derived movements), as a till idle for a while would be.
    await firstValueFrom(
      session.status$.pipe(
        filter(
          (status) =>
            (status.pulled.sales ?? 0) >= 3 && (status.pulled['stock-movements'] ?? 0) >= 4,
        ),
        timeout(30_000),
      ),
    );
    // A bill made offline 100 days ago (a till that was away): still queued, so never forgotten.
    network.setOnline(false);
    stored.queued = await sellSalt(2, 100);
    const before = await localIds('sales');
    expect(before).toEqual(
      [stored.old.id, stored.oldReturn.id, stored.recent.id, stored.queued.id].sort(),
    );

    const forgotten = [stored.old.id, stored.oldReturn.id];
    expect(await salesMetaRows(forgotten)).toBe(2);
    const outcome = await pruneLocalHistory(db, { nowMs, retentionDays: 90, batchSize: 1 });
    expect(outcome.supported).toBe(true);
    expect(outcome.purged.sales).toBe(2);
    expect(await localIds('sales')).toEqual([stored.recent.id, stored.queued.id].sort());
    // RxDB's copy of the server state of each forgotten bill went with it.
    expect(await salesMetaRows(forgotten)).toBe(0);
    expect(await salesMetaRows([stored.recent.id])).toBe(1);
    const movementsLeft = await localIds('stock-movements');
    for (const id of oldMovementIds) expect(movementsLeft).not.toContain(id);
    // Derived movements the server sent of the old bill and return are old facts too.
    expect(movementsLeft.filter((id) => id.startsWith(stored.old?.id ?? '-'))).toEqual([]);
    // Nothing else of the old days is left here, and a second run finds nothing to do.
    expect(await pruneLocalHistory(db, { nowMs, retentionDays: 90 })).toMatchObject({
      purged: { sales: 0, 'stock-movements': 0 },
    });

    pushLog.length = 0;
    network.setOnline(true);
    session.resyncAll();
    await drained();
    // Only the queued bill went up: no forgotten fact was pushed, let alone as a delete.
    expect(pushLog).toEqual([{ collection: 'sales', id: stored.queued.id, deleted: false }]);
    const onServer = await sql<{ id: string }>(
      'SELECT id::text AS id FROM sales WHERE store_id = $1 ORDER BY id',
      [credential.storeId],
    );
    expect(onServer.map((row) => row.id)).toEqual(
      [stored.old.id, stored.oldReturn.id, stored.recent.id, stored.queued.id].sort(),
    );
    const movementsOnServer = await sql<{ id: string }>(
      'SELECT id FROM stock_movements WHERE store_id = $1 AND id = ANY($2::text[])',
      [credential.storeId, oldMovementIds],
    );
    expect(movementsOnServer).toHaveLength(oldMovementIds.length);
    // Pulls after the run do not bring them back.
    expect(await localIds('sales')).toEqual([stored.recent.id, stored.queued.id].sort());
  });

  it("returns a forgotten bill online, capped by the server's record of its earlier return", async () => {
    const old = stored.old as SaleDoc;
    const found = await findBillForReturn(
      { db, network, api },
      { invoiceNo: old.invoiceNo.toLowerCase() },
    );
    if (!found.ok) throw new Error(found.problem);
    expect(found.bill.source).toBe('server');
    expect(found.bill.sale).toEqual(old);
    expect(found.bill.earlierReturns).toEqual([stored.oldReturn]);

    factMs = nowMs;
    const tooMany = await completeReturn(
      counter(),
      found.bill.sale,
      new Map([[1, 3]]),
      found.bill.earlierReturns,
    );
    expect(tooMany).toEqual({
      ok: false,
      problem: { code: 'TOO_MANY', lineNo: 1, leftQtyBase: 2 },
    });
    const rest = await completeReturn(
      counter(),
      found.bill.sale,
      new Map([[1, 2]]),
      found.bill.earlierReturns,
    );
    if (!rest.ok) throw new Error(JSON.stringify(rest.problem));
    // The refund is what was paid less the earlier refund: the whole bill back, not a paisa more.
    expect(rest.sale.totals.totalMinor).toBe(
      old.totals.totalMinor - (stored.oldReturn?.totals.totalMinor ?? 0),
    );
    await drained();
    const refunded = await sql<{ n: string; refunded: string }>(
      `SELECT count(*)::text AS n, sum(total_minor)::text AS refunded FROM sales
        WHERE store_id = $1 AND original_sale_id = $2::uuid AND kind = 'return'`,
      [credential.storeId, old.id],
    );
    expect(refunded).toEqual([{ n: '2', refunded: String(old.totals.totalMinor) }]);
    const quarantined = await sql('SELECT document_id FROM quarantine WHERE store_id = $1', [
      credential.storeId,
    ]);
    expect(quarantined).toEqual([]);
  });

  it('refuses a forgotten bill offline with the message that it needs the network', async () => {
    network.setOnline(false);
    const found = await findBillForReturn(
      { db, network, api },
      { invoiceNo: stored.old?.invoiceNo ?? '' },
    );
    expect(found).toEqual({ ok: false, problem: 'OFFLINE' });
    // A bill still kept here is found offline as before.
    const recent = await findBillForReturn({ db, network, api }, { id: stored.recent?.id ?? '' });
    expect(recent.ok && recent.bill.source).toBe('local');
    expect(en.returns.olderThanKept).toContain('{{days}}');
    expect(hi.returns.olderThanKept).toContain('{{days}}');
    network.setOnline(true);
  });
});
