import type { ScopeFilter } from '@kiryana/shared';

/**
 * The period, scope and optional single store of a report; the one input of every report query
 * (report.queries.ts, sales-totals.queries.ts), so each can take it without importing the other.
 */
export type ReportInput = {
  readonly filter: ScopeFilter;
  readonly from: string;
  readonly to: string;
  readonly storeId?: string | undefined;
};
