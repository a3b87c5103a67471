import type {
  BillsOfSupplyRow,
  GstRow,
  GstSplitRow,
  SalesGrouping,
  SalesRow,
  SalesTotals,
} from '@kiryana/shared';
import type { Db } from '../../db/db';
import * as gst from './gst-report.queries';
import * as reports from './report.queries';
import type { ReportInput } from './report-input';
import * as totals from './sales-totals.queries';

/** What the report services need. */
export type ReportDeps = { readonly db: Db };

/** The rows of a sales report, grouped by store, day, product or category. */
export function salesReport(
  deps: ReportDeps,
  grouping: SalesGrouping,
  input: ReportInput,
): Promise<SalesRow[]> {
  return reports.salesReport(deps.db, grouping, input);
}

/** The whole-period totals of a sales report, round-off included. */
export function salesTotals(deps: ReportDeps, input: ReportInput): Promise<SalesTotals> {
  return totals.salesTotals(deps.db, input);
}

/** The GST summary of a period by rate. */
export function gstSummary(deps: ReportDeps, input: ReportInput): Promise<GstRow[]> {
  return reports.gstSummary(deps.db, input);
}

/** The period's tax invoices split B2B / B2C by supply type and rate. */
export function gstSplit(deps: ReportDeps, input: ReportInput): Promise<GstSplitRow[]> {
  return gst.gstSplit(deps.db, input);
}

/** The period's bills of supply by store (composition turnover). */
export function billsOfSupply(deps: ReportDeps, input: ReportInput): Promise<BillsOfSupplyRow[]> {
  return gst.billsOfSupply(deps.db, input);
}
