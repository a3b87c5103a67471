import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../auth/auth-context';
import { storesQuery } from './stores.queries';

/** A labelled select of the stores in the actor's reach; `allLabel` adds an "all stores" choice. */
export function StoreSelect({
  id,
  value,
  onChange,
  allLabel,
}: {
  id: string;
  value: string;
  onChange: (storeId: string) => void;
  allLabel?: string;
}) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const stores = useQuery(storesQuery(api));
  return (
    <label htmlFor={id} className="field">
      <span>{t('common.store')}</span>
      <select
        id={id}
        value={value}
        onChange={(event) => {
          onChange(event.target.value);
        }}
      >
        {allLabel !== undefined && <option value="">{allLabel}</option>}
        {(stores.data?.stores ?? []).map((s) => (
          <option key={s.id} value={s.id}>
            {s.code} · {i18n.language === 'hi' && s.nameHi ? s.nameHi : s.nameEn}
          </option>
        ))}
      </select>
    </label>
  );
}
