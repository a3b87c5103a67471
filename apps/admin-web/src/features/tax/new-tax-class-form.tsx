import { taxClassSchema } from '@kiryana/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type SyntheticEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../auth/auth-context';
import { prefixesOf } from './percent';
import { taxErrorText } from './tax-error';

/**
 * A new tax class (HQ): its id, description and HSN prefixes. It has no rate until its first
 * "change rate from a date", and products can use it from then on.
 */
export function NewTaxClassForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const queryClient = useQueryClient();
  const [id, setId] = useState('');
  const [description, setDescription] = useState('');
  const [prefixes, setPrefixes] = useState('');
  const create = useMutation({
    mutationFn: async () =>
      taxClassSchema.parse(
        await api.send('POST', '/v1/admin/tax-classes', {
          taxClassId: id.trim(),
          description,
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
    create.mutate();
  };
  return (
    <form className="form-grid" onSubmit={submit} aria-label={t('tax.newClass')}>
      <label className="field" htmlFor="new-class-id">
        <span>{t('tax.classId')}</span>
        <input
          id="new-class-id"
          required
          pattern="[a-z0-9][a-z0-9\-]{1,51}"
          aria-describedby="new-class-id-hint"
          value={id}
          onChange={(e) => {
            setId(e.target.value);
          }}
        />
      </label>
      <p id="new-class-id-hint" className="muted">
        {t('tax.classIdHint')}
      </p>
      <label className="field wide" htmlFor="new-class-description">
        <span>{t('tax.classDescription')}</span>
        <input
          id="new-class-description"
          required
          maxLength={200}
          value={description}
          onChange={(e) => {
            setDescription(e.target.value);
          }}
        />
      </label>
      <label className="field wide" htmlFor="new-class-prefixes">
        <span>{t('tax.hsnPrefixes')}</span>
        <textarea
          id="new-class-prefixes"
          value={prefixes}
          onChange={(e) => {
            setPrefixes(e.target.value);
          }}
        />
      </label>
      <p className="muted wide">{t('tax.hsnPrefixesHint')}</p>
      {create.error && (
        <p role="alert" className="error wide">
          {taxErrorText(t, create.error)}
        </p>
      )}
      <div className="actions wide">
        <button type="submit" className="primary" disabled={create.isPending}>
          {t('tax.createClass')}
        </button>
        <button type="button" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
