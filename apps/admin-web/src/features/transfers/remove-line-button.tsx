import { useTranslation } from 'react-i18next';

/** The last cell's button of a line on a transfer, PO or supplier form: takes the line off. */
export function RemoveLineButton({ onRemove }: { onRemove: () => void }) {
  const { t } = useTranslation();
  return (
    <button type="button" onClick={onRemove}>
      {t('workflow.remove')}
    </button>
  );
}
