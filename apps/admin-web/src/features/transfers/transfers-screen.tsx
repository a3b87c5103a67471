import { type TransferSummary, transferStatusSchema } from '@kiryana/shared';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useApi, useCan } from '../../auth/auth-context';
import { useFormat } from '../../i18n/use-format';
import { QueryStatus } from '../../ui/query-status';
import { VirtualTable } from '../../ui/virtual-table';
import { StoreSelect } from '../stores/store-select';
import { ageInDays } from './transfer-age';
import { type TransferFilter, transfersQuery } from './transfers.queries';

/**
 * The transfers board: every transfer in reach with its stores, status, age and what is on the
 * road. Store and status filter on the server; "older than" filters the loaded rows, since age is
 * a property of the moment you look.
 */
export function TransfersScreen() {
  const { t } = useTranslation();
  const api = useApi();
  const can = useCan();
  const format = useFormat();
  const navigate = useNavigate();
  const [filter, setFilter] = useState<TransferFilter>({ storeId: '', status: '' });
  const [minAgeDays, setMinAgeDays] = useState(0);
  const transfers = useInfiniteQuery(transfersQuery(api, filter));
  const [nowMs] = useState(() => Date.now());
  const rows = (transfers.data?.pages.flatMap((p) => p.transfers) ?? []).filter(
    (r) => ageInDays(r.requestedAt, nowMs) >= minAgeDays,
  );
  return (
    <section aria-labelledby="transfers-title">
      <div className="screen-head">
        <h1 id="transfers-title">{t('transfers.title')}</h1>
        <div className="actions">
          {can('transfers:create') && (
            <Link className="button primary" to="/transfers/new">
              {t('transfers.new')}
            </Link>
          )}
        </div>
      </div>
      <div className="filters">
        <StoreSelect
          id="transfers-store"
          value={filter.storeId}
          allLabel={t('common.allStores')}
          onChange={(storeId) => {
            setFilter((f) => ({ ...f, storeId }));
          }}
        />
        <label className="field" htmlFor="transfers-status">
          <span>{t('transfers.status')}</span>
          <select
            id="transfers-status"
            value={filter.status}
            onChange={(e) => {
              const parsed = transferStatusSchema.safeParse(e.target.value);
              setFilter((f) => ({ ...f, status: parsed.success ? parsed.data : '' }));
            }}
          >
            <option value="">{t('transfers.anyStatus')}</option>
            {transferStatusSchema.options.map((s) => (
              <option key={s} value={s}>
                {t(`transfers.state.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field" htmlFor="transfers-age">
          <span>{t('transfers.olderThan')}</span>
          <input
            id="transfers-age"
            type="number"
            min={0}
            value={minAgeDays}
            onChange={(e) => {
              setMinAgeDays(Math.max(0, Number.parseInt(e.target.value, 10) || 0));
            }}
          />
        </label>
      </div>
      <QueryStatus isPending={transfers.isPending} error={transfers.error} />
      <VirtualTable<TransferSummary>
        label={t('transfers.title')}
        rows={rows}
        rowKey={(r) => r.transferId}
        onRowClick={(r) => {
          void navigate(`/transfers/${encodeURIComponent(r.transferId)}`);
        }}
        columns={[
          {
            key: 'route',
            header: t('transfers.route'),
            cell: (r) => (
              <span data-testid="transfer-route">
                {r.fromStoreCode} → {r.toStoreCode}
              </span>
            ),
            width: '2fr',
          },
          {
            key: 'status',
            header: t('transfers.status'),
            cell: (r) => (
              <span className="tag" data-status={r.status}>
                {t(`transfers.state.${r.status}`)}
              </span>
            ),
            width: '9rem',
          },
          {
            key: 'age',
            header: t('transfers.ageDays'),
            cell: (r) => format.number(ageInDays(r.requestedAt, nowMs)),
            numeric: true,
          },
          {
            key: 'lines',
            header: t('transfers.lines'),
            cell: (r) => format.number(r.lineCount),
            numeric: true,
          },
          {
            key: 'transit',
            header: t('transfers.inTransit'),
            cell: (r) => format.number(r.inTransitQtyBase),
            numeric: true,
          },
        ]}
      />
      {transfers.hasNextPage && (
        <button
          type="button"
          onClick={() => {
            void transfers.fetchNextPage();
          }}
          disabled={transfers.isFetchingNextPage}
        >
          {t('common.loadMore')}
        </button>
      )}
    </section>
  );
}
