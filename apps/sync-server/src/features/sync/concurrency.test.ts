import type { Sale, StockMovement } from '@kiryana/shared';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asPushRows, makeMovement, makeSale } from '../../testing/sync-fixtures';
import { suiteFixture } from '../../testing/suite-fixture';
import { openSyncHarness } from '../../testing/sync-harness';
import { postgresOnly, testDatabases } from '../../testing/test-databases';
import { documentHash } from '../../db/canonical-hash';
import { stockLevelDrift } from '../stock/stock-level.queries';

/** Runs `tasks` with at most `width` in flight. */
async function inWaves<T>(tasks: (() => Promise<T>)[], width: number): Promise<T[]> {
  const results: T[] = [];
  for (let i = 0; i < tasks.length; i += width) {
    results.push(...(await Promise.all(tasks.slice(i, i + width).map((task) => task()))));
  }
  return results;
}

describe.each(testDatabases())('parallel same-document races on $name', (database) => {
  const h = suiteFixture(() => openSyncHarness(database));

  it('lets exactly one of two terminals win each race for a new sale id; the other gets a conflict', async () => {
    const races = database.name === 'postgres' ? 1_000 : 200;
    // Races spread over three stores: each store's pushes serialise on its scope lock, the stores
    // do not wait for each other.
    const stores = [
      ['store-a', 'r1'],
      ['store-b', 'r1'],
      ['store-c', 'r2'],
    ] as const;
    const terminalsOf = new Map(
      await Promise.all(
        stores.map(
          async ([storeId]) =>
            [
              storeId,
              [
                h.api(await h.device(storeId, 'Counter 1')),
                h.api(await h.device(storeId, 'Counter 2')),
              ],
            ] as const,
        ),
      ),
    );
    const pairs = Array.from({ length: races }, (_, i) => {
      const [storeId] = stores[i % stores.length] ?? stores[0];
      const first = makeSale(storeId, [{ productId: 'p001', qtyBase: 1 }]);
      const second: Sale = {
        ...makeSale(storeId, [{ productId: 'p002', qtyBase: 2 }]),
        id: first.id,
      };
      const terminals = terminalsOf.get(storeId) ?? [];
      return { first, second, terminals };
    });
    const answers = await inWaves(
      pairs.map(
        ({ first, second, terminals: [one, two] }) =>
          () =>
            Promise.all([
              one?.push<Sale>('sales', asPushRows([first])),
              two?.push<Sale>('sales', asPushRows([second])),
            ]),
      ),
      60,
    );
    let firstWins = 0;
    const winners: Sale[] = [];
    for (const [index, [a, b]] of answers.entries()) {
      const { first, second } = pairs[index] ?? {};
      expect([a?.status, b?.status]).toEqual([200, 200]);
      const winner = a?.body.length === 0 ? first : second;
      const loserAnswer = a?.body.length === 0 ? b?.body : a?.body;
      expect(loserAnswer).toEqual([winner]);
      if (winner === first) firstWins += 1;
      if (winner) winners.push(winner);
    }
    // Both orders happen: the race is real, not serialised by the test.
    if (database.name === 'postgres') expect(firstWins).toBeGreaterThan(0);
    const stored = await h.db.query<{ id: string; doc_hash: string }>(
      'SELECT id::text AS id, doc_hash FROM sales',
    );
    const hashes = new Map(stored.rows.map((row) => [row.id, row.doc_hash]));
    expect(hashes.size).toBe(races);
    expect(winners.every((winner) => hashes.get(winner.id) === documentHash(winner))).toBe(true);
    const movements = await h.db.query<{ n: string }>(
      'SELECT count(*)::text AS n FROM stock_movements',
    );
    expect(movements.rows[0]?.n).toBe(String(races));
    for (const [storeId] of stores) expect(await stockLevelDrift(h.db, storeId)).toEqual([]);
  }, 60_000);
});

describe.each(postgresOnly())('commit order on $name', (database) => {
  const h = suiteFixture(() => openSyncHarness(database), { skip: database.skip });
  let raw: pg.Client;
  beforeAll(async () => {
    if (database.skip) return;
    raw = new pg.Client({ connectionString: h.db.connectionString });
    await raw.connect();
  }, 60_000);
  afterAll(async () => {
    if (database.skip) return;
    await raw.end();
  });

  it.skipIf(database.skip)(
    'still delivers a row whose transaction took its seq first and committed last',
    async () => {
      const api = h.api(h.devices.a);
      const before = await api.pullAll<StockMovement>('stock-movements', 100);
      // A back-office writer takes a seq of store A (the seq trigger) and does not commit yet.
      const late = makeMovement('store-a', 'p001', 4);
      await raw.query('BEGIN');
      await raw.query(
        `INSERT INTO stock_movements (store_id, id, product_id, kind, qty_delta_base, created_at, doc, doc_hash)
         VALUES ('store-a', $1, 'p001', 'receipt', 4, now(), $2, $3)`,
        [late.id, late, documentHash(late)],
      );
      // A terminal pushes meanwhile; its transaction must not become visible before the first.
      const early = makeMovement('store-a', 'p002', 6);
      let pushed = false;
      const push = api.push('stock-movements', asPushRows([early])).then((answer) => {
        pushed = true;
        return answer;
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      const during = await api.pull<StockMovement>('stock-movements', before.checkpoint, 100);
      expect(during.body.documents).toEqual([]);
      expect(pushed).toBe(false);
      await raw.query('COMMIT');
      expect((await push).body).toEqual([]);
      const after = await api.pullAll<StockMovement>('stock-movements', 1, during.body.checkpoint);
      expect(after.documents.map((m) => m.id)).toEqual([late.id, early.id]);
    },
  );

  it.skipIf(database.skip)(
    'leaves nothing of a push whose connection died mid-transaction, and its retry completes',
    async () => {
      const api = h.api(h.devices.b);
      const sale = makeSale('store-b', [{ productId: 'p003', qtyBase: 2 }]);
      await raw.query('BEGIN');
      await raw.query("SELECT sync_next_seq('store:store-b')");
      const push = api.push('sales', asPushRows([sale]));
      let pid: number | undefined;
      for (let i = 0; i < 50 && pid === undefined; i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        const waiting = await raw.query<{ pid: number }>(
          `SELECT pid FROM pg_stat_activity WHERE datname = current_database()
              AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`,
        );
        pid = waiting.rows[0]?.pid;
      }
      expect(pid).toBeDefined();
      await raw.query('SELECT pg_terminate_backend($1)', [pid]);
      // A lost database connection is "try again", not a server fault (SYNC.md: 503 + Retry-After).
      const failed = await push;
      expect(failed.status).toBe(503);
      expect(failed.body).toMatchObject({ error: { code: 'UNAVAILABLE' } });
      await raw.query('COMMIT');
      const partial = await h.db.query(
        `SELECT 'sale' FROM sales WHERE id = $1 UNION ALL SELECT 'line' FROM sale_lines WHERE sale_id = $1
         UNION ALL SELECT 'movement' FROM stock_movements WHERE id LIKE $2
         UNION ALL SELECT 'level' FROM stock_levels WHERE store_id = 'store-b'
         UNION ALL SELECT 'event' FROM outbox WHERE store_id = 'store-b' AND topic <> 'device.enrolled'`,
        [sale.id, `${sale.id}:%`],
      );
      // (The store's only event is the harness's enrolment of its terminal.)
      expect(partial.rows).toEqual([]);
      expect((await api.push('sales', asPushRows([sale]))).body).toEqual([]);
      const levels = await api.pullAll('stock-levels', 10);
      expect(levels.documents).toMatchObject([{ productId: 'p003', qtyBase: -2 }]);
    },
  );
});
