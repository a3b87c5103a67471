import { gstStateByCode } from '@kiryana/shared';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useApi, useCan } from '../../auth/auth-context';
import { useFormat } from '../../i18n/use-format';
import { QueryStatus } from '../../ui/query-status';
import { suppliersQuery } from './suppliers.queries';

/** The supplier master in reach: who they are, their terms, how many stores and products. */
export function SuppliersScreen() {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const can = useCan();
  const format = useFormat();
  const suppliers = useInfiniteQuery(suppliersQuery(api));
  const rows = suppliers.data?.pages.flatMap((p) => p.suppliers) ?? [];
  const hi = i18n.language === 'hi';
  return (
    <section aria-labelledby="suppliers-title">
      <div className="screen-head">
        <h1 id="suppliers-title">{t('suppliers.title')}</h1>
        <div className="actions">
          {can('suppliers:write') && (
            <Link className="button primary" to="/suppliers/new">
              {t('suppliers.new')}
            </Link>
          )}
        </div>
      </div>
      <QueryStatus isPending={suppliers.isPending} error={suppliers.error} />
      <div className="table-wrap">
        <table aria-label={t('suppliers.title')} data-testid="suppliers">
          <thead>
            <tr>
              <th>{t('suppliers.name')}</th>
              <th>{t('suppliers.gstin')}</th>
              <th>{t('suppliers.state')}</th>
              <th className="num">{t('suppliers.paymentTermsDays')}</th>
              <th className="num">{t('suppliers.leadTimeDays')}</th>
              <th className="num">{t('suppliers.storeCount')}</th>
              <th className="num">{t('suppliers.productCount')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((s) => {
              const state = gstStateByCode(s.stateCode);
              return (
                <tr key={s.supplierId} data-supplier={s.supplierId}>
                  <td>
                    {can('suppliers:write') ? (
                      <Link to={`/suppliers/${encodeURIComponent(s.supplierId)}`}>{s.name}</Link>
                    ) : (
                      s.name
                    )}
                    {!s.active && <span className="tag">{t('suppliers.inactive')}</span>}
                  </td>
                  <td>{s.gstin ?? '—'}</td>
                  <td>{state ? (hi ? state.name.hi : state.name.en) : s.stateCode}</td>
                  <td className="num">{format.number(s.paymentTermsDays)}</td>
                  <td className="num">{format.number(s.leadTimeDays)}</td>
                  <td className="num">{format.number(s.storeIds.length)}</td>
                  <td className="num">{format.number(s.products.length)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {suppliers.hasNextPage && (
        <button
          type="button"
          onClick={() => {
            void suppliers.fetchNextPage();
          }}
          disabled={suppliers.isFetchingNextPage}
        >
          {t('common.loadMore')}
        </button>
      )}
    </section>
  );
}
