import { businessDate } from '@kiryana/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SalesGrouping } from '../../api/types';
import { useApi } from '../../auth/auth-context';
import { saveBlob } from '../../ui/download';
import { StoreSelect } from '../stores/store-select';
import { GstReport } from './gst-report';
import { type ReportPeriod, reportParams } from './reports.queries';
import { SalesReport } from './sales-report';

type Tab = 'sales' | 'gst';

/** Sales and GST over a period for the stores in reach, with charts, tables and CSV export. */
export function ReportsScreen() {
  const { t } = useTranslation();
  const api = useApi();
  const today = businessDate(new Date());
  const [period, setPeriod] = useState<ReportPeriod>({
    from: `${today.slice(0, 8)}01`,
    to: today,
    storeId: '',
  });
  const [groupBy, setGroupBy] = useState<SalesGrouping>('store');
  const [tab, setTab] = useState<Tab>('sales');
  const exportCsv = () => {
    const path =
      tab === 'sales'
        ? `/v1/admin/reports/sales?${reportParams(period, { groupBy, format: 'csv' })}`
        : `/v1/admin/reports/gst?${reportParams(period, { format: 'csv' })}`;
    void api.download(path).then((blob) => {
      saveBlob(blob, `${tab}-${period.from}-${period.to}.csv`);
    });
  };
  return (
    <section aria-labelledby="reports-title">
      <h1 id="reports-title">{t('reports.title')}</h1>
      <div className="filters">
        <label className="field" htmlFor="report-from">
          <span>{t('reports.from')}</span>
          <input
            id="report-from"
            type="date"
            value={period.from}
            onChange={(e) => {
              setPeriod((p) => ({ ...p, from: e.target.value }));
            }}
          />
        </label>
        <label className="field" htmlFor="report-to">
          <span>{t('reports.to')}</span>
          <input
            id="report-to"
            type="date"
            value={period.to}
            onChange={(e) => {
              setPeriod((p) => ({ ...p, to: e.target.value }));
            }}
          />
        </label>
        <StoreSelect
          id="report-store"
          value={period.storeId}
          onChange={(storeId) => {
            setPeriod((p) => ({ ...p, storeId }));
          }}
          allLabel={t('common.allStores')}
        />
        {tab === 'sales' && (
          <label className="field" htmlFor="report-group">
            <span>{t('reports.groupBy')}</span>
            <select
              id="report-group"
              value={groupBy}
              onChange={(e) => {
                setGroupBy(e.target.value as SalesGrouping);
              }}
            >
              {(['store', 'day', 'product', 'category'] as const).map((g) => (
                <option key={g} value={g}>
                  {t(`reports.group.${g}`)}
                </option>
              ))}
            </select>
          </label>
        )}
        <button type="button" onClick={exportCsv}>
          {t('common.exportCsv')}
        </button>
      </div>
      <div
        role="tablist"
        aria-label={t('reports.title')}
        className="tabs"
        onKeyDown={(event) => {
          // WAI-ARIA tabs: arrows move between tabs, only the selected one is in the tab order.
          if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
          const next: Tab = tab === 'sales' ? 'gst' : 'sales';
          setTab(next);
          document.getElementById(`tab-${next}`)?.focus();
        }}
      >
        {(['sales', 'gst'] as const).map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            id={`tab-${name}`}
            aria-selected={tab === name}
            aria-controls={`panel-${name}`}
            tabIndex={tab === name ? 0 : -1}
            onClick={() => {
              setTab(name);
            }}
          >
            {t(`reports.tab.${name}`)}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {tab === 'sales' ? (
          <SalesReport period={period} groupBy={groupBy} />
        ) : (
          <GstReport period={period} />
        )}
      </div>
    </section>
  );
}
