import {
  gstStateByCode,
  isB2cLarge,
  type InvoiceKind,
  type PlaceOfSupply,
  type SaleBuyer,
} from '@kiryana/shared';
import { useTranslation } from 'react-i18next';
import type { BillPreview } from './bill-preview';

/**
 * Who the bill is for and what it is, above the totals: the buyer (Shift+F8) with its GSTIN, the place of
 * supply and whether the supply is inter-state (IGST), the "B2C large" flag of an inter-state bill
 * to an unregistered buyer above the threshold, and "bill of supply" in a composition store.
 */
export function BuyerSummary(props: {
  buyer: SaleBuyer | null;
  place: PlaceOfSupply | null;
  invoiceKind: InvoiceKind;
  preview: BillPreview;
  onEdit: () => void;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'hi' ? 'hi' : 'en';
  const { buyer, place, preview } = props;
  const stateName = (code: string) => gstStateByCode(code)?.name[language] ?? code;
  const b2cLarge =
    place !== null &&
    preview.kind !== 'invalid' &&
    isB2cLarge({ supplyType: place.supplyType, buyer, totals: preview.bill.totals });
  return (
    <section className="buyer-summary" data-testid="buyer-summary">
      <div className="row">
        <strong data-testid="invoice-kind">
          {t(props.invoiceKind === 'bill-of-supply' ? 'buyer.billOfSupply' : 'buyer.taxInvoice')}
        </strong>
        <button type="button" className="link" data-testid="buyer-edit" onClick={props.onEdit}>
          {t(buyer === null ? 'buyer.add' : 'buyer.change')} (Shift+F8)
        </button>
      </div>
      {buyer !== null && (
        <div data-testid="buyer-current">
          <div data-testid="buyer-current-name">{buyer.name}</div>
          <div data-testid="buyer-current-gstin">
            {buyer.gstin === null ? t('buyer.unregisteredShort') : `GSTIN ${buyer.gstin}`}
          </div>
        </div>
      )}
      {place !== null && (
        <div
          className="row"
          data-testid="place-of-supply"
          data-state-code={place.stateCode}
          data-supply-type={place.supplyType}
        >
          <span>{t('buyer.placeOfSupply')}</span>
          <span>
            {stateName(place.stateCode)} ({place.stateCode}) ·{' '}
            {t(place.supplyType === 'inter' ? 'buyer.interState' : 'buyer.intraState')}
          </span>
        </div>
      )}
      {props.invoiceKind === 'bill-of-supply' && place?.supplyType === 'inter' && (
        <p className="error" role="alert" data-testid="composition-inter-state">
          {t('buyer.compositionInterState')}
        </p>
      )}
      {b2cLarge && (
        <p className="flag" data-testid="b2c-large">
          {t('buyer.b2cLarge')}
        </p>
      )}
    </section>
  );
}
