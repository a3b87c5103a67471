import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { BillsOfSupplyRow, GstRow, GstSplitRow } from '../../api/types';
import { useApi } from '../../auth/auth-context';
import { useFormat } from '../../i18n/use-format';
import { BarChart } from '../../ui/bar-chart';
import { QueryStatus } from '../../ui/query-status';
import { VirtualTable } from '../../ui/virtual-table';
import { gstReportQuery, type ReportPeriod } from './reports.queries';

/**
 * GST of the period: tax invoices by rate and HSN code with the tax per rate charted, the same
 * split B2B / B2C by supply type (CGST + SGST within the state, IGST across), and bills of supply
 * by store: a composition store's turnover is shown apart, never as a taxable supply with tax.
 */
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
          <h2>{t('reports.gst.splitTitle')}</h2>
          <VirtualTable<GstSplitRow>
            label={t('reports.gst.splitTitle')}
            rows={report.data.split}
            rowKey={(r) => `${r.supply}-${r.supplyType}-${r.gstRateBp}`}
            columns={[
              {
                key: 'supply',
                header: t('reports.gst.supply'),
                cell: (r) => t(`reports.gst.${r.supply}`),
                width: '5rem',
              },
              {
                key: 'supplyType',
                header: t('reports.gst.supplyType'),
                cell: (r) => t(`reports.gst.${r.supplyType}`),
                width: '9rem',
              },
              {
                key: 'rate',
                header: t('reports.rate'),
                cell: (r) => format.rate(r.gstRateBp),
                width: '5rem',
              },
              ...taxColumns(t('reports.taxable'), t('reports.cess'), (minor) =>
                format.money(minor),
              ),
              {
                key: 'invoices',
                header: t('reports.gst.invoices'),
                cell: (r) => format.number(r.invoices),
                numeric: true,
              },
            ]}
          />
          <h2>{t('reports.gst.billsOfSupplyTitle')}</h2>
          <p className="muted">{t('reports.gst.billsOfSupplyHelp')}</p>
          {report.data.billsOfSupply.length === 0 ? (
            <p className="muted">{t('reports.gst.noBillsOfSupply')}</p>
          ) : (
            <VirtualTable<BillsOfSupplyRow>
              label={t('reports.gst.billsOfSupplyTitle')}
              rows={report.data.billsOfSupply}
              rowKey={(r) => r.storeId}
              columns={[
                { key: 'store', header: t('common.store'), cell: (r) => r.label },
                {
                  key: 'composition',
                  header: t('reports.gst.scheme'),
                  cell: (r) =>
                    r.composition ? t('reports.gst.composition') : t('reports.gst.regular'),
                  width: '10rem',
                },
                {
                  key: 'turnover',
                  header: t('reports.gst.turnover'),
                  cell: (r) => format.money(r.turnoverMinor),
                  numeric: true,
                },
                {
                  key: 'bills',
                  header: t('reports.gst.bills'),
                  cell: (r) => format.number(r.bills),
                  numeric: true,
                },
              ]}
            />
          )}
        </>
      )}
    </>
  );
}

type TaxAmounts = Pick<
  GstRow,
  'taxableMinor' | 'cgstMinor' | 'sgstMinor' | 'igstMinor' | 'cessMinor'
>;

/** The taxable value and tax heads of a row, as money columns. */
function taxColumns(taxable: string, cess: string, money: (minor: number) => string) {
  const column = (key: keyof TaxAmounts, header: string) => ({
    key,
    header,
    cell: (r: TaxAmounts) => money(r[key]),
    numeric: true,
  });
  return [
    column('taxableMinor', taxable),
    column('cgstMinor', 'CGST'),
    column('sgstMinor', 'SGST'),
    column('igstMinor', 'IGST'),
    column('cessMinor', cess),
  ];
}
