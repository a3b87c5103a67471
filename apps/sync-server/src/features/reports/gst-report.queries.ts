import type { BillsOfSupplyRow, GstSplitRow } from '@kiryana/shared';
import type { Queryable } from '../../db/db';
import { scopeParams } from '../../db/scope-sql';
import { IN_REPORT, ON_BILL_OF_SUPPLY, SALE_OF_LINE, SIGN } from './report.queries';
import type { ReportInput } from './report-input';

/**
 * The GST report's other two parts (issue 19): tax invoices split into B2B and B2C by supply type
 * and rate, and bills of supply by store. A line is B2B when its sale names a buyer GSTIN; a
 * return (credit note) carries its original's buyer, so it reduces the same side. The supply type
 * is the document's (a line without its document is intra-state, as version 1 could only be).
 */

const SUPPLY = `CASE WHEN sa.doc->'buyer'->>'gstin' IS NOT NULL THEN 'b2b' ELSE 'b2c' END`;
const SUPPLY_TYPE = `coalesce(sa.doc->>'supplyType', 'intra')`;

const valuesOf = (input: ReportInput) => [
  ...scopeParams(input.filter),
  input.from,
  input.to,
  input.storeId ?? null,
];

/** The period's tax invoices by B2B / B2C, intra / inter-state and rate. */
export async function gstSplit(q: Queryable, input: ReportInput): Promise<GstSplitRow[]> {
  const { rows } = await q.query<{
    supply: 'b2b' | 'b2c';
    supply_type: 'intra' | 'inter';
    gst_rate_bp: number;
    taxable_minor: number;
    cgst_minor: number;
    sgst_minor: number;
    igst_minor: number;
    cess_minor: number;
    invoices: number;
  }>(
    `SELECT ${SUPPLY} AS supply, ${SUPPLY_TYPE} AS supply_type, l.gst_rate_bp,
            sum(${SIGN} * l.taxable_minor)::int8 AS taxable_minor,
            sum(${SIGN} * l.cgst_minor)::int8 AS cgst_minor,
            sum(${SIGN} * l.sgst_minor)::int8 AS sgst_minor,
            sum(${SIGN} * l.igst_minor)::int8 AS igst_minor,
            sum(${SIGN} * l.cess_minor)::int8 AS cess_minor,
            count(DISTINCT l.sale_id) FILTER (WHERE l.kind = 'sale')::int8 AS invoices
       FROM sale_lines l
       JOIN stores s ON s.id = l.store_id
       ${SALE_OF_LINE}
      WHERE ${IN_REPORT} AND NOT ${ON_BILL_OF_SUPPLY}
      GROUP BY 1, 2, 3
      ORDER BY 1, 2, 3`,
    valuesOf(input),
  );
  return rows.map((r) => ({
    supply: r.supply,
    supplyType: r.supply_type,
    gstRateBp: r.gst_rate_bp,
    taxableMinor: r.taxable_minor,
    cgstMinor: r.cgst_minor,
    sgstMinor: r.sgst_minor,
    igstMinor: r.igst_minor,
    cessMinor: r.cess_minor,
    invoices: r.invoices,
  }));
}

/** The period's bills of supply by store: composition stores' turnover, kept apart. */
export async function billsOfSupply(q: Queryable, input: ReportInput): Promise<BillsOfSupplyRow[]> {
  const { rows } = await q.query<{
    store_id: string;
    label: string;
    composition: boolean;
    turnover_minor: number;
    bills: number;
  }>(
    `SELECT s.id AS store_id, s.code || ' ' || s.name_en AS label, s.composition,
            sum(${SIGN} * l.net_minor)::int8 AS turnover_minor,
            count(DISTINCT l.sale_id) FILTER (WHERE l.kind = 'sale')::int8 AS bills
       FROM sale_lines l
       JOIN stores s ON s.id = l.store_id
       ${SALE_OF_LINE}
      WHERE ${IN_REPORT} AND ${ON_BILL_OF_SUPPLY}
      GROUP BY s.id, s.code, s.name_en, s.composition
      ORDER BY s.code`,
    valuesOf(input),
  );
  return rows.map((r) => ({
    storeId: r.store_id,
    label: r.label,
    composition: r.composition,
    turnoverMinor: r.turnover_minor,
    bills: r.bills,
  }));
}
