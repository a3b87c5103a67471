import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

/**
 * The buttons under an editing form: submit (off while the save is under way, so a double click
 * sends once) and cancel, which goes back to the list the form came from.
 */
export function FormActions({
  submitLabel,
  pending,
  cancelTo,
}: {
  submitLabel: string;
  pending: boolean;
  cancelTo: string;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <div className="actions">
      <button type="submit" className="primary" disabled={pending}>
        {submitLabel}
      </button>
      <button
        type="button"
        onClick={() => {
          void navigate(cancelTo);
        }}
      >
        {t('common.cancel')}
      </button>
    </div>
  );
}
