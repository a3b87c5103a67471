import { type RateChangeBody, parseMinorUnits } from '@kiryana/shared';
import { type SyntheticEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/api-error';
import { FormActions } from '../../ui/form-actions';
import { TextField } from '../../ui/text-field';
import { percentToBp } from './percent';
import { TaxFormError } from './tax-form-error';
import { useTaxClassMutation } from './use-tax-class-mutation';

/**
 * "Change rate from a date" for one class. The server closes the row in force and opens the new
 * one. A date in a month whose GSTR-1 is filed comes back 409: the form then asks for the reason
 * and sends the same change again with it (the audit log keeps it). The fact id is made when the
 * form opens, so a retry after a lost answer applies once; a refusal applied nothing, so the next
 * try gets a new one.
 */
export function RateChangeForm({ taxClassId, onDone }: { taxClassId: string; onDone: () => void }) {
  const { t } = useTranslation();
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
  const change = useTaxClassMutation({
    send: (api, body: RateChangeBody) =>
      api.send('POST', `/v1/admin/tax-classes/${encodeURIComponent(taxClassId)}/rates`, body),
    onDone,
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
      <TextField
        id={id('from')}
        label={t('tax.effectiveFrom')}
        type="date"
        required
        value={from}
        onChange={setFrom}
      />
      <TextField
        id={id('rate')}
        label={t('tax.ratePercent')}
        inputMode="decimal"
        required
        value={rate}
        onChange={setRate}
      />
      <TextField
        id={id('cess')}
        label={t('tax.cessPercent')}
        inputMode="decimal"
        value={cess}
        onChange={setCess}
      />
      <TextField
        id={id('specific')}
        label={t('tax.specificCess')}
        inputMode="decimal"
        value={specific}
        onChange={setSpecific}
      />
      <TextField
        id={id('per')}
        label={t('tax.specificPerQty')}
        inputMode="numeric"
        value={perQty}
        onChange={setPerQty}
      />
      <TextField
        id={id('description')}
        label={t('tax.rowDescription')}
        wide
        required
        maxLength={200}
        value={description}
        onChange={setDescription}
      />
      {needsReason && (
        <TextField
          id={id('reason')}
          label={t('tax.reason')}
          wide
          multiline
          required
          minLength={5}
          maxLength={500}
          value={reason}
          onChange={setReason}
        />
      )}
      <TaxFormError problem={problem} error={change.error} />
      <FormActions
        wide
        submitLabel={needsReason ? t('tax.applyWithReason') : t('tax.apply')}
        pending={change.isPending}
        onCancel={onDone}
      />
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
