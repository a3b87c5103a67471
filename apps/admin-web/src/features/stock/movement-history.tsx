import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { StockRow } from '../../api/types';
import { useApi } from '../../auth/auth-context';
import { useFormat } from '../../i18n/use-format';
import { QueryStatus } from '../../ui/query-status';
import { ProductAcrossStores } from './product-across-stores';
import { movementsQuery } from './stock.queries';

/** The movements of one product in one store, newest first: who, when, why. */
export function MovementHistory({ storeId, product }: { storeId: string; product: StockRow }) {
  const { t } = useTranslation();
  const api = useApi();
  const format = useFormat();
  const history = useQuery(movementsQuery(api, storeId, product.productId));
  return (
    <article className="panel" aria-labelledby="history-title">
      <h2 id="history-title">{t('stock.history', { product: product.nameEn })}</h2>
      <QueryStatus isPending={history.isPending} error={history.error} />
      <ol className="history">
        {(history.data?.movements ?? []).map((m) => (
          <li key={m.id}>
            <strong>{t(`stock.kind.${m.kind}`, { defaultValue: m.kind })}</strong>{' '}
            <span className="num">{format.qty(m.qtyDeltaBase, product)}</span>
            <div className="muted">
              {format.dateTime(m.createdAt)} ·{' '}
              {m.cashierName ?? m.cashierId ?? t('stock.unknownPerson')}
              {m.terminalId ? ` · ${m.terminalId}` : ''}
            </div>
            {(m.reason ?? m.note ?? m.supplier) && (
              <div>
                {[
                  m.reason ? t(`stock.reason.${m.reason}`, { defaultValue: m.reason }) : null,
                  m.note,
                  m.supplier,
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </div>
            )}
          </li>
        ))}
      </ol>
      <ProductAcrossStores product={product} />
    </article>
  );
}
