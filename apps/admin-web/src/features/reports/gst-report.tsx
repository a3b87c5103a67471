import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { GstRow } from '../../api/types';
import { useApi } from '../../auth/auth-context';
import { useFormat } from '../../i18n/use-format';
import { BarChart } from '../../ui/bar-chart';
import { QueryStatus } from '../../ui/query-status';
import { VirtualTable } from '../../ui/virtual-table';
import { gstReportQuery, type ReportPeriod } from './reports.queries';

/** GST of the period by rate and HSN code, with the tax per rate charted. */
export function GstReport({ period }: { period: ReportPeriod }) {
  const { t } = useTranslation();
  const api = useApi();
  const format = useFormat();
  const report = useQuery(gstReportQuery(api, period));
  const rows = report.data?.rows ?? [];
  const byRate = new Map<number, number>();
  for (const r of rows) {
    byRate.set(
      r.gstRateBp,
      (byRate.get(r.gstRateBp) ?? 0) + r.cgstMinor + r.sgstMinor + r.igstMinor + r.cessMinor,
    );
  }
  return (
    <>
      <QueryStatus isPending={report.isPending} error={report.error} />
      {report.data && (
        <>
          <BarChart
            label={t('reports.gstChart')}
            bars={[...byRate].map(([rate, tax]) => ({
              label: format.rate(rate),
              value: tax,
              title: `${format.rate(rate)} — ${format.money(tax)}`,
            }))}
          />
          <VirtualTable<GstRow>
            label={t('reports.tab.gst')}
            rows={rows}
            rowKey={(r) => `${r.gstRateBp}-${r.hsn}`}
            columns={[
              {
                key: 'rate',
                header: t('reports.rate'),
                cell: (r) => format.rate(r.gstRateBp),
                width: '5rem',
              },
              { key: 'hsn', header: t('catalogue.hsn'), cell: (r) => r.hsn, width: '7rem' },
              {
                key: 'taxable',
                header: t('reports.taxable'),
                cell: (r) => format.money(r.taxableMinor),
                numeric: true,
              },
              {
                key: 'cgst',
                header: 'CGST',
                cell: (r) => format.money(r.cgstMinor),
                numeric: true,
              },
              {
                key: 'sgst',
                header: 'SGST',
                cell: (r) => format.money(r.sgstMinor),
                numeric: true,
              },
              {
                key: 'igst',
                header: 'IGST',
                cell: (r) => format.money(r.igstMinor),
                numeric: true,
              },
              {
                key: 'cess',
                header: t('reports.cess'),
                cell: (r) => format.money(r.cessMinor),
                numeric: true,
              },
            ]}
          />
        </>
      )}
    </>
  );
}
