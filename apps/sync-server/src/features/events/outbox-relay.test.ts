import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventEnvelopeSchema } from '@kiryana/shared';
import { insertStores } from '../../testing/sync-fixtures';
import { type TestDb, postgresOnly, testDatabases } from '../../testing/test-databases';
import { createEmbeddedBus } from './embedded-bus';
import type { EventBus } from './event-bus';
import { eventIdOf } from './event-id';
import { collect, isIncreasing, writeOutboxRows } from './events-test-kit';
import { pgliteLeaderSessions, postgresLeaderSessions } from './leader-session';
import { relayBatch, startOutboxRelay } from './outbox-relay';

const LIMITS = { stores: 10, perStore: 3 };

describe.each(testDatabases())('outbox relay on $name', (database) => {
  let db: TestDb;
  let bus: EventBus;
  beforeEach(async () => {
    db = await database.open();
    await insertStores(db, 'r1', ['store-a', 'store-b']);
    bus = createEmbeddedBus();
  });
  afterEach(async () => {
    await bus.close();
    await db.close();
  });

  it('publishes each store’s committed rows in seq order as valid envelopes, once', async () => {
    const consumer = await collect(bus, 'all');
    await writeOutboxRows(db, 'store-a', ['a1', 'a2', 'a3', 'a4']);
    await writeOutboxRows(db, 'store-b', ['b1']);
    await writeOutboxRows(db, 'store-a', ['a5']);
    const session = await pgliteLeaderSessions(db)();
    const invalid: string[] = [];
    const deps = { bus, onInvalidEvent: (_: unknown, problem: string) => invalid.push(problem) };
    // perStore 3: store A needs two batches, B one; a third finds nothing.
    expect(await relayBatch(session, deps, LIMITS)).toEqual({ rows: 4, failed: false });
    expect(await relayBatch(session, deps, LIMITS)).toEqual({ rows: 2, failed: false });
    expect(await relayBatch(session, deps, LIMITS)).toEqual({ rows: 0, failed: false });
    await consumer.waitFor(6);
    expect(invalid).toEqual([]);
    expect(Object.fromEntries(consumer.byStore())).toEqual({
      'store-a': ['1', '2', '3', '4', '5'],
      'store-b': ['1'],
    });
    const first = consumer.events.find((e) => e.storeId === 'store-b');
    expect(first).toEqual({
      id: eventIdOf('store-b', 'b1'),
      type: 'stock.level_changed',
      version: 1,
      storeId: 'store-b',
      regionId: 'r1',
      occurredAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/) as string,
      storeSeq: '1',
      data: { productId: 'p001', qtyBase: 1, deltaBase: 1 },
    });
    for (const event of consumer.events) eventEnvelopeSchema.parse(event);
    const positions = await db.query(
      'SELECT store_id, seq::text AS seq FROM outbox_relay_position ORDER BY store_id',
    );
    expect(positions.rows).toEqual([
      { store_id: 'store-a', seq: '5' },
      { store_id: 'store-b', seq: '1' },
    ]);
  });

  it('steps over numbers a retried write left unused and keeps the store’s position', async () => {
    await writeOutboxRows(db, 'store-a', ['k1', 'k2']);
    // The same keys again take numbers 3 and 4 but store nothing (ON CONFLICT): a gap.
    await writeOutboxRows(db, 'store-a', ['k1', 'k2']);
    await writeOutboxRows(db, 'store-a', ['k3']);
    const consumer = await collect(bus, 'gaps');
    const session = await pgliteLeaderSessions(db)();
    await relayBatch(session, { bus }, LIMITS);
    await relayBatch(session, { bus }, LIMITS);
    await consumer.waitFor(3);
    expect(consumer.byStore().get('store-a')).toEqual(['1', '2', '5']);
    expect(await relayBatch(session, { bus }, LIMITS)).toEqual({ rows: 0, failed: false });
  });

  it('moves no position when the bus refuses a batch, and publishes it again next time', async () => {
    await writeOutboxRows(db, 'store-a', ['x1']);
    await writeOutboxRows(db, 'store-b', ['y1']);
    const refusing: EventBus = {
      ...bus,
      publish: () => Promise.reject(new Error('bus away')),
    };
    const session = await pgliteLeaderSessions(db)();
    const errors: unknown[] = [];
    const deps = { bus: refusing, onError: (e: unknown) => errors.push(e) };
    expect(await relayBatch(session, deps, LIMITS)).toEqual({ rows: 2, failed: true });
    expect(errors).toHaveLength(1);
    const positions = await db.query('SELECT store_id FROM outbox_relay_position');
    expect(positions.rows).toEqual([]);
    const consumer = await collect(bus, 'after');
    expect(await relayBatch(session, { bus }, LIMITS)).toEqual({ rows: 2, failed: false });
    await consumer.waitFor(2);
    expect(consumer.events.map((e) => e.storeId)).toEqual(['store-a', 'store-b']);
  });
});

describe.each(postgresOnly())('outbox relay ordering on $name', (database) => {
  let db: TestDb;
  let connectionString: string;
  beforeEach(async () => {
    if (database.skip) return;
    db = await database.open();
    connectionString = db.connectionString ?? '';
    await insertStores(db, 'r1', ['store-s', 'store-t']);
  });
  afterEach(async () => {
    if (!database.skip) await db.close();
  });

  it.skipIf(database.skip)(
    'never publishes past a slow transaction: a later writer waits for it, nothing is skipped',
    async () => {
      const bus = createEmbeddedBus();
      const consumer = await collect(bus, 'slow');
      const session = await postgresLeaderSessions(connectionString)();
      const slow = new pg.Client({ connectionString });
      await slow.connect();
      try {
        await slow.query('BEGIN');
        await writeOutboxRows(slow, 'store-s', ['slow-1']);
        // A later transaction of the same store: with an identity column it would take a larger
        // id and commit first; here it waits for the counter row the slow one holds.
        const later = writeOutboxRows(db, 'store-s', ['later-1']);
        await writeOutboxRows(db, 'store-t', ['other-1']);
        await waitForLockWaiter(db);
        expect(await relayBatch(session, { bus }, LIMITS)).toEqual({ rows: 1, failed: false });
        await consumer.waitFor(1);
        expect(consumer.events.map((e) => e.storeId)).toEqual(['store-t']);
        await slow.query('COMMIT');
        await later;
        await relayBatch(session, { bus }, LIMITS);
        await consumer.waitFor(3);
        const keysOf = consumer.events.map((e) => `${e.storeId}:${e.storeSeq}:${e.id}`);
        expect(keysOf).toEqual([
          `store-t:1:${eventIdOf('store-t', 'other-1')}`,
          `store-s:1:${eventIdOf('store-s', 'slow-1')}`,
          `store-s:2:${eventIdOf('store-s', 'later-1')}`,
        ]);
      } finally {
        await slow.end();
        await session.close();
        await bus.close();
      }
    },
  );

  it.skipIf(database.skip)(
    'publishes exactly the committed rows, per store in order, under concurrent writers and rollbacks',
    async () => {
      const bus = createEmbeddedBus();
      const consumer = await collect(bus, 'concurrent');
      const relay = startOutboxRelay(
        { openSession: postgresLeaderSessions(connectionString), bus },
        { idleMs: 5, perStore: 7 },
      );
      const committed = new Set<string>();
      let seed = 42;
      const random = () => {
        // A fixed LCG: the same interleaving pressure on every run.
        seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
        return seed / 2_147_483_648;
      };
      const worker = async (w: number) => {
        const client = new pg.Client({ connectionString });
        await client.connect();
        try {
          for (let i = 0; i < 20; i += 1) {
            const store = random() < 0.5 ? 'store-s' : 'store-t';
            const keys = Array.from({ length: 1 + Math.floor(random() * 3) }, (_, k) =>
              [w, i, k].join('-'),
            );
            const commit = random() > 0.15;
            const pause = Math.floor(random() * 15);
            await client.query('BEGIN');
            await writeOutboxRows(client, store, keys);
            await new Promise((resolve) => setTimeout(resolve, pause));
            await client.query(commit ? 'COMMIT' : 'ROLLBACK');
            if (commit) for (const key of keys) committed.add(eventIdOf(store, key));
          }
        } finally {
          await client.end();
        }
      };
      try {
        await Promise.all([0, 1, 2, 3, 4, 5].map(worker));
        await consumer.waitFor(committed.size);
        await new Promise((resolve) => setTimeout(resolve, 200));
        expect(new Set(consumer.events.map((e) => e.id))).toEqual(committed);
        expect(consumer.events).toHaveLength(committed.size);
        for (const seqs of consumer.byStore().values()) expect(isIncreasing(seqs)).toBe(true);
      } finally {
        await relay.stop();
        await bus.close();
      }
    },
  );
});

async function waitForLockWaiter(db: TestDb): Promise<void> {
  for (let i = 0; i < 100; i += 1) {
    const { rows } = await db.query(
      `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
    );
    if (rows.length > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('the later writer never waited for the slow one');
}
