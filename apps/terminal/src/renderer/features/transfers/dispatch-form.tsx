import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/use-format';
import type { LocalTransfer } from '../../db/local-transfer';
import { StepForm } from './step-form';
import { dispatchStep, openToDispatch, quantityInputOf } from './transfer-steps';
import { useStepSubmit } from './use-step-submit';
import { parseStepQuantity, useProductInfo, useStepContext } from './workflow-ui';

/** Sends an approved transfer's lines (all or part of what is still open) to the other store. */
export function DispatchForm(props: { transfer: LocalTransfer; onDone: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const info = useProductInfo();
  const stepContext = useStepContext();
  const { state } = props.transfer;
  const open = openToDispatch(state);
  const [qty, setQty] = useState<Record<string, string>>(() =>
    Object.fromEntries(
      open.map((l) => [l.productId, quantityInputOf(l.qtyBase, info(l.productId).unit)]),
    ),
  );
  const { message, saving, submit } = useStepSubmit(() => {
    const ctx = stepContext();
    const lines = open.map((l) => ({
      productId: l.productId,
      qtyBase: parseStepQuantity(qty[l.productId] ?? '', info(l.productId).unit),
    }));
    if (ctx === null || lines.some((l) => l.qtyBase === undefined)) return null;
    return dispatchStep(
      ctx,
      state,
      lines.map((l) => ({ productId: l.productId, qtyBase: l.qtyBase ?? 0 })),
    );
  }, props.onDone);
  return (
    <StepForm
      testId="transfer-dispatch-form"
      title={t('transfers.dispatchTitle')}
      message={message}
      saveTestId="dispatch-save"
      saveLabel={t('transfers.saveDispatch')}
      saveDisabled={saving}
      onSubmit={submit}
    >
      <table>
        <thead>
          <tr>
            <th>{t('billing.item')}</th>
            <th className="num">{t('transfers.approved')}</th>
            <th className="num">{t('transfers.dispatched')}</th>
            <th>{t('transfers.sendNow')}</th>
          </tr>
        </thead>
        <tbody>
          {open.map((l) => {
            const line = state.lines.find((x) => x.productId === l.productId);
            const { name, kind } = info(l.productId);
            return (
              <tr key={l.productId} data-testid="dispatch-line" data-product-id={l.productId}>
                <td>{name}</td>
                <td className="num">{format.qty(line?.approvedQtyBase ?? 0, kind)}</td>
                <td className="num">{format.qty(line?.dispatchedQtyBase ?? 0, kind)}</td>
                <td>
                  <input
                    data-testid={`dispatch-qty-${l.productId}`}
                    value={qty[l.productId] ?? ''}
                    onChange={(event) => {
                      setQty({ ...qty, [l.productId]: event.target.value });
                    }}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </StepForm>
  );
}
