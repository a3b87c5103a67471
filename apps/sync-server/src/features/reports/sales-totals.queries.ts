import type { SalesTotals } from '@kiryana/shared';
import type { Queryable } from '../../db/db';
import { scopeParams, storeInScope } from '../../db/scope-sql';
import type { ReportInput } from './report-input';

/**
 * The round-off and the whole-period totals of a sales report. Net sales exclude the round-off
 * (docs/reports.md); the round-off is a bill's, so it is summed from `sales` (its generated
 * `round_off_minor` column), by store or by day, never shared out to products. The dashboard
 * reads the same column, so both screens give the same two figures. Returns count negatively.
 */

const BILL_SIGN = `CASE WHEN x.kind = 'return' THEN -1 ELSE 1 END`;
const LINE_SIGN = `CASE WHEN l.kind = 'return' THEN -1 ELSE 1 END`;
const IN_REACH = `${storeInScope('s', 1)} AND ($6::text IS NULL OR s.id = $6)`;

function values(input: ReportInput): unknown[] {
  return [...scopeParams(input.filter), input.from, input.to, input.storeId ?? null];
}

/** The round-off of the period's bills by store id or by business date (YYYY-MM-DD). */
export async function roundOffBy(
  q: Queryable,
  grouping: 'store' | 'day',
  input: ReportInput,
): Promise<Map<string, number>> {
  const key = grouping === 'store' ? 'x.store_id' : `to_char(x.business_date, 'YYYY-MM-DD')`;
  const { rows } = await q.query<{ key: string; round_off_minor: number }>(
    `SELECT ${key} AS key, sum(${BILL_SIGN} * x.round_off_minor)::int8 AS round_off_minor
       FROM sales x
       JOIN stores s ON s.id = x.store_id
      WHERE x.business_date BETWEEN $4::date AND $5::date AND ${IN_REACH}
      GROUP BY 1`,
    values(input),
  );
  return new Map(rows.map((r) => [r.key, r.round_off_minor]));
}

/** Net sales, round-off, what was collected, taxable value, tax and bills of the whole period. */
export async function salesTotals(q: Queryable, input: ReportInput): Promise<SalesTotals> {
  const lines = await q.query<{
    net_minor: number;
    taxable_minor: number;
    tax_minor: number;
    bills: number;
  }>(
    `SELECT coalesce(sum(${LINE_SIGN} * l.net_minor), 0)::int8 AS net_minor,
            coalesce(sum(${LINE_SIGN} * l.taxable_minor), 0)::int8 AS taxable_minor,
            coalesce(sum(${LINE_SIGN} * (l.cgst_minor + l.sgst_minor + l.igst_minor + l.cess_minor)), 0)::int8 AS tax_minor,
            count(DISTINCT l.sale_id) FILTER (WHERE l.kind = 'sale')::int8 AS bills
       FROM sale_lines l
       JOIN stores s ON s.id = l.store_id
      WHERE l.business_date BETWEEN $4::date AND $5::date AND ${IN_REACH}`,
    values(input),
  );
  const roundOff = [...(await roundOffBy(q, 'store', input)).values()].reduce((a, b) => a + b, 0);
  const row = lines.rows[0];
  const netMinor = row?.net_minor ?? 0;
  return {
    netMinor,
    roundOffMinor: roundOff,
    collectedMinor: netMinor + roundOff,
    taxableMinor: row?.taxable_minor ?? 0,
    taxMinor: row?.tax_minor ?? 0,
    bills: row?.bills ?? 0,
  };
}
