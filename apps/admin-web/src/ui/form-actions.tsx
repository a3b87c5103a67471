import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

/** Where cancel goes: back to the list a screen came from, or a callback for a form inside a card. */
type Cancel = { cancelTo: string } | { onCancel: () => void };

/**
 * The buttons under an editing form: submit (off while the save is under way, so a double click
 * sends once) and cancel. `wide` spans the whole form grid (forms laid out in columns).
 */
export function FormActions({
  submitLabel,
  pending,
  wide = false,
  ...cancel
}: {
  submitLabel: string;
  pending: boolean;
  wide?: boolean;
} & Cancel) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <div className={wide ? 'actions wide' : 'actions'}>
      <button type="submit" className="primary" disabled={pending}>
        {submitLabel}
      </button>
      <button
        type="button"
        onClick={() => {
          if ('onCancel' in cancel) cancel.onCancel();
          else void navigate(cancel.cancelTo);
        }}
      >
        {t('common.cancel')}
      </button>
    </div>
  );
}
