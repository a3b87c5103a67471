import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi, useCan } from '../../auth/auth-context';
import { useFormat } from '../../i18n/use-format';
import { BarChart } from '../../ui/bar-chart';
import { QueryStatus } from '../../ui/query-status';
import { StoreSelect } from '../stores/store-select';
import { dashboardQuery } from './dashboard.queries';
import { FleetPanel } from './fleet-panel';
import { useLiveDashboard } from './use-live-dashboard';

/** Today at a glance for the stores in reach, updated live as bills are rung up. */
export function DashboardScreen() {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const can = useCan();
  const format = useFormat();
  const [storeId, setStoreId] = useState('');
  const live = useLiveDashboard();
  const day = useQuery(dashboardQuery(api, storeId));
  const hi = i18n.language === 'hi';
  return (
    <section aria-labelledby="dashboard-title">
      <div className="screen-head">
        <h1 id="dashboard-title">{t('dashboard.title')}</h1>
        <span className={`live-badge ${live}`} role="status" data-testid="live-state">
          {t(`dashboard.live.${live}`)}
        </span>
        {can('stores:read') && (
          <StoreSelect
            id="dashboard-store"
            value={storeId}
            onChange={setStoreId}
            allLabel={t('common.allStores')}
          />
        )}
      </div>
      <QueryStatus isPending={day.isPending} error={day.error} />
      {day.data && (
        <>
          <p className="muted">
            {t('dashboard.businessDate', { date: format.date(day.data.businessDate) })}
          </p>
          <dl className="kpis">
            <div title={t('dashboard.netSalesHint')}>
              <dt>{t('dashboard.netSales')}</dt>
              <dd data-testid="kpi-net">{format.money(day.data.totals.netMinor)}</dd>
            </div>
            <div>
              <dt>{t('dashboard.roundOff')}</dt>
              <dd data-testid="kpi-round-off">{format.money(day.data.totals.roundOffMinor)}</dd>
            </div>
            <div>
              <dt>{t('dashboard.collected')}</dt>
              <dd data-testid="kpi-collected">{format.money(day.data.totals.collectedMinor)}</dd>
            </div>
            <div>
              <dt>{t('dashboard.bills')}</dt>
              <dd data-testid="kpi-bills">{format.number(day.data.totals.bills)}</dd>
            </div>
            <div>
              <dt>{t('dashboard.averageBill')}</dt>
              <dd>{format.money(day.data.totals.averageBillMinor)}</dd>
            </div>
            <div>
              <dt>{t('dashboard.returns')}</dt>
              <dd>{format.number(day.data.totals.returns)}</dd>
            </div>
          </dl>
          <div className="grid-2">
            <figure>
              <figcaption>{t('dashboard.byHour')}</figcaption>
              <BarChart
                label={t('dashboard.byHour')}
                bars={day.data.byHour.map((h) => ({
                  label: String(h.hour),
                  value: h.netMinor,
                  title: `${String(h.hour).padStart(2, '0')}:00 — ${format.money(h.netMinor)}`,
                }))}
              />
            </figure>
            <div>
              <h2>{t('dashboard.topProducts')}</h2>
              {day.data.topProducts.length === 0 ? (
                <p className="muted">{t('dashboard.noSales')}</p>
              ) : (
                <ol className="top-products">
                  {day.data.topProducts.map((p) => (
                    <li key={p.productId}>
                      <span>{hi && p.nameHi ? p.nameHi : p.nameEn}</span>
                      <span className="num">{format.qty(p.qtyBase, p)}</span>
                      <span className="num">{format.money(p.netMinor)}</span>
                    </li>
                  ))}
                </ol>
              )}
            </div>
          </div>
          <h2>{t('dashboard.stores')}</h2>
          <div className="table-wrap">
            <table data-testid="dashboard-stores">
              <thead>
                <tr>
                  <th scope="col">{t('common.store')}</th>
                  <th scope="col" className="num">
                    {t('dashboard.netSales')}
                  </th>
                  <th scope="col" className="num">
                    {t('dashboard.bills')}
                  </th>
                  <th scope="col" className="num">
                    {t('dashboard.averageBill')}
                  </th>
                  <th scope="col">{t('dashboard.lastSale')}</th>
                </tr>
              </thead>
              <tbody>
                {day.data.stores.map((s) => (
                  <tr key={s.storeId} data-store={s.storeId}>
                    <th scope="row">
                      {s.storeCode} · {hi && s.nameHi ? s.nameHi : s.nameEn}
                    </th>
                    <td className="num">{format.money(s.netMinor)}</td>
                    <td className="num">{format.number(s.bills)}</td>
                    <td className="num">{format.money(s.averageBillMinor)}</td>
                    <td>{s.lastSaleAt ? format.dateTime(s.lastSaleAt) : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {can('devices:read') && <FleetPanel storeId={storeId} />}
    </section>
  );
}
