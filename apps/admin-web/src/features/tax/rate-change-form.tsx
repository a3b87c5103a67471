import { parseMinorUnits, taxClassSchema } from '@kiryana/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type SyntheticEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/api-error';
import { useApi } from '../../auth/auth-context';
import { percentToBp } from './percent';
import { taxErrorText } from './tax-error';

type Body = {
  factId: string;
  rateBp: number;
  cessBp: number;
  cessSpecificMinor: number;
  cessSpecificPerQty: number;
  effectiveFrom: string;
  description: string;
  confirmFiledMonth?: { reason: string };
};

/**
 * "Change rate from a date" for one class. The server closes the row in force and opens the new
 * one. A date in a month whose GSTR-1 is filed comes back 409: the form then asks for the reason
 * and sends the same change again with it (the audit log keeps it). The fact id is made when the
 * form opens, so a retry after a lost answer applies once; a refusal applied nothing, so the next
 * try gets a new one.
 */
export function RateChangeForm({ taxClassId, onDone }: { taxClassId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const queryClient = useQueryClient();
  const [factId, setFactId] = useState(() => crypto.randomUUID());
  const [from, setFrom] = useState('');
  const [rate, setRate] = useState('');
  const [cess, setCess] = useState('0');
  const [specific, setSpecific] = useState('0');
  const [perQty, setPerQty] = useState('1');
  const [description, setDescription] = useState('');
  const [reason, setReason] = useState('');
  const [needsReason, setNeedsReason] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const change = useMutation({
    mutationFn: async (body: Body) =>
      taxClassSchema.parse(
        await api.send(
          'POST',
          `/v1/admin/tax-classes/${encodeURIComponent(taxClassId)}/rates`,
          body,
        ),
      ),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['tax-classes'] });
      onDone();
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status >= 400 && error.status < 500) {
        setFactId(crypto.randomUUID());
        if (error.code === 'RATE_CHANGE_IN_FILED_MONTH') setNeedsReason(true);
      }
    },
  });
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const rateBp = percentToBp(rate);
    const cessBp = percentToBp(cess, 50_000);
    const specificMinor = rupeesToMinor(specific === '' ? '0' : specific);
    const per = /^\d{1,7}$/.test(perQty) ? Number(perQty) : 0;
    if (
      rateBp === null ||
      cessBp === null ||
      specificMinor === null ||
      specificMinor < 0 ||
      per < 1
    ) {
      setProblem(t('tax.badNumbers'));
      return;
    }
    setProblem(null);
    change.mutate({
      factId,
      rateBp,
      cessBp,
      cessSpecificMinor: specificMinor,
      cessSpecificPerQty: per,
      effectiveFrom: from,
      description,
      ...(needsReason ? { confirmFiledMonth: { reason } } : {}),
    });
  };
  const id = (field: string) => `rate-${taxClassId}-${field}`;
  return (
    <form className="form-grid" onSubmit={submit} aria-label={t('tax.changeRate')}>
      <label className="field" htmlFor={id('from')}>
        <span>{t('tax.effectiveFrom')}</span>
        <input
          id={id('from')}
          type="date"
          required
          value={from}
          onChange={(e) => {
            setFrom(e.target.value);
          }}
        />
      </label>
      <label className="field" htmlFor={id('rate')}>
        <span>{t('tax.ratePercent')}</span>
        <input
          id={id('rate')}
          inputMode="decimal"
          required
          value={rate}
          onChange={(e) => {
            setRate(e.target.value);
          }}
        />
      </label>
      <label className="field" htmlFor={id('cess')}>
        <span>{t('tax.cessPercent')}</span>
        <input
          id={id('cess')}
          inputMode="decimal"
          value={cess}
          onChange={(e) => {
            setCess(e.target.value);
          }}
        />
      </label>
      <label className="field" htmlFor={id('specific')}>
        <span>{t('tax.specificCess')}</span>
        <input
          id={id('specific')}
          inputMode="decimal"
          value={specific}
          onChange={(e) => {
            setSpecific(e.target.value);
          }}
        />
      </label>
      <label className="field" htmlFor={id('per')}>
        <span>{t('tax.specificPerQty')}</span>
        <input
          id={id('per')}
          inputMode="numeric"
          value={perQty}
          onChange={(e) => {
            setPerQty(e.target.value);
          }}
        />
      </label>
      <label className="field wide" htmlFor={id('description')}>
        <span>{t('tax.rowDescription')}</span>
        <input
          id={id('description')}
          required
          maxLength={200}
          value={description}
          onChange={(e) => {
            setDescription(e.target.value);
          }}
        />
      </label>
      {needsReason && (
        <label className="field wide" htmlFor={id('reason')}>
          <span>{t('tax.reason')}</span>
          <textarea
            id={id('reason')}
            required
            minLength={5}
            maxLength={500}
            value={reason}
            onChange={(e) => {
              setReason(e.target.value);
            }}
          />
        </label>
      )}
      {(problem ?? change.error) && (
        <p role="alert" className="error wide">
          {problem ?? taxErrorText(t, change.error)}
        </p>
      )}
      <div className="actions wide">
        <button type="submit" className="primary" disabled={change.isPending}>
          {needsReason ? t('tax.applyWithReason') : t('tax.apply')}
        </button>
        <button type="button" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

/** Rupees as typed in paise, or null when it is not an amount. */
function rupeesToMinor(text: string): number | null {
  try {
    return parseMinorUnits(text);
  } catch {
    return null;
  }
}
