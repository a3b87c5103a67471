import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/api-error';

/** A loading line or an error from the server, in words, with its code for support. */
export function QueryStatus({ isPending, error }: { isPending: boolean; error: unknown }) {
  const { t } = useTranslation();
  if (error) {
    const code = error instanceof ApiError ? error.code : 'UNEXPECTED';
    const key =
      code === 'FORBIDDEN'
        ? 'errors.forbidden'
        : code === 'NETWORK'
          ? 'errors.network'
          : 'errors.generic';
    return (
      <p role="alert" className="error">
        {t(key)} <code>{code}</code>
      </p>
    );
  }
  if (isPending) return <p aria-busy="true">{t('common.loading')}</p>;
  return null;
}
