import { type PurchaseOrderSummary, purchaseOrderStatusSchema } from '@kiryana/shared';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useApi, useCan } from '../../auth/auth-context';
import { useFormat } from '../../i18n/use-format';
import { QueryStatus } from '../../ui/query-status';
import { VirtualTable } from '../../ui/virtual-table';
import { StoreSelect } from '../stores/store-select';
import { FromLowStockForm } from './from-low-stock-form';
import { type PurchaseOrderFilter, purchaseOrdersQuery } from './purchasing.queries';
import { SupplierSelect } from './supplier-select';

/** Purchase orders in reach by store, supplier and status; new ones from scratch or low stock. */
export function PurchaseOrdersScreen() {
  const { t } = useTranslation();
  const api = useApi();
  const can = useCan();
  const format = useFormat();
  const navigate = useNavigate();
  const [filter, setFilter] = useState<PurchaseOrderFilter>({
    storeId: '',
    supplierId: '',
    status: '',
  });
  const [lowStockOpen, setLowStockOpen] = useState(false);
  const orders = useInfiniteQuery(purchaseOrdersQuery(api, filter));
  const rows = orders.data?.pages.flatMap((p) => p.purchaseOrders) ?? [];
  return (
    <section aria-labelledby="po-title">
      <div className="screen-head">
        <h1 id="po-title">{t('purchasing.title')}</h1>
        <div className="actions">
          {can('purchases:write') && (
            <>
              <Link className="button primary" to="/purchase-orders/new">
                {t('purchasing.new')}
              </Link>
              <button
                type="button"
                aria-expanded={lowStockOpen}
                onClick={() => {
                  setLowStockOpen((o) => !o);
                }}
              >
                {t('purchasing.fromLowStock')}
              </button>
            </>
          )}
        </div>
      </div>
      {lowStockOpen && (
        <FromLowStockForm
          onClose={() => {
            setLowStockOpen(false);
          }}
        />
      )}
      <div className="filters">
        <StoreSelect
          id="po-store"
          value={filter.storeId}
          allLabel={t('common.allStores')}
          onChange={(storeId) => {
            setFilter((f) => ({ ...f, storeId }));
          }}
        />
        <SupplierSelect
          id="po-supplier"
          value={filter.supplierId}
          allLabel={t('purchasing.anySupplier')}
          onChange={(supplierId) => {
            setFilter((f) => ({ ...f, supplierId }));
          }}
        />
        <label className="field" htmlFor="po-status">
          <span>{t('purchasing.status')}</span>
          <select
            id="po-status"
            value={filter.status}
            onChange={(e) => {
              const parsed = purchaseOrderStatusSchema.safeParse(e.target.value);
              setFilter((f) => ({ ...f, status: parsed.success ? parsed.data : '' }));
            }}
          >
            <option value="">{t('purchasing.anyStatus')}</option>
            {purchaseOrderStatusSchema.options.map((s) => (
              <option key={s} value={s}>
                {t(`purchasing.state.${s}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <QueryStatus isPending={orders.isPending} error={orders.error} />
      <VirtualTable<PurchaseOrderSummary>
        label={t('purchasing.title')}
        rows={rows}
        rowKey={(r) => r.poId}
        onRowClick={(r) => {
          void navigate(`/purchase-orders/${encodeURIComponent(r.poId)}`);
        }}
        columns={[
          { key: 'store', header: t('common.store'), cell: (r) => r.storeCode, width: '6rem' },
          {
            key: 'supplier',
            header: t('purchasing.supplier'),
            cell: (r) => r.supplierName,
            width: '2fr',
          },
          {
            key: 'status',
            header: t('purchasing.status'),
            cell: (r) => <span className="tag">{t(`purchasing.state.${r.status}`)}</span>,
            width: '9rem',
          },
          {
            key: 'created',
            header: t('purchasing.createdAt'),
            cell: (r) => format.date(r.createdAt),
          },
          {
            key: 'lines',
            header: t('purchasing.lines'),
            cell: (r) => format.number(r.lineCount),
            numeric: true,
          },
          {
            key: 'value',
            header: t('purchasing.orderValue'),
            cell: (r) => format.money(r.orderValueMinor),
            numeric: true,
          },
          {
            key: 'received',
            header: t('purchasing.receivedValue'),
            cell: (r) => format.money(r.receivedValueMinor),
            numeric: true,
          },
        ]}
      />
      {orders.hasNextPage && (
        <button
          type="button"
          onClick={() => {
            void orders.fetchNextPage();
          }}
          disabled={orders.isFetchingNextPage}
        >
          {t('common.loadMore')}
        </button>
      )}
    </section>
  );
}
