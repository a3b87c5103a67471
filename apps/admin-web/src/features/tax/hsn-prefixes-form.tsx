import { type SyntheticEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormActions } from '../../ui/form-actions';
import { ClassTextFields } from './class-text-fields';
import { prefixesOf } from './percent';
import { TaxFormError } from './tax-form-error';
import { useTaxClassMutation } from './use-tax-class-mutation';

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
  const [name, setName] = useState(description);
  const [prefixes, setPrefixes] = useState(hsnPrefixes.join(', '));
  const save = useTaxClassMutation({
    send: (api, body: { description: string; hsnPrefixes: string[] }) =>
      api.send('PUT', `/v1/admin/tax-classes/${encodeURIComponent(taxClassId)}`, body),
    onDone,
  });
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    save.mutate({ description: name, hsnPrefixes: prefixesOf(prefixes) });
  };
  return (
    <form className="form-grid" onSubmit={submit} aria-label={t('tax.editClass')}>
      <ClassTextFields
        idPrefix={`class-${taxClassId}`}
        description={name}
        prefixes={prefixes}
        onDescription={setName}
        onPrefixes={setPrefixes}
      />
      <TaxFormError error={save.error} />
      <FormActions wide submitLabel={t('common.save')} pending={save.isPending} onCancel={onDone} />
    </form>
  );
}
