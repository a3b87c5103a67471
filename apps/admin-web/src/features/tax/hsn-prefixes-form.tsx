import { taxClassSchema } from '@kiryana/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type SyntheticEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../auth/auth-context';
import { prefixesOf } from './percent';
import { taxErrorText } from './tax-error';

/**
 * The HSN prefixes of a class (and its description): a product of the class must have an HSN
 * starting with one of them; none means any HSN. Existing products are not re-checked.
 */
export function HsnPrefixesForm({
  taxClassId,
  description,
  hsnPrefixes,
  onDone,
}: {
  taxClassId: string;
  description: string;
  hsnPrefixes: readonly string[];
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const queryClient = useQueryClient();
  const [name, setName] = useState(description);
  const [prefixes, setPrefixes] = useState(hsnPrefixes.join(', '));
  const save = useMutation({
    mutationFn: async () =>
      taxClassSchema.parse(
        await api.send('PUT', `/v1/admin/tax-classes/${encodeURIComponent(taxClassId)}`, {
          description: name,
          hsnPrefixes: prefixesOf(prefixes),
        }),
      ),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['tax-classes'] });
      onDone();
    },
  });
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    save.mutate();
  };
  const id = (field: string) => `class-${taxClassId}-${field}`;
  return (
    <form className="form-grid" onSubmit={submit} aria-label={t('tax.editClass')}>
      <label className="field wide" htmlFor={id('description')}>
        <span>{t('tax.classDescription')}</span>
        <input
          id={id('description')}
          required
          maxLength={200}
          value={name}
          onChange={(e) => {
            setName(e.target.value);
          }}
        />
      </label>
      <label className="field wide" htmlFor={id('prefixes')}>
        <span>{t('tax.hsnPrefixes')}</span>
        <textarea
          id={id('prefixes')}
          aria-describedby={id('prefixes-hint')}
          value={prefixes}
          onChange={(e) => {
            setPrefixes(e.target.value);
          }}
        />
      </label>
      <p id={id('prefixes-hint')} className="muted wide">
        {t('tax.hsnPrefixesHint')}
      </p>
      {save.error && (
        <p role="alert" className="error wide">
          {taxErrorText(t, save.error)}
        </p>
      )}
      <div className="actions wide">
        <button type="submit" className="primary" disabled={save.isPending}>
          {t('common.save')}
        </button>
        <button type="button" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
