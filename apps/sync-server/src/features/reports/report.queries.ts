import type { GstRow, SalesGrouping, SalesRow } from '@kiryana/shared';
import type { Queryable } from '../../db/db';
import { scopeParams, storeInScope } from '../../db/scope-sql';
import type { ReportInput } from './report-input';
import { roundOffBy } from './sales-totals.queries';

/**
 * Sales reports read `sale_lines`, which is partitioned by month of business date: the date range
 * is a plain `BETWEEN` on the partition key with the dates as parameters, so the planner keeps only
 * the months asked for (report.queries.test.ts shows the plan). Stores are filtered by the
 * reader's scope in SQL. Returns count negatively. Each query is built as text + values so the
 * test can EXPLAIN exactly what the route runs. Net sales are the lines' net (round-off left
 * out, docs/reports.md); rows by store or day add their bills' round-off (sales-totals.queries.ts).
 */

/** +1 for a sale's line, −1 for a return's. */
export const SIGN = `CASE WHEN l.kind = 'return' THEN -1 ELSE 1 END`;
/** The period, reach and optional store of a report over `sale_lines l JOIN stores s`. */
export const IN_REPORT = `l.business_date BETWEEN $4::date AND $5::date
        AND ${storeInScope('s', 1)} AND ($6::text IS NULL OR s.id = $6)`;
/**
 * The document of a line's sale, for its buyer, supply type and kind of invoice. A LEFT JOIN: a
 * line without its document (written directly, as some tests do) reads as what a version-1 sale
 * is, a B2C tax invoice.
 */
export const SALE_OF_LINE = `LEFT JOIN sales sa ON sa.store_id = l.store_id AND sa.id = l.sale_id`;
/**
 * A line of a bill of supply: the document says so, or it is an untaxed line of a composition
 * store's document that names no kind (an older terminal's). A composition store's taxed tax
 * invoice is refused on push (COMPOSITION_TAX_INVOICE), so its turnover never reaches the taxable
 * supplies; tax invoices it issued before it joined the scheme stay what they were.
 */
export const ON_BILL_OF_SUPPLY = `(coalesce(sa.doc->>'invoiceKind', '') = 'bill-of-supply'
        OR (s.composition AND sa.doc->>'invoiceKind' IS NULL
            AND l.cgst_minor + l.sgst_minor + l.igst_minor + l.cess_minor = 0))`;

const GROUPINGS: Readonly<Record<SalesGrouping, { select: string; group: string }>> = {
  store: {
    select: "s.id AS key, s.code || ' ' || s.name_en AS label, s.name_hi AS label_hi",
    group: 's.id, s.code, s.name_en, s.name_hi',
  },
  day: {
    select:
      "to_char(l.business_date, 'YYYY-MM-DD') AS key, to_char(l.business_date, 'YYYY-MM-DD') AS label, '' AS label_hi",
    group: 'l.business_date',
  },
  product: {
    select:
      "l.product_id AS key, coalesce(p.sku || ' ' || p.name_en, l.product_id) AS label, coalesce(p.name_hi, '') AS label_hi",
    group: 'l.product_id, p.sku, p.name_en, p.name_hi',
  },
  category: {
    select: "coalesce(p.category, '') AS key, coalesce(p.category, '') AS label, '' AS label_hi",
    group: "coalesce(p.category, '')",
  },
};

/** The SQL of a sales report, for running and for EXPLAIN. */
export function salesReportSql(
  grouping: SalesGrouping,
  input: ReportInput,
): { text: string; values: unknown[] } {
  const g = GROUPINGS[grouping];
  const values = [...scopeParams(input.filter), input.from, input.to, input.storeId ?? null];
  if (grouping === 'store') {
    // Every store in reach gets a row, also one that sold nothing: that is what a manager looks for.
    return {
      text: `SELECT ${g.select},
            coalesce(sum(${SIGN} * l.net_minor), 0)::int8 AS net_minor,
            coalesce(sum(${SIGN} * l.taxable_minor), 0)::int8 AS taxable_minor,
            coalesce(sum(${SIGN} * (l.cgst_minor + l.sgst_minor + l.igst_minor + l.cess_minor)), 0)::int8 AS tax_minor,
            coalesce(sum(${SIGN} * l.qty_base), 0)::int8 AS qty_base,
            count(DISTINCT l.sale_id) FILTER (WHERE l.kind = 'sale')::int8 AS bills
       FROM stores s
       LEFT JOIN sale_lines l ON l.store_id = s.id AND l.business_date BETWEEN $4::date AND $5::date
      WHERE NOT s.deleted AND ${storeInScope('s', 1)} AND ($6::text IS NULL OR s.id = $6)
      GROUP BY ${g.group}
      ORDER BY s.code`,
      values,
    };
  }
  return {
    text: `SELECT ${g.select},
            sum(${SIGN} * l.net_minor)::int8 AS net_minor,
            sum(${SIGN} * l.taxable_minor)::int8 AS taxable_minor,
            sum(${SIGN} * (l.cgst_minor + l.sgst_minor + l.igst_minor + l.cess_minor))::int8 AS tax_minor,
            sum(${SIGN} * l.qty_base)::int8 AS qty_base,
            count(DISTINCT l.sale_id) FILTER (WHERE l.kind = 'sale')::int8 AS bills
       FROM sale_lines l
       JOIN stores s ON s.id = l.store_id
       LEFT JOIN products p ON p.id = l.product_id
      WHERE ${IN_REPORT}
      GROUP BY ${g.group}
      ORDER BY 1`,
    values,
  };
}

/** Sales over a period grouped by store, day, product or category. */
export async function salesReport(
  q: Queryable,
  grouping: SalesGrouping,
  input: ReportInput,
): Promise<SalesRow[]> {
  const { text, values } = salesReportSql(grouping, input);
  const { rows } = await q.query<{
    key: string;
    label: string;
    label_hi: string;
    net_minor: number;
    taxable_minor: number;
    tax_minor: number;
    qty_base: number;
    bills: number;
  }>(text, values);
  const roundOff =
    grouping === 'store' || grouping === 'day' ? await roundOffBy(q, grouping, input) : null;
  return rows.map((r) => ({
    key: r.key,
    label: r.label,
    labelHi: r.label_hi,
    netMinor: r.net_minor,
    roundOffMinor: roundOff === null ? null : (roundOff.get(r.key) ?? 0),
    taxableMinor: r.taxable_minor,
    taxMinor: r.tax_minor,
    qtyBase: r.qty_base,
    bills: r.bills,
  }));
}

/** The SQL of the GST summary (tax invoices only), for running and for EXPLAIN. */
export function gstSummarySql(input: ReportInput): { text: string; values: unknown[] } {
  return {
    text: `SELECT l.gst_rate_bp, l.hsn,
            sum(${SIGN} * l.taxable_minor)::int8 AS taxable_minor,
            sum(${SIGN} * l.cgst_minor)::int8 AS cgst_minor,
            sum(${SIGN} * l.sgst_minor)::int8 AS sgst_minor,
            sum(${SIGN} * l.igst_minor)::int8 AS igst_minor,
            sum(${SIGN} * l.cess_minor)::int8 AS cess_minor,
            count(*)::int8 AS lines
       FROM sale_lines l
       JOIN stores s ON s.id = l.store_id
       ${SALE_OF_LINE}
      WHERE ${IN_REPORT} AND NOT ${ON_BILL_OF_SUPPLY}
      GROUP BY l.gst_rate_bp, l.hsn
      ORDER BY l.gst_rate_bp, l.hsn`,
    values: [...scopeParams(input.filter), input.from, input.to, input.storeId ?? null],
  };
}

/**
 * GST of a period's tax invoices by rate and HSN code (the shape of GSTR-1's HSN summary); bills
 * of supply are reported apart (gst-report.queries.ts).
 */
export async function gstSummary(q: Queryable, input: ReportInput): Promise<GstRow[]> {
  const { text, values } = gstSummarySql(input);
  const { rows } = await q.query<{
    gst_rate_bp: number;
    hsn: string;
    taxable_minor: number;
    cgst_minor: number;
    sgst_minor: number;
    igst_minor: number;
    cess_minor: number;
    lines: number;
  }>(text, values);
  return rows.map((r) => ({
    gstRateBp: r.gst_rate_bp,
    hsn: r.hsn,
    taxableMinor: r.taxable_minor,
    cgstMinor: r.cgst_minor,
    sgstMinor: r.sgst_minor,
    igstMinor: r.igst_minor,
    cessMinor: r.cess_minor,
    lines: r.lines,
  }));
}
