import { useTranslation } from 'react-i18next';

type Scheme = { composition: boolean; einvoicing: boolean };

/**
 * A store's composition scheme and e-invoicing, as two check boxes. A composition store issues no
 * tax invoices, so it has none to e-invoice: ticking composition clears and locks e-invoicing
 * (the server refuses the pair too).
 */
export function GstSchemeChecks({
  id,
  value,
  onChange,
}: {
  id: (field: string) => string;
  value: Scheme;
  onChange: (next: Scheme) => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <label className="check" htmlFor={id('composition')}>
        <input
          id={id('composition')}
          type="checkbox"
          checked={value.composition}
          onChange={(e) => {
            onChange({
              composition: e.target.checked,
              einvoicing: e.target.checked ? false : value.einvoicing,
            });
          }}
        />
        <span>{t('stores.gst.compositionField')}</span>
      </label>
      <label className="check" htmlFor={id('einvoicing')}>
        <input
          id={id('einvoicing')}
          type="checkbox"
          checked={value.einvoicing}
          disabled={value.composition}
          onChange={(e) => {
            onChange({ composition: value.composition, einvoicing: e.target.checked });
          }}
        />
        <span>{t('stores.gst.einvoicingField')}</span>
      </label>
    </>
  );
}
