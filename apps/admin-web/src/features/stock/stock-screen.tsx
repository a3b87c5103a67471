import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useDeferredValue, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StockRow } from '../../api/types';
import { useApi } from '../../auth/auth-context';
import { useFormat } from '../../i18n/use-format';
import { QueryStatus } from '../../ui/query-status';
import { StoreSelect } from '../stores/store-select';
import { VirtualTable } from '../../ui/virtual-table';
import { storesQuery } from '../stores/stores.queries';
import { InTransitPanel } from '../transfers/in-transit-panel';
import { MovementHistory } from './movement-history';
import { storeStockQuery } from './stock.queries';

/** Stock on hand per store, the low-stock list, and each product's movement history. */
export function StockScreen() {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const format = useFormat();
  const stores = useQuery(storesQuery(api));
  const [chosenStore, setStoreId] = useState('');
  const storeId = chosenStore || stores.data?.stores[0]?.id || '';
  const [search, setSearch] = useState('');
  const [lowOnly, setLowOnly] = useState(false);
  const [product, setProduct] = useState<StockRow>();
  const stock = useInfiniteQuery(storeStockQuery(api, storeId, useDeferredValue(search), lowOnly));
  const levels = stock.data?.pages.flatMap((p) => p.levels) ?? [];
  const hi = i18n.language === 'hi';
  return (
    <section aria-labelledby="stock-title">
      <h1 id="stock-title">{t('stock.title')}</h1>
      <div className="filters">
        <StoreSelect
          id="stock-store"
          value={storeId}
          onChange={(id) => {
            setStoreId(id);
            setProduct(undefined);
          }}
        />
        <label className="field" htmlFor="stock-search">
          <span>{t('catalogue.search')}</span>
          <input
            id="stock-search"
            type="search"
            value={search}
            onChange={(e) => {
              setSearch(e.target.value);
            }}
          />
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={lowOnly}
            onChange={(e) => {
              setLowOnly(e.target.checked);
            }}
          />
          {t('stock.lowOnly')}
        </label>
      </div>
      <QueryStatus
        isPending={stock.isPending && storeId !== ''}
        error={stock.error ?? stores.error}
      />
      <div className="grid-2 wide-left">
        <VirtualTable<StockRow>
          label={t('stock.title')}
          rows={levels}
          rowKey={(r) => r.productId}
          onRowClick={setProduct}
          columns={[
            { key: 'sku', header: t('catalogue.sku'), cell: (r) => r.sku, width: '8rem' },
            {
              key: 'name',
              header: t('catalogue.name'),
              cell: (r) => (hi && r.nameHi ? r.nameHi : r.nameEn),
              width: '2fr',
            },
            {
              key: 'qty',
              header: t('stock.onHand'),
              cell: (r) => (
                <span className={r.isLow ? 'warn-text' : undefined}>
                  {format.qty(r.qtyBase, r)}
                  {r.isLow && <span className="tag">{t('stock.low')}</span>}
                </span>
              ),
              numeric: true,
            },
            {
              key: 'reorder',
              header: t('stock.reorderLevel'),
              cell: (r) => format.qty(r.reorderLevelBase, r),
              numeric: true,
            },
          ]}
        />
        {product && <MovementHistory storeId={storeId} product={product} />}
      </div>
      {stock.hasNextPage && (
        <button
          type="button"
          onClick={() => {
            void stock.fetchNextPage();
          }}
          disabled={stock.isFetchingNextPage}
        >
          {t('common.loadMore')}
        </button>
      )}
      <InTransitPanel
        storeId={storeId}
        productName={(id) => {
          const row = levels.find((r) => r.productId === id);
          return row ? `${row.sku} · ${hi && row.nameHi ? row.nameHi : row.nameEn}` : id;
        }}
      />
    </section>
  );
}
