import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../auth/auth-context';
import { storesQuery } from '../stores/stores.queries';

/** A required select of one store in reach, under its own label (from, to, receiving store…). */
export function StorePicker({
  id,
  label,
  value,
  onChange,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (storeId: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const stores = useQuery(storesQuery(api));
  return (
    <label htmlFor={id} className="field">
      <span>{label}</span>
      <select
        id={id}
        value={value}
        required
        onChange={(event) => {
          onChange(event.target.value);
        }}
      >
        <option value="">{t('workflow.choose')}</option>
        {(stores.data?.stores ?? []).map((s) => (
          <option key={s.id} value={s.id}>
            {s.code} · {i18n.language === 'hi' && s.nameHi ? s.nameHi : s.nameEn}
          </option>
        ))}
      </select>
    </label>
  );
}
