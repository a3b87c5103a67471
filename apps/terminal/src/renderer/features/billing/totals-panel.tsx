import type { InvoiceKind } from '@kiryana/shared';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/use-format';
import type { BillPreview } from './bill-preview';
import type { CartState } from './cart';

/**
 * Totals, GST breakdown, savings against MRP, payments and what is still due. A bill of supply
 * (composition store) shows no tax at all, and the legend the Composition Rules require instead.
 */
export function TotalsPanel(props: {
  cart: CartState;
  preview: BillPreview;
  invoiceKind?: InvoiceKind;
  onRemovePayment: (index: number) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const { preview } = props;
  if (preview.kind === 'invalid') {
    return (
      <aside className="totals" data-testid="totals">
        <div className="grand">
          <span>{t('billing.total')}</span>
          <strong data-testid="total">{format.money(0)}</strong>
        </div>
        {props.cart.lines.length > 0 &&
          preview.errors.map((error) => (
            <p className="error" key={error.code}>
              {t(`billError.${error.code}`)}
            </p>
          ))}
      </aside>
    );
  }
  const { totals, taxBreakdown } = preview.bill;
  const billOfSupply = props.invoiceKind === 'bill-of-supply';
  const row = (label: string, amount: number, testId?: string) => (
    <div className="row">
      <span>{label}</span>
      <span data-testid={testId}>{format.money(amount)}</span>
    </div>
  );
  return (
    <aside className="totals" data-testid="totals">
      {row(t('billing.mrpTotal'), totals.mrpTotalMinor)}
      {totals.discountMinor > 0 && row(t('billing.discount'), -totals.discountMinor, 'discount')}
      {!billOfSupply && row(t('billing.taxable'), totals.taxableMinor)}
      {billOfSupply && (
        <p className="legend" data-testid="composition-legend">
          {t('billing.compositionLegend')}
        </p>
      )}
      {taxBreakdown.flatMap((tax) => {
        const rate = format.rate(tax.gstRateBp);
        const heads = [
          ['cgst', tax.cgstMinor],
          ['sgst', tax.sgstMinor],
          ['igst', tax.igstMinor],
          ['cess', tax.cessMinor],
        ] as const;
        return heads
          .filter(([, amount]) => amount !== 0 && !billOfSupply)
          .map(([head, amount]) => (
            <div
              className="row tax"
              key={`${tax.gstRateBp}/${tax.cessRateBp}/${head}`}
              data-testid={`tax-${head}`}
            >
              <span>{t(`billing.taxHead.${head}`, { rate })}</span>
              <span>{format.money(amount)}</span>
            </div>
          ));
      })}
      {totals.roundOffMinor !== 0 && row(t('billing.roundOff'), totals.roundOffMinor)}
      <div className="grand">
        <span>{t('billing.total')}</span>
        <strong data-testid="total">{format.money(totals.totalMinor)}</strong>
      </div>
      {totals.savingsMinor > 0 && (
        <div className="savings" data-testid="savings">
          {t('billing.savings', { amount: format.money(totals.savingsMinor) })}
        </div>
      )}
      {props.cart.payments.length > 0 && (
        <ul className="payments" data-testid="payments">
          {props.cart.payments.map((payment, index) => (
            <li key={index}>
              <span>
                {t(`payment.method.${payment.method}`)}
                {payment.reference ? ` · ${payment.reference}` : ''}
              </span>
              <span>{format.money(payment.amountMinor)}</span>
              <button
                type="button"
                className="link"
                onClick={() => {
                  props.onRemovePayment(index);
                }}
              >
                ✕
              </button>
            </li>
          ))}
        </ul>
      )}
      {preview.kind === 'due' && preview.dueMinor !== 0 && (
        <div className="due" data-testid="due">
          <span>{t(preview.dueMinor > 0 ? 'billing.due' : 'billing.overpaid')}</span>
          <strong>{format.money(Math.abs(preview.dueMinor))}</strong>
        </div>
      )}
      {preview.kind === 'ready' && preview.bill.settlement.changeMinor > 0 && (
        <div className="change" data-testid="change">
          <span>{t('billing.change')}</span>
          <strong>{format.money(preview.bill.settlement.changeMinor)}</strong>
        </div>
      )}
    </aside>
  );
}
