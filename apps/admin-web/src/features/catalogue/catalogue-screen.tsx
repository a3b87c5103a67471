import { useInfiniteQuery } from '@tanstack/react-query';
import { useDeferredValue, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Product } from '../../api/types';
import { useApi, useCan } from '../../auth/auth-context';
import { useFormat } from '../../i18n/use-format';
import { saveBlob } from '../../ui/download';
import { QueryStatus } from '../../ui/query-status';
import { VirtualTable } from '../../ui/virtual-table';
import { productsQuery as catalogueQuery } from './catalogue.queries';
import { ProductDetails } from './product-details';

/** The catalogue: search, details with prices, and (HQ only) new, edit, import. */
export function CatalogueScreen() {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const can = useCan();
  const format = useFormat();
  const [search, setSearch] = useState('');
  const deferred = useDeferredValue(search);
  const products = useInfiniteQuery(catalogueQuery(api, deferred));
  const [selected, setSelected] = useState<string>();
  const rows = products.data?.pages.flatMap((p) => p.products) ?? [];
  const hi = i18n.language === 'hi';
  return (
    <section aria-labelledby="catalogue-title">
      <div className="screen-head">
        <h1 id="catalogue-title">{t('catalogue.title')}</h1>
        <div className="actions">
          {can('catalogue:write') && (
            <>
              <Link className="button primary" to="/catalogue/new">
                {t('catalogue.newProduct')}
              </Link>
              <Link className="button" to="/catalogue/import">
                {t('catalogue.import')}
              </Link>
            </>
          )}
          <button
            type="button"
            onClick={() => {
              void api.download('/v1/admin/products/export.csv').then((blob) => {
                saveBlob(blob, 'catalogue.csv');
              });
            }}
          >
            {t('common.exportCsv')}
          </button>
        </div>
      </div>
      <label className="field" htmlFor="catalogue-search">
        <span>{t('catalogue.search')}</span>
        <input
          id="catalogue-search"
          type="search"
          value={search}
          onChange={(event) => {
            setSearch(event.target.value);
          }}
        />
      </label>
      <QueryStatus isPending={products.isPending} error={products.error} />
      <div className="grid-2 wide-left">
        <div>
          <VirtualTable<Product>
            label={t('catalogue.title')}
            rows={rows}
            rowKey={(p) => p.id}
            onRowClick={(p) => {
              setSelected(p.id);
            }}
            columns={[
              { key: 'sku', header: t('catalogue.sku'), cell: (p) => p.sku, width: '8rem' },
              {
                key: 'name',
                header: t('catalogue.name'),
                cell: (p) => (hi && p.nameHi ? p.nameHi : p.nameEn),
                width: '2fr',
              },
              { key: 'hsn', header: t('catalogue.hsn'), cell: (p) => p.hsn, width: '6rem' },
              {
                key: 'mrp',
                header: t('catalogue.mrp'),
                cell: (p) => format.money(p.mrpMinor),
                numeric: true,
              },
            ]}
          />
          {products.hasNextPage && (
            <button
              type="button"
              onClick={() => {
                void products.fetchNextPage();
              }}
              disabled={products.isFetchingNextPage}
            >
              {t('common.loadMore')}
            </button>
          )}
        </div>
        {selected && <ProductDetails productId={selected} />}
      </div>
    </section>
  );
}
