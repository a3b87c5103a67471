import { lineOpenDiscrepancy } from '@kiryana/shared';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useApi } from '../../auth/auth-context';
import { useFormat } from '../../i18n/use-format';
import { QueryStatus } from '../../ui/query-status';
import { productLabel } from './product-label';
import { ApproveTransferForm, CancelTransferForm, ResolveTransferForm } from './transfer-actions';
import { transferQuery } from './transfers.queries';
import { useCanAtStores } from './use-can-at-store';

type Action = 'approve' | 'cancel' | 'resolve';

const QTY_COLUMNS = [
  'requestedQtyBase',
  'approvedQtyBase',
  'dispatchedQtyBase',
  'arrivedQtyBase',
  'shortQtyBase',
  'damagedQtyBase',
  'foundQtyBase',
  'writtenOffQtyBase',
] as const;

/**
 * One transfer: its lines through every step, what is on the road, and the manager's actions that
 * its state and the actor's permissions allow. Each action opens a form that owns its fact id.
 */
export function TransferDetailScreen() {
  const { transferId = '' } = useParams();
  const { t, i18n } = useTranslation();
  const api = useApi();
  const format = useFormat();
  const canAt = useCanAtStores();
  const detail = useQuery(transferQuery(api, transferId));
  const [open, setOpen] = useState<Action>();
  if (!detail.data) {
    return <QueryStatus isPending={detail.isPending} error={detail.error} />;
  }
  const d = detail.data;
  const tr = d.transfer;
  const stores = [tr.fromStoreId, tr.toStoreId];
  const hi = i18n.language === 'hi';
  const transit = new Map(d.inTransit.map((x) => [x.productId, x.qtyBase]));
  const actions: Action[] = [];
  if (d.status === 'requested' && canAt('transfers:approve', stores)) actions.push('approve');
  if (
    ['requested', 'approved', 'dispatching'].includes(d.status) &&
    // As the server rules: the stores' own managers (either end) or whoever may approve.
    (canAt('transfers:approve', stores) ||
      canAt('transfers:create', [tr.fromStoreId]) ||
      canAt('transfers:create', [tr.toStoreId]))
  )
    actions.push('cancel');
  if (
    tr.lines.some((l) => lineOpenDiscrepancy(l) > 0) &&
    canAt('transfers:resolve', [tr.toStoreId])
  )
    actions.push('resolve');
  const close = () => {
    setOpen(undefined);
  };
  return (
    <section aria-labelledby="transfer-title">
      <div className="screen-head">
        <h1 id="transfer-title">
          {t('transfers.detailTitle', { from: d.fromStoreCode, to: d.toStoreCode })}
        </h1>
        <span className="tag" data-testid="transfer-status">
          {t(`transfers.state.${d.status}`)}
        </span>
      </div>
      <dl className="facts">
        <dt>{t('transfers.requestedAt')}</dt>
        <dd>{format.dateTime(tr.requested.at)}</dd>
        {tr.approved && (
          <>
            <dt>{t('transfers.approvedAt')}</dt>
            <dd>{format.dateTime(tr.approved.at)}</dd>
          </>
        )}
        {tr.cancelled && (
          <>
            <dt>{t('transfers.cancelledAt')}</dt>
            <dd>
              {format.dateTime(tr.cancelled.at)} · {tr.cancelled.reason}
            </dd>
          </>
        )}
      </dl>
      <div className="table-wrap">
        <table aria-label={t('transfers.lines')}>
          <thead>
            <tr>
              <th>{t('workflow.product')}</th>
              {QTY_COLUMNS.map((c) => (
                <th key={c} className="num">
                  {t(`transfers.qty.${c}`)}
                </th>
              ))}
              <th className="num">{t('transfers.inTransit')}</th>
            </tr>
          </thead>
          <tbody>
            {tr.lines.map((l) => (
              <tr key={l.productId} data-product={l.productId}>
                <td>{productLabel(d.products, l.productId, hi)}</td>
                {QTY_COLUMNS.map((c) => (
                  <td key={c} className="num">
                    {format.number(l[c])}
                  </td>
                ))}
                <td className="num">{format.number(transit.get(l.productId) ?? 0)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="actions">
        {actions.map((a) => (
          <button
            key={a}
            type="button"
            className={a === 'cancel' ? 'danger' : 'primary'}
            aria-expanded={open === a}
            onClick={() => {
              setOpen(open === a ? undefined : a);
            }}
          >
            {t(`transfers.action.${a}`)}
          </button>
        ))}
        <Link className="button" to="/transfers">
          {t('transfers.back')}
        </Link>
      </div>
      {open === 'approve' && <ApproveTransferForm detail={d} onDone={close} />}
      {open === 'cancel' && <CancelTransferForm detail={d} onDone={close} />}
      {open === 'resolve' && <ResolveTransferForm detail={d} onDone={close} />}
    </section>
  );
}
