import { useTranslation } from 'react-i18next';

/**
 * The reason a person gives for ending a transfer or a PO (cancel, close short): required, and as
 * long as the server keeps (500 characters).
 */
export function ReasonField({
  id,
  value,
  onChange,
}: {
  id: string;
  value: string;
  onChange: (reason: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <label className="field" htmlFor={id}>
      <span>{t('workflow.reason')}</span>
      <input
        id={id}
        required
        maxLength={500}
        value={value}
        onChange={(e) => {
          onChange(e.target.value);
        }}
      />
    </label>
  );
}
