import { rxJsonSchemaOf, type Sale, type SyncCollection, type SyncHealth } from '@kiryana/shared';
import {
  OUTBOX_RX_SCHEMA,
  collectionCreatorOf,
  type FetchLike,
  type Outbox,
  type OutboxEntry,
  type ReconcileSchedule,
  type Replication,
  createManualNetworkStatus,
  createSyncApi,
  outboxObserver,
  outboxReconcileSource,
  reconcile,
  recordFact,
  recordFacts,
  startReconcileSchedule,
  startReplication,
  watchEpochs,
} from '@kiryana/sync-client';
import { type RxCollection, type RxDatabase, type RxJsonSchema, createRxDatabase } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeScope } from '../../db/sync-scopes';
import { eventually } from '../../testing/eventually';
import { makeMovement, makeSale } from '../../testing/sync-fixtures';
import { type SyncHarness, openSyncHarness } from '../../testing/sync-harness';
import type { Fetcher, TestDevice } from '../../testing/sync-test-app';
import { type TestDb, testDatabases } from '../../testing/test-databases';

/**
 * Self-healing terminals (issue 14): the server loses one day of a terminal's sales and movements
 * exactly as a restore to an earlier point would, and the terminal's next reconciliation (which the
 * restore's new epoch triggers) restores them through the normal push; a terminal that lost
 * nothing pushes nothing. Real server on PGlite and Postgres, a real RxDB terminal on the sync
 * client with its outbox, the reconciliation and schedule the terminal ships.
 */

const STORE = 'store-a';
const TIME_ZONE = 'Asia/Kolkata';
const DAY_ONE = '2026-03-14';
const DAY_TWO = '2026-03-15';
const FROM = '2026-03-01';
const TO = '2026-03-31';
const COLLECTIONS: readonly SyncCollection[] = ['sales', 'stock-movements', 'stock-levels'];

type Doc = { id: string } & Record<string, unknown>;

/** A terminal: RxDB memory storage, outbox, replication, epoch watch and reconcile schedule. */
type Terminal = {
  readonly deviceId: string;
  readonly db: RxDatabase;
  readonly outbox: Outbox;
  readonly replication: Replication;
  readonly schedule: ReconcileSchedule;
  /** Push requests sent since the terminal opened. */
  pushes(): number;
  awaitInSync(): Promise<void>;
  close(): Promise<void>;
};

async function openTerminal(fetcher: Fetcher, device: TestDevice, today: string) {
  let pushes = 0;
  const fetchFn: FetchLike = (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (url.pathname.endsWith('/push')) pushes += 1;
    return fetcher(`${url.pathname}${url.search}`, init);
  };
  const db = await createRxDatabase({
    name: `reconcile${device.principal.deviceId.replaceAll('-', '')}`,
    storage: getRxStorageMemory(),
    multiInstance: false,
  });
  await db.addCollections({
    ...Object.fromEntries(
      COLLECTIONS.map((c) => [
        c,
        collectionCreatorOf(rxJsonSchemaOf(c) as unknown as RxJsonSchema<Doc>),
      ]),
    ),
    outbox: { schema: OUTBOX_RX_SCHEMA },
  });
  const collection = (name: string) => db.collections[name] as RxCollection;
  const outbox: Outbox = {
    entries: db.collections.outbox as RxCollection<OutboxEntry>,
    facts: {
      sales: collection('sales'),
      'stock-movements': collection('stock-movements'),
      documents: collection('documents'),
    },
  };
  const plainApi = createSyncApi(fetchFn, 'http://test');
  const deviceId = device.principal.deviceId;
  const schedule = startReconcileSchedule({
    run: (reason) =>
      reconcile({
        api: plainApi,
        terminalId: deviceId,
        from: FROM,
        to: TO,
        source: outboxReconcileSource(outbox, deviceId, TIME_ZONE),
        reason,
        clock: { now: () => Date.now() },
      }),
    today: () => today,
    clock: { now: () => Date.now() },
  });
  const replication = startReplication({
    collections: Object.fromEntries(COLLECTIONS.map((c) => [c, collection(c)])),
    api: watchEpochs(plainApi, (changed, epoch) => {
      schedule.epochChanged(changed, epoch);
    }),
    network: createManualNetworkStatus(true),
    scope: `http://test-${deviceId}`,
    replicate: COLLECTIONS,
    retryTimeMs: 50,
    observer: outboxObserver(outbox),
  });
  return {
    deviceId,
    db,
    outbox,
    replication,
    schedule,
    pushes: () => pushes,
    async awaitInSync() {
      for (const state of replication.states.values()) await state.awaitInSync();
    },
    async close() {
      schedule.stop();
      await replication.cancel();
      await db.close();
    },
  } satisfies Terminal;
}

/**
 * Removes one business date of a terminal's sales and its own movements from the server as a
 * restore to an earlier point would: the sales, their lines, their derived movements and their
 * effect on the stock levels, the terminal's movements of that day and theirs, the fact-id claims,
 * the outbox events telling of any of them, and a new epoch of the store's scope.
 */
async function loseDay(db: TestDb, storeId: string, terminalId: string, day: string) {
  return db.transaction(async (tx) => {
    const sales = await tx.query<{ id: string }>(
      `SELECT id::text AS id FROM sales
        WHERE store_id = $1 AND terminal_id = $2 AND business_date = $3::date`,
      [storeId, terminalId, day],
    );
    const saleIds = sales.rows.map((r) => r.id);
    const own = await tx.query<{ id: string }>(
      `SELECT m.id FROM stock_movements m JOIN stores st ON st.id = m.store_id
        WHERE m.store_id = $1 AND m.doc->>'terminalId' = $2 AND m.kind NOT IN ('sale', 'return')
          AND (m.created_at AT TIME ZONE st.timezone)::date = $3::date`,
      [storeId, terminalId, day],
    );
    const movementIds = own.rows.map((r) => r.id);
    const gone = `store_id = $1 AND (split_part(id, ':', 1) = ANY($2::text[]) OR id = ANY($3::text[]))`;
    await tx.query(
      `WITH moved AS (
         SELECT product_id, sum(qty_delta_base)::bigint AS qty FROM stock_movements
          WHERE ${gone} GROUP BY product_id
       )
       UPDATE stock_levels l SET qty_base = l.qty_base - moved.qty
         FROM moved WHERE l.store_id = $1 AND l.product_id = moved.product_id`,
      [storeId, saleIds, movementIds],
    );
    await tx.query(`DELETE FROM stock_movements WHERE ${gone}`, [storeId, saleIds, movementIds]);
    await tx.query(`DELETE FROM sale_lines WHERE store_id = $1 AND sale_id = ANY($2::uuid[])`, [
      storeId,
      saleIds,
    ]);
    await tx.query(`DELETE FROM sales WHERE store_id = $1 AND id = ANY($2::uuid[])`, [
      storeId,
      saleIds,
    ]);
    const ids = [...saleIds, ...movementIds];
    await tx.query('DELETE FROM fact_ids WHERE id = ANY($1::text[])', [ids]);
    await tx.query(
      `DELETE FROM outbox o WHERE o.store_id = $1 AND EXISTS (
         SELECT 1 FROM unnest($2::text[]) AS i(id)
          WHERE position(i.id IN o.event_key) > 0 OR position(i.id IN o.payload::text) > 0)`,
      [storeId, ids],
    );
    await tx.query('SELECT sync_reset_epoch($1)', [storeScope(storeId)]);
    return { saleIds, movementIds };
  });
}

/** What the server holds that the test compares before the loss and after the repair. */
async function serverState(db: TestDb, storeId: string) {
  const sales = await db.query<{ id: string; doc_hash: string; lines: number }>(
    `SELECT s.id::text AS id, s.doc_hash,
            (SELECT count(*) FROM sale_lines l WHERE l.store_id = s.store_id AND l.sale_id = s.id)::int AS lines
       FROM sales s WHERE s.store_id = $1 ORDER BY s.id`,
    [storeId],
  );
  const movements = await db.query<{ id: string; doc_hash: string; qty: string }>(
    `SELECT id, doc_hash, qty_delta_base::text AS qty FROM stock_movements
      WHERE store_id = $1 ORDER BY id`,
    [storeId],
  );
  const levels = await db.query<{ product_id: string; qty: string }>(
    `SELECT product_id, qty_base::text AS qty FROM stock_levels
      WHERE store_id = $1 ORDER BY product_id`,
    [storeId],
  );
  return { sales: sales.rows, movements: movements.rows, levels: levels.rows };
}

describe.each(testDatabases())(
  'terminal reconciliation against the server on $name',
  (database) => {
    let h: SyncHarness;
    let seller: Terminal;
    let other: Terminal;
    const daysOf = async (terminalId: string): Promise<SyncHealth['terminals'][number]['days']> => {
      const response = await h.fetcher(h.devices.a)(
        `/v1/sync/health?from=${FROM}&to=${TO}&terminalId=${terminalId}`,
      );
      const health = (await response.json()) as SyncHealth;
      return health.terminals[0]?.days ?? [];
    };

    beforeAll(async () => {
      h = await openSyncHarness(database, { productCount: 5 });
      const sellerDevice = await h.device(STORE, 'Reconciling till');
      const otherDevice = await h.device(STORE, 'Neighbour till');
      seller = await openTerminal(h.fetcher(sellerDevice), sellerDevice, DAY_TWO);
      other = await openTerminal(h.fetcher(otherDevice), otherDevice, DAY_TWO);
      const terminalId = seller.deviceId;
      const at = (day: string, hour: number) =>
        `${day}T${String(hour).padStart(2, '0')}:30:00.000Z`;
      const sell = (day: string, hour: number, qty: number, extra: Partial<Sale> = {}) =>
        makeSale(STORE, [{ productId: `p00${String((hour % 5) + 1)}`, qtyBase: qty }], {
          terminalId,
          businessDate: day,
          createdAt: at(day, hour),
          ...extra,
        });
      const dayOne = [sell(DAY_ONE, 4, 2), sell(DAY_ONE, 5, 1), sell(DAY_ONE, 6, 3)];
      const refund = sell(DAY_ONE, 7, 1, { kind: 'return', originalSaleId: dayOne[0]!.id });
      const dayTwo = [sell(DAY_TWO, 4, 4), sell(DAY_TWO, 8, 1)];
      for (const sale of [...dayOne, refund, ...dayTwo])
        await recordFact(seller.outbox, 'sales', sale);
      await recordFacts(seller.outbox, 'stock-movements', [
        makeMovement(STORE, 'p003', 24, { terminalId, createdAt: at(DAY_ONE, 3) }),
        makeMovement(STORE, 'p004', 12, { terminalId, createdAt: at(DAY_TWO, 3) }),
      ]);
      await recordFact(
        other.outbox,
        'sales',
        makeSale(STORE, [{ productId: 'p001', qtyBase: 1 }], {
          terminalId: other.deviceId,
          businessDate: DAY_ONE,
          createdAt: at(DAY_ONE, 9),
        }),
      );
      await eventually(async () => {
        await Promise.all([seller.awaitInSync(), other.awaitInSync()]);
        expect(await seller.outbox.entries.count().exec()).toBe(0);
        expect(await other.outbox.entries.count().exec()).toBe(0);
      }, 15_000);
    }, 120_000);
    afterAll(async () => {
      await seller.close();
      await other.close();
      await h.close();
    });

    it('a terminal that lost nothing re-pushes nothing', async () => {
      const before = seller.pushes();
      const outcome = await seller.schedule.runNow('daily');
      expect(outcome).toMatchObject({
        status: 'clean',
        reason: 'daily',
        daysDiffering: 0,
        repushed: 0,
        stillDiffering: [],
      });
      expect(seller.pushes()).toBe(before);
      // The first successful cycle of the day ran it already: another cycle runs nothing.
      seller.schedule.synced();
      await seller.schedule.idle();
      expect(seller.schedule.last()).toBe(outcome);
    });

    it('restores a day the server lost exactly, on the reconciliation its new epoch triggers', async () => {
      const healthy = await serverState(h.db, STORE);
      const healthyDays = await daysOf(seller.deviceId);
      const otherDays = await daysOf(other.deviceId);
      expect(healthyDays.map((d) => [d.businessDate, d.sales, d.returns, d.movements])).toEqual([
        [DAY_ONE, 3, 1, 1],
        [DAY_TWO, 2, 0, 1],
      ]);

      const lost = await loseDay(h.db, STORE, seller.deviceId, DAY_ONE);
      expect(lost.saleIds).toHaveLength(4);
      expect(lost.movementIds).toHaveLength(1);
      expect((await daysOf(seller.deviceId)).map((d) => d.businessDate)).toEqual([DAY_TWO]);
      const pushesBefore = seller.pushes();

      // The next pull answers with the new epoch; the schedule reconciles without being asked.
      seller.replication.resyncAll();
      other.replication.resyncAll();
      await eventually(() => {
        expect(seller.schedule.last()?.reason).toBe('epoch');
      }, 15_000);
      await seller.schedule.idle();
      expect(seller.schedule.last()).toMatchObject({
        status: 'repaired',
        daysDiffering: 1,
        repushed: 5,
        quarantined: 0,
        stillDiffering: [],
      });
      // One request per collection of the lost day: its movement, then its sales and return.
      expect(seller.pushes() - pushesBefore).toBe(2);

      expect(await serverState(h.db, STORE)).toEqual(healthy);
      expect(await daysOf(seller.deviceId)).toEqual(healthyDays);
      await eventually(() => {
        expect(other.schedule.last()).toMatchObject({ reason: 'epoch', status: 'clean' });
      }, 15_000);
      expect(await daysOf(other.deviceId)).toEqual(otherDays);
    });
  },
);
