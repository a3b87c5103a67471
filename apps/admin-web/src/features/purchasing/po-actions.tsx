import { type PurchaseOrderDetail, purchaseOrderDetailSchema } from '@kiryana/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../auth/auth-context';
import { ReasonField } from '../transfers/reason-field';
import { StepError } from '../transfers/step-error';
import { useFactId } from '../transfers/use-fact-id';

/** The manager steps of a PO the admin web takes (receipts are the store terminal's). */
export type PoStep = 'approve' | 'send' | 'close-short' | 'cancel';

/**
 * Posts one step of a PO with a fact id made when the component mounts: one intent, one id, so
 * a double click or a retry after a lost answer is applied once by the server.
 */
function usePoStep(poId: string, step: PoStep, onDone: () => void) {
  const api = useApi();
  const queryClient = useQueryClient();
  const { factId, afterError } = useFactId();
  return useMutation({
    mutationFn: async (body: Record<string, unknown>) =>
      purchaseOrderDetailSchema.parse(
        await api.send('POST', `/v1/admin/purchase-orders/${encodeURIComponent(poId)}/${step}`, {
          factId,
          ...body,
        }),
      ),
    onSuccess: async (detail) => {
      queryClient.setQueryData(['purchase-order', poId], detail);
      await queryClient.invalidateQueries({ queryKey: ['purchase-orders'] });
      onDone();
    },
    onError: async (error) => {
      afterError(error);
      // A refusal usually means the PO moved on (another manager, a receipt): show it.
      await queryClient.invalidateQueries({ queryKey: ['purchase-order', poId] });
    },
  });
}

/** Approve or send: a confirmation with nothing to type. */
export function ConfirmPoStep({
  detail,
  step,
  onDone,
}: {
  detail: PurchaseOrderDetail;
  step: 'approve' | 'send';
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const mutation = usePoStep(detail.purchaseOrder.poId, step, onDone);
  return (
    <form
      className="inline-form panel"
      aria-labelledby={`po-${step}-title`}
      onSubmit={(e) => {
        e.preventDefault();
        mutation.mutate({});
      }}
    >
      <h2 id={`po-${step}-title`}>{t(`purchasing.action.${step}`)}</h2>
      <p className="muted">{t(`purchasing.confirmHint.${step}`)}</p>
      <StepError error={mutation.error} />
      <div className="actions">
        <button type="submit" className="primary" disabled={mutation.isPending}>
          {t(`purchasing.confirm.${step}`)}
        </button>
      </div>
    </form>
  );
}

/** Close short or cancel: both end the PO and need a reason. */
export function EndPoStep({
  detail,
  step,
  onDone,
}: {
  detail: PurchaseOrderDetail;
  step: 'close-short' | 'cancel';
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const mutation = usePoStep(detail.purchaseOrder.poId, step, onDone);
  const [reason, setReason] = useState('');
  const key = step === 'close-short' ? 'closeShort' : 'cancel';
  return (
    <form
      className="inline-form panel"
      aria-labelledby={`po-${step}-title`}
      onSubmit={(e) => {
        e.preventDefault();
        mutation.mutate({ reason: reason.trim() });
      }}
    >
      <h2 id={`po-${step}-title`}>{t(`purchasing.action.${key}`)}</h2>
      <p className="muted">{t(`purchasing.confirmHint.${key}`)}</p>
      <ReasonField id={`po-${step}-reason`} value={reason} onChange={setReason} />
      <StepError error={mutation.error} />
      <div className="actions">
        <button
          type="submit"
          className="danger"
          disabled={mutation.isPending || reason.trim() === ''}
        >
          {t(`purchasing.confirm.${key}`)}
        </button>
      </div>
    </form>
  );
}
