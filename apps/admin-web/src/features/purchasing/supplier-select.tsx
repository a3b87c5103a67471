import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../auth/auth-context';
import { suppliersQuery } from '../suppliers/suppliers.queries';

/** A select of the suppliers in reach (the first page: a chain keeps tens of them, not thousands). */
export function SupplierSelect({
  id,
  value,
  onChange,
  allLabel,
  required = false,
}: {
  id: string;
  value: string;
  onChange: (supplierId: string) => void;
  /** Adds an "any supplier" choice (filters). */
  allLabel?: string;
  required?: boolean;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const suppliers = useInfiniteQuery(suppliersQuery(api));
  return (
    <label htmlFor={id} className="field">
      <span>{t('purchasing.supplier')}</span>
      <select
        id={id}
        value={value}
        required={required}
        onChange={(e) => {
          onChange(e.target.value);
        }}
      >
        <option value="">{allLabel ?? t('workflow.choose')}</option>
        {(suppliers.data?.pages.flatMap((p) => p.suppliers) ?? []).map((s) => (
          <option key={s.supplierId} value={s.supplierId}>
            {s.name}
          </option>
        ))}
      </select>
    </label>
  );
}
