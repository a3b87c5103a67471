import {
  type TransferDetail,
  lineOpenDiscrepancy,
  transferDetailSchema,
  transferWriteOffReasonSchema,
} from '@kiryana/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type SyntheticEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../auth/auth-context';
import { FormRefusal, StepError } from './step-error';
import { productLabel } from './product-label';
import { ReasonField } from './reason-field';
import { useFactId } from './use-fact-id';

type FormProps = { detail: TransferDetail; onDone: () => void };

/**
 * Posts one manager step of a transfer. The fact id is made when the form mounts (one intent), so
 * a double click or a retry after a lost answer sends the same id and the server applies it once.
 */
function useTransferStep(
  transferId: string,
  step: 'approve' | 'cancel' | 'resolve',
  onDone: () => void,
) {
  const api = useApi();
  const queryClient = useQueryClient();
  const { factId, afterError } = useFactId();
  const mutation = useMutation({
    mutationFn: async (body: Record<string, unknown>) =>
      transferDetailSchema.parse(
        await api.send('POST', `/v1/admin/transfers/${encodeURIComponent(transferId)}/${step}`, {
          factId,
          ...body,
        }),
      ),
    onSuccess: async (detail) => {
      queryClient.setQueryData(['transfer', transferId], detail);
      await queryClient.invalidateQueries({ queryKey: ['transfers'] });
      await queryClient.invalidateQueries({ queryKey: ['in-transit'] });
      onDone();
    },
    onError: async (error) => {
      afterError(error);
      // A refusal usually means the transfer moved on (another manager, a terminal): show it.
      await queryClient.invalidateQueries({ queryKey: ['transfer', transferId] });
    },
  });
  return mutation;
}

const toCount = (text: string): number | null => {
  const n = Number(text);
  return Number.isSafeInteger(n) && n >= 0 && text.trim() !== '' ? n : null;
};

/** Approves as requested, or with some lines cut (never above the request). */
export function ApproveTransferForm({ detail, onDone }: FormProps) {
  const { t, i18n } = useTranslation();
  const step = useTransferStep(detail.transfer.transferId, 'approve', onDone);
  const lines = detail.transfer.lines;
  const [qty, setQty] = useState(() => lines.map((l) => String(l.requestedQtyBase)));
  const [invalid, setInvalid] = useState(false);
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const counts = qty.map(toCount);
    if (counts.some((c, i) => c === null || c > (lines[i]?.requestedQtyBase ?? 0))) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    const cut = lines
      .map((l, i) => ({ productId: l.productId, qtyBase: counts[i] ?? 0 }))
      .filter((l, i) => l.qtyBase !== lines[i]?.requestedQtyBase);
    step.mutate({ lines: cut.length === 0 ? null : cut });
  };
  return (
    <form className="inline-form panel" onSubmit={submit} aria-labelledby="approve-title">
      <h2 id="approve-title">{t('transfers.action.approve')}</h2>
      <p className="muted">{t('transfers.approveHint')}</p>
      {lines.map((l, i) => {
        const label = productLabel(detail.products, l.productId, i18n.language === 'hi');
        return (
          <label key={l.productId} className="field" htmlFor={`approve-${l.productId}`}>
            <span>{t('transfers.approvedQtyOf', { product: label })}</span>
            <input
              id={`approve-${l.productId}`}
              inputMode="numeric"
              value={qty[i]}
              aria-invalid={invalid}
              onChange={(e) => {
                const value = e.target.value;
                setQty((q) => q.map((x, j) => (j === i ? value : x)));
              }}
            />
          </label>
        );
      })}
      <FormRefusal
        invalid={invalid ? t('transfers.approveInvalid') : undefined}
        error={step.error}
      />
      <div className="actions">
        <button type="submit" className="primary" disabled={step.isPending}>
          {t('transfers.confirmApprove')}
        </button>
      </div>
    </form>
  );
}

/** Cancels the transfer, or the part not yet dispatched, with a reason. */
export function CancelTransferForm({ detail, onDone }: FormProps) {
  const { t } = useTranslation();
  const step = useTransferStep(detail.transfer.transferId, 'cancel', onDone);
  const [reason, setReason] = useState('');
  return (
    <form
      className="inline-form panel"
      aria-labelledby="cancel-title"
      onSubmit={(event) => {
        event.preventDefault();
        step.mutate({ reason: reason.trim() });
      }}
    >
      <h2 id="cancel-title">{t('transfers.action.cancel')}</h2>
      {detail.status === 'dispatching' && <p className="muted">{t('transfers.cancelRemainder')}</p>}
      <ReasonField id="cancel-reason" value={reason} onChange={setReason} />
      <StepError error={step.error} />
      <div className="actions">
        <button type="submit" className="danger" disabled={step.isPending || reason.trim() === ''}>
          {t('transfers.confirmCancel')}
        </button>
      </div>
    </form>
  );
}

/** Resolves what was short or damaged: found (onto the destination's shelf) or written off. */
export function ResolveTransferForm({ detail, onDone }: FormProps) {
  const { t, i18n } = useTranslation();
  const step = useTransferStep(detail.transfer.transferId, 'resolve', onDone);
  const open = detail.transfer.lines.filter((l) => lineOpenDiscrepancy(l) > 0);
  const [found, setFound] = useState(() => open.map(() => '0'));
  const [writeOff, setWriteOff] = useState(() => open.map((l) => String(lineOpenDiscrepancy(l))));
  const [reason, setReason] =
    useState<(typeof transferWriteOffReasonSchema.options)[number]>('lost_in_transit');
  const [note, setNote] = useState('');
  const [invalid, setInvalid] = useState(false);
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const lines = open.map((l, i) => ({
      productId: l.productId,
      foundQtyBase: toCount(found[i] ?? ''),
      writeOffQtyBase: toCount(writeOff[i] ?? ''),
      open: lineOpenDiscrepancy(l),
    }));
    const bad = lines.some(
      (l) =>
        l.foundQtyBase === null ||
        l.writeOffQtyBase === null ||
        l.foundQtyBase + l.writeOffQtyBase > l.open,
    );
    const chosen = lines
      .filter((l) => (l.foundQtyBase ?? 0) + (l.writeOffQtyBase ?? 0) > 0)
      .map((l) => ({
        productId: l.productId,
        foundQtyBase: l.foundQtyBase ?? 0,
        writeOffQtyBase: l.writeOffQtyBase ?? 0,
      }));
    setInvalid(bad || chosen.length === 0);
    if (bad || chosen.length === 0) return;
    step.mutate({ lines: chosen, reason, note: note.trim() === '' ? null : note.trim() });
  };
  const hi = i18n.language === 'hi';
  return (
    <form className="inline-form panel" onSubmit={submit} aria-labelledby="resolve-title">
      <h2 id="resolve-title">{t('transfers.action.resolve')}</h2>
      {open.map((l, i) => {
        const label = productLabel(detail.products, l.productId, hi);
        return (
          <fieldset key={l.productId}>
            <legend>
              {t('transfers.openDiscrepancy', { product: label, qty: lineOpenDiscrepancy(l) })}
            </legend>
            <label className="field" htmlFor={`found-${l.productId}`}>
              <span>{t('transfers.found')}</span>
              <input
                id={`found-${l.productId}`}
                inputMode="numeric"
                value={found[i]}
                onChange={(e) => {
                  const value = e.target.value;
                  setFound((q) => q.map((x, j) => (j === i ? value : x)));
                }}
              />
            </label>
            <label className="field" htmlFor={`writeoff-${l.productId}`}>
              <span>{t('transfers.writeOff')}</span>
              <input
                id={`writeoff-${l.productId}`}
                inputMode="numeric"
                value={writeOff[i]}
                onChange={(e) => {
                  const value = e.target.value;
                  setWriteOff((q) => q.map((x, j) => (j === i ? value : x)));
                }}
              />
            </label>
          </fieldset>
        );
      })}
      <label className="field" htmlFor="resolve-reason">
        <span>{t('workflow.reason')}</span>
        <select
          id="resolve-reason"
          value={reason}
          onChange={(e) => {
            const parsed = transferWriteOffReasonSchema.safeParse(e.target.value);
            if (parsed.success) setReason(parsed.data);
          }}
        >
          {transferWriteOffReasonSchema.options.map((r) => (
            <option key={r} value={r}>
              {t(`transfers.writeOffReason.${r}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field" htmlFor="resolve-note">
        <span>{t('workflow.note')}</span>
        <input
          id="resolve-note"
          maxLength={500}
          value={note}
          onChange={(e) => {
            setNote(e.target.value);
          }}
        />
      </label>
      <FormRefusal
        invalid={invalid ? t('transfers.resolveInvalid') : undefined}
        error={step.error}
      />
      <div className="actions">
        <button type="submit" className="primary" disabled={step.isPending}>
          {t('transfers.confirmResolve')}
        </button>
      </div>
    </form>
  );
}
