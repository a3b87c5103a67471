import { type SyntheticEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormActions } from '../../ui/form-actions';
import { TextField } from '../../ui/text-field';
import { ClassTextFields } from './class-text-fields';
import { prefixesOf } from './percent';
import { TaxFormError } from './tax-form-error';
import { useTaxClassMutation } from './use-tax-class-mutation';

/**
 * A new tax class (HQ): its id, description and HSN prefixes. It has no rate until its first
 * "change rate from a date", and products can use it from then on.
 */
export function NewTaxClassForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const [id, setId] = useState('');
  const [description, setDescription] = useState('');
  const [prefixes, setPrefixes] = useState('');
  const create = useTaxClassMutation({
    send: (api, body: { taxClassId: string; description: string; hsnPrefixes: string[] }) =>
      api.send('POST', '/v1/admin/tax-classes', body),
    onDone,
  });
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    create.mutate({ taxClassId: id.trim(), description, hsnPrefixes: prefixesOf(prefixes) });
  };
  return (
    <form className="form-grid" onSubmit={submit} aria-label={t('tax.newClass')}>
      <TextField
        id="new-class-id"
        label={t('tax.classId')}
        required
        pattern="[a-z0-9][a-z0-9\-]{1,51}"
        describedBy="new-class-id-hint"
        value={id}
        onChange={setId}
      />
      <p id="new-class-id-hint" className="muted">
        {t('tax.classIdHint')}
      </p>
      <ClassTextFields
        idPrefix="new-class"
        description={description}
        prefixes={prefixes}
        onDescription={setDescription}
        onPrefixes={setPrefixes}
      />
      <TaxFormError error={create.error} />
      <FormActions
        wide
        submitLabel={t('tax.createClass')}
        pending={create.isPending}
        onCancel={onDone}
      />
    </form>
  );
}
