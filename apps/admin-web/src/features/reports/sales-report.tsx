import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { SalesGrouping, SalesRow } from '../../api/types';
import { useApi } from '../../auth/auth-context';
import { useFormat } from '../../i18n/use-format';
import { BarChart } from '../../ui/bar-chart';
import { QueryStatus } from '../../ui/query-status';
import { type Column, VirtualTable } from '../../ui/virtual-table';
import { type ReportPeriod, salesReportQuery } from './reports.queries';
import { salesChartBars } from './sales-chart';

/**
 * The sales report: the period's net sales, round-off and what was collected (the server's
 * totals, the same figures as the dashboard's), a chart of the biggest rows and a virtualised
 * table of all of them.
 */
export function SalesReport({ period, groupBy }: { period: ReportPeriod; groupBy: SalesGrouping }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const format = useFormat();
  const report = useQuery(salesReportQuery(api, period, groupBy));
  const rows = report.data?.rows ?? [];
  const hi = i18n.language === 'hi';
  const label = (r: SalesRow) => (hi && r.labelHi ? r.labelHi : r.label);
  // A bill's round-off is the bill's: rows by store or day have it, rows by product do not.
  const byBill = groupBy === 'store' || groupBy === 'day';
  const columns: Column<SalesRow>[] = [
    { key: 'label', header: t(`reports.group.${groupBy}`), cell: label, width: '2fr' },
    { key: 'net', header: t('reports.net'), cell: (r) => format.money(r.netMinor), numeric: true },
    ...(byBill
      ? [
          {
            key: 'roundOff',
            header: t('reports.roundOff'),
            cell: (r: SalesRow) => format.money(r.roundOffMinor ?? 0),
            numeric: true,
          },
        ]
      : []),
    { key: 'tax', header: t('reports.tax'), cell: (r) => format.money(r.taxMinor), numeric: true },
    {
      key: 'bills',
      header: t('dashboard.bills'),
      cell: (r) => format.number(r.bills),
      numeric: true,
    },
  ];
  return (
    <>
      <QueryStatus isPending={report.isPending} error={report.error} />
      {report.data && (
        <>
          <p role="status" data-testid="report-total">
            {t('reports.total', {
              rows: format.number(rows.length),
              net: format.money(report.data.totals.netMinor),
              roundOff: format.money(report.data.totals.roundOffMinor),
              collected: format.money(report.data.totals.collectedMinor),
            })}
          </p>
          <BarChart
            label={t('reports.chart')}
            bars={salesChartBars(rows, groupBy, {
              label,
              money: (amountMinor) => format.money(amountMinor),
              date: (isoDate) => format.shortDate(isoDate),
            })}
          />
          <VirtualTable<SalesRow>
            label={t('reports.tab.sales')}
            rows={rows}
            rowKey={(r) => r.key}
            columns={columns}
          />
        </>
      )}
    </>
  );
}
