import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { SalesGrouping, SalesRow } from '../../api/types';
import { useApi } from '../../auth/auth-context';
import { useFormat } from '../../i18n/use-format';
import { BarChart } from '../../ui/bar-chart';
import { QueryStatus } from '../../ui/query-status';
import { VirtualTable } from '../../ui/virtual-table';
import { type ReportPeriod, salesReportQuery } from './reports.queries';

/** Bars drawn at most: the largest rows; the table below holds every row. */
const CHART_BARS = 31;

/** The sales report: a chart of the biggest rows and a virtualised table of all of them. */
export function SalesReport({ period, groupBy }: { period: ReportPeriod; groupBy: SalesGrouping }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const format = useFormat();
  const report = useQuery(salesReportQuery(api, period, groupBy));
  const rows = report.data?.rows ?? [];
  const hi = i18n.language === 'hi';
  const label = (r: SalesRow) => (hi && r.labelHi ? r.labelHi : r.label);
  const total = rows.reduce((sum, r) => sum + r.netMinor, 0);
  const charted =
    groupBy === 'day'
      ? rows.slice(-CHART_BARS)
      : [...rows].sort((a, b) => b.netMinor - a.netMinor).slice(0, CHART_BARS);
  return (
    <>
      <QueryStatus isPending={report.isPending} error={report.error} />
      {report.data && (
        <>
          <p role="status" data-testid="report-total">
            {t('reports.total', { rows: format.number(rows.length), net: format.money(total) })}
          </p>
          <BarChart
            label={t('reports.chart')}
            bars={charted.map((r) => ({
              label: groupBy === 'day' ? r.key.slice(8) : String(charted.indexOf(r) + 1),
              value: r.netMinor,
              title: `${label(r)} — ${format.money(r.netMinor)}`,
            }))}
          />
          <VirtualTable<SalesRow>
            label={t('reports.tab.sales')}
            rows={rows}
            rowKey={(r) => r.key}
            columns={[
              { key: 'label', header: t(`reports.group.${groupBy}`), cell: label, width: '2fr' },
              {
                key: 'net',
                header: t('reports.net'),
                cell: (r) => format.money(r.netMinor),
                numeric: true,
              },
              {
                key: 'tax',
                header: t('reports.tax'),
                cell: (r) => format.money(r.taxMinor),
                numeric: true,
              },
              {
                key: 'bills',
                header: t('dashboard.bills'),
                cell: (r) => format.number(r.bills),
                numeric: true,
              },
            ]}
          />
        </>
      )}
    </>
  );
}
