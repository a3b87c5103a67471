import { useTranslation } from 'react-i18next';
import { TextField } from '../../ui/text-field';

/**
 * A tax class's description and HSN prefixes, as typed: the same two fields when a class is made
 * and when it is edited (`idPrefix` keeps each form's ids apart on a page with many classes).
 */
export function ClassTextFields({
  idPrefix,
  description,
  prefixes,
  onDescription,
  onPrefixes,
}: {
  idPrefix: string;
  description: string;
  prefixes: string;
  onDescription: (value: string) => void;
  onPrefixes: (value: string) => void;
}) {
  const { t } = useTranslation();
  const hint = `${idPrefix}-prefixes-hint`;
  return (
    <>
      <TextField
        id={`${idPrefix}-description`}
        label={t('tax.classDescription')}
        wide
        required
        maxLength={200}
        value={description}
        onChange={onDescription}
      />
      <TextField
        id={`${idPrefix}-prefixes`}
        label={t('tax.hsnPrefixes')}
        wide
        multiline
        describedBy={hint}
        value={prefixes}
        onChange={onPrefixes}
      />
      <p id={hint} className="muted wide">
        {t('tax.hsnPrefixesHint')}
      </p>
    </>
  );
}
