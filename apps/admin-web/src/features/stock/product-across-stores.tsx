import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { StockRow } from '../../api/types';
import { useApi } from '../../auth/auth-context';
import { useFormat } from '../../i18n/use-format';
import { QueryStatus } from '../../ui/query-status';
import { productAcrossStoresQuery } from './stock.queries';

/** The same product's stock in every store in reach, to see where to transfer from. */
export function ProductAcrossStores({ product }: { product: StockRow }) {
  const { t } = useTranslation();
  const api = useApi();
  const format = useFormat();
  const levels = useQuery(productAcrossStoresQuery(api, product.productId));
  return (
    <section aria-labelledby="across-title">
      <h3 id="across-title">{t('stock.acrossStores')}</h3>
      <QueryStatus isPending={levels.isPending} error={levels.error} />
      <table>
        <tbody>
          {(levels.data?.stores ?? []).map((s) => (
            <tr key={s.storeId} className={s.isLow ? 'warn' : undefined}>
              <th scope="row">
                {s.storeCode} · {s.nameEn}
              </th>
              <td className="num">{format.qty(s.qtyBase, product)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
