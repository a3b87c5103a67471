import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useApi, useCan } from '../../auth/auth-context';
import { useFormat } from '../../i18n/use-format';
import { QueryStatus } from '../../ui/query-status';
import { storesQuery } from '../stores/stores.queries';
import { productQuery } from './catalogue.queries';
import { PriceForm } from './price-form';

/** A product's fields and its prices at every level the actor may see. */
export function ProductDetails({ productId }: { productId: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const can = useCan();
  const format = useFormat();
  const queryClient = useQueryClient();
  const stores = useQuery({ ...storesQuery(api), enabled: can('stores:read') });
  const detail = useQuery(productQuery(api, productId));
  const remove = useMutation({
    mutationFn: (priceId: string) =>
      api.send('DELETE', `/v1/admin/prices/${encodeURIComponent(priceId)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['product', productId] }),
  });
  const storeRegion = (storeId: string | null) =>
    stores.data?.stores.find((s) => s.id === storeId)?.regionId ?? '';
  if (!detail.data) return <QueryStatus isPending={detail.isPending} error={detail.error} />;
  const { product, prices } = detail.data;
  return (
    <article className="panel" aria-labelledby="product-title">
      <h2 id="product-title">{product.nameEn}</h2>
      <p lang="hi">{product.nameHi}</p>
      <dl className="facts">
        <dt>{t('catalogue.sku')}</dt>
        <dd>{product.sku}</dd>
        <dt>{t('catalogue.barcodes')}</dt>
        <dd>{product.barcodes.join(', ') || '—'}</dd>
        <dt>{t('catalogue.hsn')}</dt>
        <dd>{product.hsn}</dd>
        <dt>{t('catalogue.taxClass')}</dt>
        <dd>{product.taxClassId}</dd>
        <dt>{t('catalogue.category')}</dt>
        <dd>{product.category}</dd>
        <dt>{t('catalogue.unit')}</dt>
        <dd>{t(`units.name.${product.unit}`)}</dd>
        <dt>{t('catalogue.mrp')}</dt>
        <dd>{format.money(product.mrpMinor)}</dd>
      </dl>
      {can('catalogue:write') && (
        <Link className="button" to={`/catalogue/${encodeURIComponent(product.id)}/edit`}>
          {t('catalogue.edit')}
        </Link>
      )}
      <h3>{t('prices.title')}</h3>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('prices.level')}</th>
            <th scope="col" className="num">
              {t('prices.price')}
            </th>
            <th scope="col">{t('prices.from')}</th>
            <td />
          </tr>
        </thead>
        <tbody>
          {prices.map((p) => (
            <tr key={p.id}>
              <th scope="row">
                {t(`prices.levels.${p.level}`)} {p.regionId ?? p.storeId ?? ''}
              </th>
              <td className="num">{format.money(p.priceMinor)}</td>
              <td>{format.date(p.effectiveFrom)}</td>
              <td>
                {p.level !== 'hq' &&
                  can(
                    'prices:write',
                    p.level === 'region'
                      ? { regionId: p.regionId ?? '' }
                      : { storeId: p.storeId ?? '', regionId: storeRegion(p.storeId) },
                  ) && (
                    <button
                      type="button"
                      onClick={() => {
                        remove.mutate(p.id);
                      }}
                    >
                      {t('prices.remove')}
                    </button>
                  )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <QueryStatus isPending={false} error={remove.error} />
      {can('prices:write') && <PriceForm product={product} />}
    </article>
  );
}
