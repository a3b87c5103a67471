import { beforeAll, describe, expect, it } from 'vitest';
import type { Queryable } from '../../db/db';
import { asPushRows, makeSale } from '../../testing/sync-fixtures';
import { suiteFixture } from '../../testing/suite-fixture';
import { openSyncHarness } from '../../testing/sync-harness';
import { testDatabases } from '../../testing/test-databases';
import { pullStockMovements } from '../stock/stock-movement.queries';
import { pullStockLevels } from '../stock/stock-level.queries';
import { ensureSaleLinePartitionsAhead, settleSaleLinePartitions } from './sale-line-partitions';
import { pullSales } from './sale.queries';

type PlanNode = { 'Relation Name'?: string; Plans?: PlanNode[] };

/** The tables a statement reads, from its EXPLAIN plan (the production SQL, not a copy). */
async function relationsRead(
  q: Queryable,
  run: (explaining: Queryable) => Promise<unknown>,
): Promise<string[]> {
  const relations: string[] = [];
  const collect = (node: PlanNode) => {
    if (node['Relation Name']) relations.push(node['Relation Name']);
    for (const child of node.Plans ?? []) collect(child);
  };
  await run({
    async query(sql, params) {
      const plan = await q.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] | string }>(
        `EXPLAIN (FORMAT JSON) ${sql}`,
        params,
      );
      const json = plan.rows[0]?.['QUERY PLAN'];
      const parsed = typeof json === 'string' ? (JSON.parse(json) as [{ Plan: PlanNode }]) : json;
      if (parsed) collect(parsed[0].Plan);
      return { rows: [], rowCount: 0 };
    },
  });
  return relations.sort();
}

const MARCH_15_2026 = Date.UTC(2026, 2, 15, 6);

describe.each(testDatabases())('partitions on $name', (database) => {
  const h = suiteFixture(() =>
    openSyncHarness(database, { deps: { clock: { now: () => MARCH_15_2026 } } }),
  );
  beforeAll(async () => {
    expect(await ensureSaleLinePartitionsAhead(h.db, h.deps.clock)).toBe(5);
  }, 60_000);

  it('reads exactly one hash partition for a store-scoped pull', async () => {
    for (const pull of [pullSales, pullStockMovements, pullStockLevels]) {
      const read = await relationsRead(h.db, (q) => pull(q, 'store-a', '0', 100));
      expect(read).toHaveLength(1);
      expect(read[0]).toMatch(/^(sales|stock_movements|stock_levels)_h\d+$/);
    }
  });

  it('reads only the months of a store + date-range report, not the default partition', async () => {
    const read = await relationsRead(h.db, (q) =>
      q.query(
        `SELECT product_id, sum(net_minor) FROM sale_lines
          WHERE store_id = $1 AND business_date >= $2 AND business_date < $3
          GROUP BY product_id`,
        ['store-a', '2026-02-01', '2026-04-01'],
      ),
    );
    expect([...new Set(read)]).toEqual(['sale_lines_202602', 'sale_lines_202603']);
  });

  it('files lines of a month made later in its partition, and leaves far-off dates in default', async () => {
    const api = h.api(h.devices.a);
    const late = makeSale('store-a', [{ productId: 'p001', qtyBase: 1 }], {
      businessDate: '2025-11-30',
      createdAt: '2025-11-30T12:00:00.000Z',
    });
    const skewed = makeSale('store-a', [{ productId: 'p001', qtyBase: 1 }], {
      businessDate: '2031-01-02',
      createdAt: '2031-01-02T12:00:00.000Z',
    });
    expect((await api.push('sales', asPushRows([late, skewed]))).body).toEqual([]);
    await settleSaleLinePartitions(h.db);
    const where = await h.db.query<{ part: string; sale_id: string }>(
      'SELECT tableoid::regclass::text AS part, sale_id::text AS sale_id FROM sale_lines ORDER BY business_date',
    );
    expect(where.rows).toEqual([
      { part: 'sale_lines_202511', sale_id: late.id },
      { part: 'sale_lines_default', sale_id: skewed.id },
    ]);
  });
});
