import type { SalesGrouping, SalesRow } from '../../api/types';
import type { Bar } from '../../ui/bar-chart';

/** Bars drawn at most: the largest rows; the table below holds every row. */
const CHART_BARS = 31;

/** How the chart writes a row's name, an amount and a business date. */
export type ChartText = {
  label: (row: SalesRow) => string;
  money: (amountMinor: number) => string;
  date: (isoDate: string) => string;
};

/**
 * The bars of the sales report's chart, each labelled with what it groups by: the store, product
 * or category name, or the date. Days stay in calendar order (the latest ones); other groupings
 * show their largest rows first.
 */
export function salesChartBars(
  rows: readonly SalesRow[],
  groupBy: SalesGrouping,
  text: ChartText,
): Bar[] {
  const charted =
    groupBy === 'day'
      ? rows.slice(-CHART_BARS)
      : [...rows].sort((a, b) => b.netMinor - a.netMinor).slice(0, CHART_BARS);
  return charted.map((r) => ({
    label: groupBy === 'day' ? text.date(r.key) : text.label(r),
    value: r.netMinor,
    title: `${text.label(r)} — ${text.money(r.netMinor)}`,
  }));
}
