import { useInfiniteQuery } from '@tanstack/react-query';
import { useDeferredValue, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Product } from '../../api/types';
import { useApi } from '../../auth/auth-context';
import { productsQuery } from '../catalogue/catalogue.queries';
import { skuAndName } from './product-label';

/**
 * A product search over the catalogue (the catalogue screen's own query): type part of a name,
 * SKU or barcode, pick one of the first matches. Products already on the form are left out.
 */
export function ProductPicker({
  id,
  exclude,
  onPick,
}: {
  id: string;
  exclude: ReadonlySet<string>;
  onPick: (product: Product) => void;
}) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const [search, setSearch] = useState('');
  const deferred = useDeferredValue(search);
  const products = useInfiniteQuery({
    ...productsQuery(api, deferred),
    enabled: deferred.trim() !== '',
  });
  const matches = (products.data?.pages[0]?.products ?? [])
    .filter((p) => p.active && !exclude.has(p.id))
    .slice(0, 8);
  const hi = i18n.language === 'hi';
  return (
    <div className="product-picker">
      <label className="field" htmlFor={id}>
        <span>{t('workflow.addProduct')}</span>
        <input
          id={id}
          type="search"
          value={search}
          onChange={(e) => {
            setSearch(e.target.value);
          }}
        />
      </label>
      {deferred.trim() !== '' && (
        <ul className="history" aria-label={t('workflow.matches')}>
          {matches.map((p) => (
            <li key={p.id}>
              <button
                type="button"
                onClick={() => {
                  onPick(p);
                  setSearch('');
                }}
              >
                {skuAndName(p, hi)}
              </button>
            </li>
          ))}
          {products.isSuccess && matches.length === 0 && (
            <li className="muted">{t('workflow.noMatches')}</li>
          )}
        </ul>
      )}
    </div>
  );
}
