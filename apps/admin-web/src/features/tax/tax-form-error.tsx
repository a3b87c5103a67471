import { useTranslation } from 'react-i18next';
import { taxErrorText } from './tax-error';

/**
 * Why a tax form did not save: the form's own check (`problem`) first, else the server's refusal
 * read from its error envelope. Nothing while there is neither.
 */
export function TaxFormError({ problem, error }: { problem?: string | null; error: Error | null }) {
  const { t } = useTranslation();
  if (!problem && !error) return null;
  return (
    <p role="alert" className="error wide">
      {problem ?? taxErrorText(t, error)}
    </p>
  );
}
