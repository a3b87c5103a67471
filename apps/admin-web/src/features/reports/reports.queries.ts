import { queryOptions } from '@tanstack/react-query';
import type { ApiClient } from '../../api/api-client';
import type { GstReport, SalesGrouping, SalesReport } from '../../api/types';

/** A report's period and optional single store. */
export type ReportPeriod = { from: string; to: string; storeId: string };

/** The query string of a report (the CSV export uses the same with `format=csv`). */
export function reportParams(period: ReportPeriod, extra: Record<string, string> = {}): string {
  return new URLSearchParams({
    from: period.from,
    to: period.to,
    ...(period.storeId ? { storeId: period.storeId } : {}),
    ...extra,
  }).toString();
}

/** Sales over the period grouped by store, day, product or category, and the period's totals. */
export const salesReportQuery = (api: ApiClient, period: ReportPeriod, groupBy: SalesGrouping) =>
  queryOptions({
    queryKey: ['report', 'sales', period, groupBy],
    queryFn: ({ signal }) =>
      api.get<SalesReport>(`/v1/admin/reports/sales?${reportParams(period, { groupBy })}`, signal),
  });

/** GST over the period: tax invoices by rate and HSN, split B2B / B2C, and bills of supply. */
export const gstReportQuery = (api: ApiClient, period: ReportPeriod) =>
  queryOptions({
    queryKey: ['report', 'gst', period],
    queryFn: ({ signal }) =>
      api.get<GstReport>(`/v1/admin/reports/gst?${reportParams(period)}`, signal),
  });
