import type { TFunction } from 'i18next';
import { ApiError } from '../../api/api-error';

/** Why a tax change was refused, in the screen's language (the server's words as a fallback). */
export function taxErrorText(t: TFunction, error: unknown): string {
  if (!(error instanceof ApiError)) return t('errors.generic');
  const details = (error.details ?? {}) as {
    laterEffectiveFrom?: string;
    allowedPrefixes?: string[];
    filings?: { gstin: string; period: string }[];
  };
  switch (error.code) {
    case 'RATE_CHANGE_IN_FILED_MONTH':
      return t('tax.filedMonth', {
        periods: [...new Set((details.filings ?? []).map((f) => f.period))].join(', '),
      });
    case 'CONFLICT':
      return details.laterEffectiveFrom
        ? t('tax.laterRow', { date: details.laterEffectiveFrom })
        : t('tax.conflict');
    case 'VALIDATION_FAILED':
      return t('tax.invalid', { message: error.message });
    case 'FORBIDDEN':
      return t('errors.forbidden');
    case 'NOT_FOUND':
      return t('tax.notFound');
    default:
      return `${t('errors.generic')} (${error.code})`;
  }
}
