import { QUARANTINED_HEADER, type Sale, type StockMovement } from '@kiryana/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  asPushRows,
  insertStores,
  makeMovement,
  makeSale,
  newFactId,
} from '../../testing/sync-fixtures';
import { type SyncHarness, openSyncHarness } from '../../testing/sync-harness';
import type { SyncApi } from '../../testing/sync-api';
import { postgresOnly } from '../../testing/test-databases';
import { stockLevelDrift } from '../stock/stock-level.queries';

/**
 * A fact's id is global: the first store to store it owns it, and the other store's push of the
 * same id is quarantined as ID_IN_OTHER_SCOPE (docs/sync.md). Pushes of different stores do not
 * share a scope lock, so only simultaneous pushes can break this; these races run on real
 * Postgres, where two connections really overlap.
 */

type Outcome = { storeId: string; stored: boolean; quarantined: string | null };

const ROUNDS = 120;
/** Rounds in flight at once: each round is two pushes, so up to 2 × WAVE transactions overlap. */
const WAVE = 8;

describe.each(postgresOnly())('global fact ids under concurrent pushes on $name', (database) => {
  let h: SyncHarness;
  let blr1: SyncApi;
  let mum1: SyncApi;
  beforeAll(async () => {
    if (database.skip) return;
    h = await openSyncHarness(database);
    await insertStores(h.db, 'south', ['blr1']);
    await insertStores(h.db, 'west', ['mum1']);
    blr1 = h.api(await h.device('blr1', 'BLR1 counter 1'));
    mum1 = h.api(await h.device('mum1', 'MUM1 counter 1'));
  }, 60_000);
  afterAll(async () => {
    if (database.skip) return;
    await h.close();
  });

  /** Which stores hold `id` in `table`, and what each store's quarantine says about it. */
  async function outcomes(table: 'sales' | 'stock_movements', id: string): Promise<Outcome[]> {
    const held = await h.db.query<{ store_id: string }>(
      `SELECT store_id FROM ${table} WHERE id::text = $1`,
      [id],
    );
    const parked = await h.db.query<{ store_id: string; code: string }>(
      'SELECT store_id, code FROM quarantine WHERE document_id = $1',
      [id],
    );
    return ['blr1', 'mum1'].map((storeId) => ({
      storeId,
      stored: held.rows.some((row) => row.store_id === storeId),
      quarantined: parked.rows.find((row) => row.store_id === storeId)?.code ?? null,
    }));
  }

  function expectOneOwner(found: Outcome[]): string {
    const winners = found.filter((o) => o.stored);
    expect(winners).toHaveLength(1);
    const [winner] = winners;
    const loser = found.find((o) => o !== winner);
    expect(winner?.quarantined).toBeNull();
    expect(loser).toMatchObject({ stored: false, quarantined: 'ID_IN_OTHER_SCOPE' });
    return winner?.storeId ?? '';
  }

  async function race<T>(rounds: number, round: (index: number) => Promise<T>): Promise<T[]> {
    const results: T[] = [];
    for (let i = 0; i < rounds; i += WAVE) {
      const wave = Array.from({ length: Math.min(WAVE, rounds - i) }, (_, j) => round(i + j));
      results.push(...(await Promise.all(wave)));
    }
    return results;
  }

  it.skipIf(database.skip)(
    'stores a new sale id pushed at once from BLR1 and MUM1 in exactly one store, every time',
    async () => {
      const owners = await race(ROUNDS, async () => {
        const id = newFactId();
        const fromBlr = makeSale('blr1', [{ productId: 'p001', qtyBase: 1 }], { id });
        const fromMum = makeSale('mum1', [{ productId: 'p002', qtyBase: 2 }], { id });
        const answers = await Promise.all([
          blr1.push<Sale>('sales', asPushRows([fromBlr])),
          mum1.push<Sale>('sales', asPushRows([fromMum])),
        ]);
        // Neither side gets the other store's document back; the loser's row is parked.
        expect(answers.map((a) => [a.status, a.body])).toEqual([
          [200, []],
          [200, []],
        ]);
        const quarantined = answers.map((a) => a.headers.get(QUARANTINED_HEADER)).sort();
        expect(quarantined).toEqual(['0', '1']);
        return expectOneOwner(await outcomes('sales', id));
      });
      // Both stores win some: the pushes really overlapped rather than ran one after the other.
      expect(new Set(owners)).toEqual(new Set(['blr1', 'mum1']));
      // Only the winners' side effects exist: one movement per stored sale, projections exact.
      const movements = await h.db.query<{ n: string }>(
        `SELECT count(*)::text AS n FROM stock_movements WHERE store_id IN ('blr1', 'mum1') AND kind = 'sale'`,
      );
      expect(movements.rows[0]?.n).toBe(String(ROUNDS));
      expect(await stockLevelDrift(h.db, 'blr1')).toEqual([]);
      expect(await stockLevelDrift(h.db, 'mum1')).toEqual([]);
    },
    120_000,
  );

  it.skipIf(database.skip)(
    'stores a new stock-movement id pushed at once from BLR1 and MUM1 in exactly one store, every time',
    async () => {
      const owners = await race(ROUNDS, async () => {
        const id = newFactId();
        const answers = await Promise.all([
          blr1.push<StockMovement>(
            'stock-movements',
            asPushRows([makeMovement('blr1', 'p003', 5, { id })]),
          ),
          mum1.push<StockMovement>(
            'stock-movements',
            asPushRows([makeMovement('mum1', 'p004', 7, { id })]),
          ),
        ]);
        expect(answers.map((a) => [a.status, a.body])).toEqual([
          [200, []],
          [200, []],
        ]);
        return expectOneOwner(await outcomes('stock_movements', id));
      });
      expect(new Set(owners)).toEqual(new Set(['blr1', 'mum1']));
      expect(await stockLevelDrift(h.db, 'blr1')).toEqual([]);
      expect(await stockLevelDrift(h.db, 'mum1')).toEqual([]);
    },
    120_000,
  );

  it.skipIf(database.skip)(
    'never deadlocks two batches claiming the same ids in opposite orders',
    async () => {
      await race(ROUNDS / 4, async () => {
        // Long batches keep the two claim statements overlapping while they meet in the middle.
        const ids = Array.from({ length: 60 }, () => newFactId());
        const batch = (storeId: string, order: readonly string[]) =>
          asPushRows(
            order.map((id) => makeSale(storeId, [{ productId: 'p005', qtyBase: 1 }], { id })),
          );
        const answers = await Promise.all([
          blr1.push<Sale>('sales', batch('blr1', ids)),
          mum1.push<Sale>('sales', batch('mum1', [...ids].reverse())),
        ]);
        // A deadlock would surface as a failed push (503) for one side.
        expect(answers.map((a) => a.status)).toEqual([200, 200]);
        for (const id of ids) expectOneOwner(await outcomes('sales', id));
        return ids;
      });
    },
    120_000,
  );
});
