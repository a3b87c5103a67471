import type { Permission, PurchaseOrderStatus } from '@kiryana/shared';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useApi } from '../../auth/auth-context';
import { useFormat } from '../../i18n/use-format';
import { saveBlob } from '../../ui/download';
import { QueryStatus } from '../../ui/query-status';
import { productLabel } from '../transfers/product-label';
import { StepError } from '../transfers/step-error';
import { useCanAtStores } from '../transfers/use-can-at-store';
import { ConfirmPoStep, EndPoStep, type PoStep } from './po-actions';
import { purchaseOrderExportPath, purchaseOrderQuery } from './purchasing.queries';

/** Which step each state allows, and the permission it needs (the server checks again). */
const STEPS: readonly {
  step: PoStep;
  key: string;
  from: readonly PurchaseOrderStatus[];
  permission: Permission;
}[] = [
  { step: 'approve', key: 'approve', from: ['draft'], permission: 'purchases:approve' },
  { step: 'send', key: 'send', from: ['approved'], permission: 'purchases:write' },
  {
    step: 'close-short',
    key: 'closeShort',
    from: ['partly_received'],
    permission: 'purchases:write',
  },
  {
    step: 'cancel',
    key: 'cancel',
    from: ['draft', 'approved', 'sent'],
    permission: 'purchases:write',
  },
];

/**
 * One purchase order: its lines in order units with what arrived against each (whole packs and
 * loose units, over and under), the supplier's invoices, the exports, and the steps its state and
 * the actor's permissions allow.
 */
export function PoDetailScreen() {
  const { poId = '' } = useParams();
  const { t, i18n } = useTranslation();
  const api = useApi();
  const format = useFormat();
  const canAt = useCanAtStores();
  const detail = useQuery(purchaseOrderQuery(api, poId));
  const [open, setOpen] = useState<PoStep>();
  const [downloadError, setDownloadError] = useState<unknown>();
  if (!detail.data) return <QueryStatus isPending={detail.isPending} error={detail.error} />;
  const d = detail.data;
  const po = d.purchaseOrder;
  const hi = i18n.language === 'hi';
  const variance = new Map(d.variance.map((v) => [v.productId, v]));
  const steps = STEPS.filter((s) => s.from.includes(d.status) && canAt(s.permission, [po.storeId]));
  const orderValue = po.lines.reduce(
    (sum, l) => sum + l.orderedQtyOrderUnits * l.costMinorPerOrderUnit,
    0,
  );
  const download = (kind: 'pdf' | 'csv') => {
    setDownloadError(undefined);
    api.download(purchaseOrderExportPath(po.poId, kind)).then(
      (blob) => {
        saveBlob(blob, `purchase-order-${d.storeCode}-${po.poId.slice(0, 8)}.${kind}`);
      },
      (error: unknown) => {
        setDownloadError(error);
      },
    );
  };
  const close = () => {
    setOpen(undefined);
  };
  return (
    <section aria-labelledby="po-detail-title">
      <div className="screen-head">
        <h1 id="po-detail-title">
          {t('purchasing.detailTitle', { supplier: d.supplierName, store: d.storeCode })}
        </h1>
        <span className="tag" data-testid="po-status">
          {t(`purchasing.state.${d.status}`)}
        </span>
      </div>
      <dl className="facts">
        <dt>{t('purchasing.createdAt')}</dt>
        <dd>{format.dateTime(po.created.at)}</dd>
        {po.approved && (
          <>
            <dt>{t('purchasing.approvedAt')}</dt>
            <dd>{format.dateTime(po.approved.at)}</dd>
          </>
        )}
        {po.sent && (
          <>
            <dt>{t('purchasing.sentAt')}</dt>
            <dd>{format.dateTime(po.sent.at)}</dd>
          </>
        )}
        {po.ended && (
          <>
            <dt>{t(`purchasing.state.${po.ended.outcome}`)}</dt>
            <dd>
              {format.dateTime(po.ended.at)} · {po.ended.reason}
            </dd>
          </>
        )}
        <dt>{t('purchasing.orderValue')}</dt>
        <dd data-testid="po-order-value">{format.money(orderValue)}</dd>
      </dl>
      <div className="table-wrap">
        <table aria-label={t('purchasing.lines')}>
          <thead>
            <tr>
              <th>{t('workflow.product')}</th>
              <th>{t('workflow.orderUnit')}</th>
              <th className="num">{t('purchasing.packs')}</th>
              <th className="num">{t('purchasing.costPerPack')}</th>
              <th className="num">{t('purchasing.orderedBase')}</th>
              <th className="num">{t('purchasing.receivedPacks')}</th>
              <th className="num">{t('purchasing.receivedBase')}</th>
              <th className="num">{t('purchasing.variance')}</th>
            </tr>
          </thead>
          <tbody>
            {po.lines.map((l) => {
              const v = variance.get(l.productId);
              return (
                <tr key={l.productId} data-product={l.productId}>
                  <td>{productLabel(d.products, l.productId, hi)}</td>
                  <td>
                    {l.orderUnitName} × {format.number(l.baseUnitsPerOrderUnit)}
                  </td>
                  <td className="num">{format.number(l.orderedQtyOrderUnits)}</td>
                  <td className="num">{format.money(l.costMinorPerOrderUnit)}</td>
                  <td className="num">{format.number(l.orderedQtyBase)}</td>
                  <td className="num">
                    {v
                      ? t('purchasing.packsAndLoose', {
                          packs: format.number(v.received.orderUnits),
                          loose: format.number(v.received.looseBase),
                        })
                      : '—'}
                  </td>
                  <td className="num">{format.number(l.receivedQtyBase)}</td>
                  <td className="num">
                    {v && v.overQtyBase > 0 && (
                      <span className="warn-text">
                        {t('purchasing.over', { qty: format.number(v.overQtyBase) })}
                      </span>
                    )}
                    {v && v.underQtyBase > 0 && (
                      <span>{t('purchasing.under', { qty: format.number(v.underQtyBase) })}</span>
                    )}
                    {v && v.overQtyBase === 0 && v.underQtyBase === 0 && (
                      <span className="ok-text">{t('purchasing.complete')}</span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <h2>{t('purchasing.receipts')}</h2>
      {po.receipts.length === 0 ? (
        <p className="muted">{t('purchasing.noReceipts')}</p>
      ) : (
        <table aria-label={t('purchasing.receipts')}>
          <thead>
            <tr>
              <th>{t('purchasing.invoiceNo')}</th>
              <th>{t('purchasing.invoiceDate')}</th>
              <th>{t('purchasing.receivedAt')}</th>
            </tr>
          </thead>
          <tbody>
            {po.receipts.map((r) => (
              <tr key={r.factId}>
                <td>{r.supplierInvoiceNo}</td>
                <td>{format.date(r.supplierInvoiceDate)}</td>
                <td>{format.dateTime(r.at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="actions">
        {steps.map((s) => (
          <button
            key={s.step}
            type="button"
            className={s.step === 'cancel' || s.step === 'close-short' ? 'danger' : 'primary'}
            aria-expanded={open === s.step}
            onClick={() => {
              setOpen(open === s.step ? undefined : s.step);
            }}
          >
            {t(`purchasing.action.${s.key}`)}
          </button>
        ))}
        <button
          type="button"
          onClick={() => {
            download('pdf');
          }}
        >
          {t('purchasing.downloadPdf')}
        </button>
        <button
          type="button"
          onClick={() => {
            download('csv');
          }}
        >
          {t('purchasing.downloadCsv')}
        </button>
        <Link className="button" to="/purchase-orders">
          {t('purchasing.back')}
        </Link>
      </div>
      <StepError error={downloadError} />
      {(open === 'approve' || open === 'send') && (
        <ConfirmPoStep key={open} detail={d} step={open} onDone={close} />
      )}
      {(open === 'close-short' || open === 'cancel') && (
        <EndPoStep key={open} detail={d} step={open} onDone={close} />
      )}
    </section>
  );
}
