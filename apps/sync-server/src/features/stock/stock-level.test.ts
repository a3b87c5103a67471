import type { DevicePrincipal } from '../../auth/principal';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asPushRows, makeMovement, makeSale } from '../../testing/sync-fixtures';
import { suiteFixture } from '../../testing/suite-fixture';
import { openSyncHarness } from '../../testing/sync-harness';
import { testDatabases } from '../../testing/test-databases';
import { movementAdapter, saleAdapter } from '../sync/push-adapters';
import { pushFacts } from '../sync/push.service';
import { rebuildStockLevels, stockLevelDrift } from './stock-level.queries';

const STORES = ['store-a', 'store-b'] as const;
const PRODUCTS = ['p001', 'p002', 'p003', 'p004'] as const;

function principal(storeId: string): DevicePrincipal {
  return {
    kind: 'device',
    deviceId: `prop-${storeId}`,
    storeId,
    regionId: 'r1',
    terminalCode: 'T9',
  };
}

/** One push of a random batch: sales, receipts, adjustments, counts, with retries and poison. */
const pushStep = fc.record({
  store: fc.constantFrom(...STORES),
  sales: fc.array(
    fc.record({
      kind: fc.constantFrom('sale', 'return'),
      lines: fc.array(
        fc.record({
          productId: fc.constantFrom(...PRODUCTS),
          qtyBase: fc.integer({ min: 1, max: 50 }),
        }),
        { minLength: 1, maxLength: 4 },
      ),
    }),
    { maxLength: 5 },
  ),
  movements: fc.array(
    fc.record({
      productId: fc.constantFrom(...PRODUCTS),
      kind: fc.constantFrom('receipt', 'adjustment', 'count', 'transfer_out', 'transfer_in'),
      qty: fc.integer({ min: -100, max: 100 }),
    }),
    { maxLength: 5 },
  ),
  repeatPrevious: fc.boolean(),
});

describe.each(testDatabases())('stock level projection on $name', (database) => {
  const h = suiteFixture(() => openSyncHarness(database));

  it('always equals the sum of the movements, whatever is pushed, retried or refused', async () => {
    let previous: { store: string; sales: unknown[]; movements: unknown[] } | undefined;
    await fc.assert(
      fc.asyncProperty(fc.array(pushStep, { minLength: 1, maxLength: 6 }), async (steps) => {
        for (const step of steps) {
          const sales = step.sales.map((s) =>
            makeSale(step.store, s.lines, {
              kind: s.kind,
              originalSaleId: s.kind === 'return' ? '01900000-0000-7000-8000-000000000000' : null,
            }),
          );
          const movements = step.movements.map((m) =>
            makeMovement(step.store, m.productId, m.qty, {
              kind: m.kind,
              reason: m.kind === 'adjustment' ? 'damage' : null,
            }),
          );
          const deps = { db: h.db, live: h.deps.live, clock: h.deps.clock };
          const device = principal(step.store);
          await pushFacts(deps, saleAdapter, device, asPushRows(sales));
          await pushFacts(deps, movementAdapter, device, asPushRows(movements));
          if (step.repeatPrevious && previous) {
            const again = principal(previous.store);
            await pushFacts(deps, saleAdapter, again, asPushRows(previous.sales as never[]));
            await pushFacts(
              deps,
              movementAdapter,
              again,
              asPushRows(previous.movements as never[]),
            );
          }
          previous = { store: step.store, sales, movements };
        }
        for (const store of STORES) expect(await stockLevelDrift(h.db, store)).toEqual([]);
      }),
      { numRuns: database.name === 'postgres' ? 25 : 10, seed: 42 },
    );
  }, 120_000);

  it('finds a corrupted level and rebuilds it from the movements with a new seq', async () => {
    await pushFacts(
      { db: h.db, live: h.deps.live, clock: h.deps.clock },
      movementAdapter,
      principal('store-a'),
      asPushRows([makeMovement('store-a', 'p001', 10)]),
    );
    const before = await h.db.query<{ seq: string }>(
      "SELECT seq::text AS seq FROM stock_levels WHERE store_id = 'store-a' AND product_id = 'p001'",
    );
    await h.db.query(
      "UPDATE stock_levels SET qty_base = qty_base + 7 WHERE store_id = 'store-a' AND product_id = 'p001'",
    );
    await h.db.query(
      "INSERT INTO stock_levels (store_id, product_id, qty_base) VALUES ('store-a', 'ghost', 3)",
    );
    const drift = await stockLevelDrift(h.db, 'store-a');
    expect(drift.map((d) => d.productId)).toEqual(['ghost', 'p001']);
    expect(await h.db.transaction((tx) => rebuildStockLevels(tx, 'store-a'))).toBe(2);
    expect(await stockLevelDrift(h.db, 'store-a')).toEqual([]);
    const after = await h.db.query<{ seq: string }>(
      "SELECT seq::text AS seq FROM stock_levels WHERE store_id = 'store-a' AND product_id = 'p001'",
    );
    expect(BigInt(after.rows[0]?.seq ?? 0)).toBeGreaterThan(BigInt(before.rows[0]?.seq ?? 0));
  });
});
