/**
 * `pnpm bench`: the region sales report of the admin API (reports/report.queries.ts, grouped by
 * store) over ≥ 5M sale lines of 1,000 stores in 10 regions and 24 monthly partitions, against a
 * naive scan of the same raw lines (the same aggregation with the date hidden from the planner and
 * index scans off, so every line of every partition is read). Lines are made in SQL with
 * generate_series, not through HTTP. Prints both medians, the ratio and the partitions each plan
 * touches (pruning). Needs Postgres (TEST_PG_URL or DATABASE_URL); runs in a database it creates
 * and drops. BENCH_LINES changes the size.
 */
import { salesReportSql } from '../src/features/reports/report.queries';
import type { Tx } from '../src/db/db';
import { openTestPostgres } from '../src/testing/test-databases';
import { benchPgUrl, benchSizes } from './bench-env';
import { median } from './bench-server';

const LINES = benchSizes.lines;
const STORES = 1_000;
const REGIONS = 10;
const FIRST_DAY = '2025-01-01';
const DAYS = 730;
const RUNS = 5;

/** Regions, stores and products, set-based. */
const CHAIN_SQL = `
  INSERT INTO regions (id, code, name_en)
  SELECT 'r' || lpad(r::text, 2, '0'), 'R' || lpad(r::text, 2, '0'), 'Region ' || r
    FROM generate_series(1, ${String(REGIONS)}) AS r;
  INSERT INTO stores (id, code, region_id, name_en, gstin, state_code)
  SELECT 's' || lpad(s::text, 4, '0'), 'S' || lpad(s::text, 4, '0'),
         'r' || lpad((1 + (s - 1) / ${String(STORES / REGIONS)})::text, 2, '0'), 'Store ' || s,
         '27AAPFU0939F1ZV', '27'
    FROM generate_series(1, ${String(STORES)}) AS s;
  INSERT INTO products (id, sku, name_en, hsn, tax_class_id, category, unit, price_basis_qty, mrp_minor)
  SELECT 'p' || p, 'SKU' || p, 'Product ' || p, '1905', 'gst5', 'cat' || (p % 40), 'piece', 1, 5000
    FROM generate_series(1, 2000) AS p;
  SELECT ensure_sale_lines_partitions('${FIRST_DAY}', '${FIRST_DAY}'::date + ${String(DAYS)}, 0);
`;

/** ~3 lines per bill, stores and days spread evenly, 1 line in 20 a return. */
const LINES_SQL = `
  INSERT INTO sale_lines (store_id, business_date, sale_id, line_no, kind, product_id, qty_base,
                          net_minor, taxable_minor, cgst_minor, sgst_minor, igst_minor, cess_minor,
                          gst_rate_bp, hsn)
  SELECT 's' || lpad((1 + (b::int8 * 7919) % ${String(STORES)})::text, 4, '0'),
         '${FIRST_DAY}'::date + (b % ${String(DAYS)})::int,
         md5(b::text)::uuid, n % 3 + 1,
         CASE WHEN b % 20 = 0 THEN 'return' ELSE 'sale' END,
         'p' || (1 + (n * 31) % 2000), 1 + n % 3,
         (1 + n % 3) * 4000, (1 + n % 3) * 3810, (1 + n % 3) * 95, (1 + n % 3) * 95, 0, 0, 500, '1905'
    FROM generate_series(0, $1::int - 1) AS n, LATERAL (SELECT n / 3 AS b) AS bill`;

/** The partitions of sale_lines a plan reads, and the parallel workers it plans. */
function planFacts(plan: unknown): { partitions: Set<string>; workers: number } {
  const found = new Set<string>();
  let workers = 0;
  const walk = (node: unknown) => {
    if (Array.isArray(node)) {
      for (const child of node) walk(child);
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    const record = node as Record<string, unknown>;
    const relation = record['Relation Name'];
    if (typeof relation === 'string' && relation.startsWith('sale_lines_')) found.add(relation);
    const planned = record['Workers Planned'];
    if (typeof planned === 'number') workers = Math.max(workers, planned);
    for (const value of Object.values(record)) walk(value);
  };
  walk(plan);
  return { partitions: found, workers };
}

async function timed(
  tx: Tx,
  sql: string,
  values: unknown[],
): Promise<{ ms: number; rows: number }> {
  const started = performance.now();
  const { rows } = await tx.query(sql, values);
  return { ms: performance.now() - started, rows: rows.length };
}

async function main(pgUrl: string): Promise<void> {
  const db = await openTestPostgres(pgUrl, { max: 2 });
  try {
    const loadStarted = performance.now();
    await db.exec(CHAIN_SQL);
    await db.query(LINES_SQL, [LINES]);
    await db.exec('ANALYZE sale_lines; ANALYZE stores; ANALYZE products');
    const loadMs = performance.now() - loadStarted;
    const partitions = await db.query<{ n: number }>(
      `SELECT count(*)::int8 AS n FROM pg_inherits WHERE inhparent = 'sale_lines'::regclass`,
    );

    const report = salesReportSql('store', {
      filter: { all: false, storeIds: [], regionIds: ['r04'] },
      from: '2026-06-01',
      to: '2026-06-30',
    });
    // The naive report: identical, except that no index and no partition bound can be used.
    const naive = {
      text: report.text.replace('l.business_date BETWEEN', '(l.business_date + 0) BETWEEN'),
      values: report.values,
    };
    const measure = (sql: { text: string; values: unknown[] }, naiveScan: boolean) =>
      db.transaction(async (tx) => {
        if (naiveScan)
          await tx.exec('SET LOCAL enable_indexscan = off; SET LOCAL enable_bitmapscan = off');
        const explain = await tx.query<{ 'QUERY PLAN': unknown }>(
          `EXPLAIN (FORMAT JSON) ${sql.text}`,
          sql.values,
        );
        await timed(tx, sql.text, sql.values);
        const runs = [];
        for (let i = 0; i < RUNS; i++) runs.push(await timed(tx, sql.text, sql.values));
        const facts = planFacts(explain.rows[0]?.['QUERY PLAN']);
        return {
          ms: median(runs.map((r) => r.ms)),
          rows: runs[0]?.rows ?? 0,
          partitions: facts.partitions.size,
          workers: facts.workers,
        };
      });
    const fast = await measure(report, false);
    const slow = await measure(naive, true);
    const total = partitions.rows[0]?.n ?? 0;
    console.log(
      `region-report on Postgres: ${String(LINES)} sale lines, ${String(STORES)} stores in ${String(REGIONS)} regions, ${String(total)} partitions (loaded in ${(loadMs / 1000).toFixed(0)} s); one region, one month, by store\n` +
        `  naive scan of the raw lines : ${slow.ms.toFixed(1).padStart(8)} ms  (${String(slow.partitions)} of ${String(total)} partitions read, ${String(slow.workers)} parallel workers, ${String(slow.rows)} rows)\n` +
        `  report as the admin API runs: ${fast.ms.toFixed(1).padStart(8)} ms  (${String(fast.partitions)} of ${String(total)} partitions read, ${String(fast.workers)} parallel workers, ${String(fast.rows)} rows)\n` +
        `  ratio naive / report        : ${(slow.ms / fast.ms).toFixed(1)}×  (goal ≥ 20×)`,
    );
  } finally {
    await db.close();
  }
}

if (benchPgUrl) await main(benchPgUrl);
else console.log('region-report: skipped (set TEST_PG_URL or DATABASE_URL)');
