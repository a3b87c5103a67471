import type { PokeEvent } from '@kiryana/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminHint, LiveHub } from '../http/app-env';
import type { Db } from '../db/db';
import { openPgDb } from '../db/pg-db';
import { type TestDb, postgresOnly, testDatabases } from '../testing/test-databases';
import { LIVE_CHANNEL, createLiveHub } from './live-hub';

/**
 * Resolves with the first value `register` delivers that is the awaited marker, or rejects after
 * `timeoutMs`. NOTIFY delivery is asynchronous, so an earlier hint may still arrive after the
 * marker's subscription: waiting for "any" value would race it on a loaded machine.
 */
function arrival<T>(
  marker: T,
  register: (deliver: (value: T) => void) => void,
  timeoutMs = 10_000,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error('nothing arrived'));
    }, timeoutMs);
    register((value) => {
      if (JSON.stringify(value) !== JSON.stringify(marker)) return;
      clearTimeout(timer);
      resolve(value);
    });
  });
}

describe.each(testDatabases())('live hub on $name', (database) => {
  let db: TestDb;
  let hub: LiveHub;
  beforeAll(async () => {
    db = await database.open();
    hub = await createLiveHub(db);
  }, 60_000);
  afterAll(async () => {
    await hub.close();
    await db.close();
  });

  it('delivers admin hints to subscribers of their store only, and never as sync hints', async () => {
    const seen: AdminHint[] = [];
    const pokes: PokeEvent[] = [];
    const admin = (hub as Required<LiveHub>).subscribeAdmin(
      ['store-a', 'store-c'],
      (hint) => seen.push(hint),
      () => undefined,
    );
    const sync = hub.subscribe(
      'store-a',
      (poke) => pokes.push(poke),
      () => undefined,
    );
    const publishAdmin = (hint: AdminHint) => (hub as Required<LiveHub>).publishAdmin(hint);
    await publishAdmin({ kind: 'stock', storeId: 'store-b', productId: 'p1', level: 9 });
    await publishAdmin({ kind: 'stock', storeId: 'store-a', productId: 'p1', level: -3 });
    const marker: AdminHint = { kind: 'notification', storeId: 'store-c', id: 'n-1' };
    const last = arrival<AdminHint>(marker, (deliver) =>
      (hub as Required<LiveHub>).subscribeAdmin(['store-c'], deliver, () => undefined),
    );
    await publishAdmin(marker);
    await last;
    expect(seen).toEqual([
      { kind: 'stock', storeId: 'store-a', productId: 'p1', level: -3 },
      marker,
    ]);
    expect(pokes).toEqual([]);
    admin();
    sync();
  });

  it('delivers hints of a store scope to that store and reference hints to every store', async () => {
    const seenA: PokeEvent[] = [];
    const seenB: PokeEvent[] = [];
    const offA = hub.subscribe(
      'store-a',
      (poke) => seenA.push(poke),
      () => undefined,
    );
    const offB = hub.subscribe(
      'store-b',
      (poke) => seenB.push(poke),
      () => undefined,
    );
    await hub.publish('store:store-a', 'sales', '7');
    await hub.publish('ref', 'products', '12');
    const last = arrival<PokeEvent>({ collection: 'prices', seq: '13' }, (deliver) =>
      hub.subscribe('store-b', deliver, () => undefined),
    );
    await hub.publish('ref', 'prices', '13');
    await last;
    expect(seenA).toEqual([
      { collection: 'sales', seq: '7' },
      { collection: 'products', seq: '12' },
      { collection: 'prices', seq: '13' },
    ]);
    expect(seenB).toEqual([
      { collection: 'products', seq: '12' },
      { collection: 'prices', seq: '13' },
    ]);
    offA();
    offB();
  });

  it('ignores payloads on its channel that are not hints', async () => {
    const seen: PokeEvent[] = [];
    const off = hub.subscribe(
      'store-a',
      (poke) => seen.push(poke),
      () => undefined,
    );
    for (const junk of [
      '',
      'not json',
      '{"scope":"store:store-a","collection":"nope","seq":"1"}',
    ]) {
      await db.query('SELECT pg_notify($1, $2)', [LIVE_CHANNEL, junk]);
    }
    const marker = arrival<PokeEvent>({ collection: 'sales', seq: '99' }, (deliver) =>
      hub.subscribe('store-a', deliver, () => undefined),
    );
    await hub.publish('store:store-a', 'sales', '99');
    await marker;
    expect(seen).toEqual([{ collection: 'sales', seq: '99' }]);
    off();
  });
});

describe.each(postgresOnly())('live hub across processes on $name', (database) => {
  let db: TestDb;
  let other: Db;
  let hubs: LiveHub[];
  beforeAll(async () => {
    if (database.skip) return;
    db = await database.open();
    other = openPgDb(db.connectionString ?? '');
    hubs = [await createLiveHub(db), await createLiveHub(other)];
  }, 60_000);
  afterAll(async () => {
    if (database.skip) return;
    for (const hub of hubs) await hub.close();
    await other.close();
    await db.close();
  });

  it.skipIf(database.skip)('fans a hint published by one process out to the other', async () => {
    const [one, two] = hubs;
    const arrived = arrival<PokeEvent>({ collection: 'stock-levels', seq: '41' }, (deliver) =>
      two?.subscribe('store-a', deliver, () => undefined),
    );
    await one?.publish('store:store-a', 'stock-levels', '41');
    expect(await arrived).toEqual({ collection: 'stock-levels', seq: '41' });
  });

  it.skipIf(database.skip)(
    'tells subscribers to resync when its listening connection was lost, then hears hints again',
    async () => {
      const [one, two] = hubs;
      const resynced = arrival<true>(true, (deliver) =>
        two?.subscribe(
          'store-a',
          () => undefined,
          () => {
            deliver(true);
          },
        ),
      );
      // Kill the other process's LISTEN connection, as a database restart or a proxy would.
      await db.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
          WHERE datname = current_database() AND query LIKE 'LISTEN%' AND pid <> pg_backend_pid()`,
      );
      expect(await resynced).toBe(true);
      const arrived = arrival<PokeEvent>({ collection: 'sales', seq: '42' }, (deliver) =>
        two?.subscribe('store-a', deliver, () => undefined),
      );
      await one?.publish('store:store-a', 'sales', '42');
      expect(await arrived).toEqual({ collection: 'sales', seq: '42' });
    },
  );
});
