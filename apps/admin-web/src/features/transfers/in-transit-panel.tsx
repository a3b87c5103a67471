import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useApi, useCan } from '../../auth/auth-context';
import { useFormat } from '../../i18n/use-format';
import { QueryStatus } from '../../ui/query-status';
import { storesQuery } from '../stores/stores.queries';
import { inTransitQuery } from './transfers.queries';

/**
 * Stock on the road to and from one store (dispatched, not yet on the destination's shelf nor
 * written off), per transfer and product; shown beside the store's stock on hand.
 */
export function InTransitPanel({
  storeId,
  productName,
}: {
  storeId: string;
  /** The name of a product of the stock list, when it is loaded; its id otherwise. */
  productName: (productId: string) => string;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const can = useCan();
  const format = useFormat();
  const seesTransfers = can('transfers:read');
  const transit = useQuery({
    ...inTransitQuery(api, storeId),
    enabled: seesTransfers && storeId !== '',
  });
  const stores = useQuery(storesQuery(api));
  if (!seesTransfers) return null;
  const code = (id: string) => stores.data?.stores.find((s) => s.id === id)?.code ?? id;
  const rows = transit.data?.rows ?? [];
  return (
    <section className="panel" aria-labelledby="in-transit-title" data-testid="in-transit">
      <h2 id="in-transit-title">{t('stock.inTransit')}</h2>
      <QueryStatus isPending={transit.isPending} error={transit.error} />
      {transit.isSuccess && rows.length === 0 && (
        <p className="muted">{t('stock.nothingInTransit')}</p>
      )}
      {rows.length > 0 && (
        <table>
          <thead>
            <tr>
              <th>{t('workflow.product')}</th>
              <th>{t('transfers.route')}</th>
              <th>{t('stock.direction')}</th>
              <th className="num">{t('transfers.inTransit')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.transferId}:${r.productId}`}>
                <td>{productName(r.productId)}</td>
                <td>
                  <Link to={`/transfers/${encodeURIComponent(r.transferId)}`}>
                    {code(r.fromStoreId)} → {code(r.toStoreId)}
                  </Link>
                </td>
                <td>{t(`stock.transitDirection.${r.direction}`)}</td>
                <td className="num">{format.number(Math.abs(r.qtyBase))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
