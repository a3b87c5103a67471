import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/use-format';
import type { LocalTransfer } from '../../db/local-transfer';
import { StepForm } from './step-form';
import { pendingToReceive, quantityInputOf, receiveStep } from './transfer-steps';
import { useStepSubmit } from './use-step-submit';
import { parseStepQuantity, useProductInfo, useStepContext } from './workflow-ui';

type Count = { received: string; short: string; damaged: string };

/** Counts an arrived transfer: received, short and damaged per line, and a note. */
export function ReceiveForm(props: { transfer: LocalTransfer; onDone: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const info = useProductInfo();
  const stepContext = useStepContext();
  const { state } = props.transfer;
  const pending = pendingToReceive(state);
  const [counts, setCounts] = useState<Record<string, Count>>(() =>
    Object.fromEntries(
      pending.map((l) => [
        l.productId,
        { received: quantityInputOf(l.qtyBase, info(l.productId).unit), short: '', damaged: '' },
      ]),
    ),
  );
  const [note, setNote] = useState('');
  const setCount = (productId: string, field: keyof Count, value: string) => {
    const current = counts[productId] ?? { received: '', short: '', damaged: '' };
    setCounts({ ...counts, [productId]: { ...current, [field]: value } });
  };
  const { message, saving, submit } = useStepSubmit(() => {
    const ctx = stepContext();
    if (ctx === null) return null;
    const lines = [];
    for (const l of pending) {
      const unit = info(l.productId).unit;
      const count = counts[l.productId] ?? { received: '', short: '', damaged: '' };
      const received = parseStepQuantity(count.received, unit);
      const short = parseStepQuantity(count.short, unit);
      const damaged = parseStepQuantity(count.damaged, unit);
      if (received === undefined || short === undefined || damaged === undefined) return null;
      lines.push({
        productId: l.productId,
        receivedQtyBase: received,
        shortQtyBase: short,
        damagedQtyBase: damaged,
      });
    }
    return receiveStep(ctx, state, lines, note);
  }, props.onDone);
  const field = (productId: string, name: keyof Count) => (
    <input
      data-testid={`transfer-${name}-${productId}`}
      value={counts[productId]?.[name] ?? ''}
      onChange={(event) => {
        setCount(productId, name, event.target.value);
      }}
    />
  );
  return (
    <StepForm
      testId="transfer-receive-form"
      title={t('transfers.receiveTitle')}
      message={message}
      saveTestId="transfer-receive-save"
      saveLabel={t('transfers.saveReceive')}
      saveDisabled={saving}
      onSubmit={submit}
    >
      <table>
        <thead>
          <tr>
            <th>{t('billing.item')}</th>
            <th className="num">{t('transfers.onTheWay')}</th>
            <th>{t('transfers.received')}</th>
            <th>{t('transfers.short')}</th>
            <th>{t('transfers.damaged')}</th>
          </tr>
        </thead>
        <tbody>
          {pending.map((l) => {
            const { name, kind } = info(l.productId);
            return (
              <tr key={l.productId} data-testid="receive-count-line" data-product-id={l.productId}>
                <td>{name}</td>
                <td className="num">{format.qty(l.qtyBase, kind)}</td>
                <td>{field(l.productId, 'received')}</td>
                <td>{field(l.productId, 'short')}</td>
                <td>{field(l.productId, 'damaged')}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <label>
        {t('stock.note')}
        <input
          data-testid="transfer-receive-note"
          value={note}
          maxLength={500}
          onChange={(event) => {
            setNote(event.target.value);
          }}
        />
      </label>
    </StepForm>
  );
}
