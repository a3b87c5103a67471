import { GST_STATE_CODES } from '@kiryana/shared';
import { useTranslation } from 'react-i18next';

/**
 * A state or union territory by its GST state code (the GSTIN's first two digits), named in the
 * screen's language; empty until one is chosen.
 */
export function GstStateSelect({
  id,
  label,
  value,
  onChange,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (stateCode: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const hi = i18n.language === 'hi';
  return (
    <label className="field" htmlFor={id}>
      <span>{label}</span>
      <select
        id={id}
        required
        value={value}
        onChange={(e) => {
          onChange(e.target.value);
        }}
      >
        <option value="">{t('workflow.choose')}</option>
        {GST_STATE_CODES.map((s) => (
          <option key={s.code} value={s.code}>
            {s.code} · {hi ? s.name.hi : s.name.en}
          </option>
        ))}
      </select>
    </label>
  );
}
