import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { supplierById, type StoreSupplier } from '../../db/party-queries';
import { useFormat } from '../../i18n/use-format';
import { useServices } from '../../services/terminal-services';

/**
 * The supplier of a PO as the counter checks an invoice against it: name, GSTIN (or that it is
 * unregistered) and payment terms, from the `parties` collection. Nothing while the supplier has
 * not replicated here (the PO's label still names it above).
 */
export function SupplierCard(props: { supplierId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { db } = useServices();
  const [supplier, setSupplier] = useState<StoreSupplier | undefined>(undefined);
  useEffect(() => {
    let cancelled = false;
    const subscription = db.parties.findOne(props.supplierId).$.subscribe((doc) => {
      if (!cancelled) setSupplier(doc === null ? undefined : (doc.toJSON() as StoreSupplier));
    });
    // The first answer without waiting for a change (a subscription may lag on a cold start).
    void supplierById(db, props.supplierId).then((found) => {
      if (!cancelled) setSupplier(found);
    });
    return () => {
      cancelled = true;
      subscription.unsubscribe();
    };
  }, [db, props.supplierId]);
  if (supplier === undefined) return null;
  return (
    <dl className="supplier-card" data-testid="gr-supplier" data-party-id={supplier.id}>
      <dt>{t('goodsReceipt.supplier')}</dt>
      <dd data-testid="gr-supplier-name">{supplier.name}</dd>
      <dt>{t('goodsReceipt.gstin')}</dt>
      <dd data-testid="gr-supplier-gstin">{supplier.gstin ?? t('goodsReceipt.unregistered')}</dd>
      <dt>{t('goodsReceipt.paymentTerms')}</dt>
      <dd data-testid="gr-supplier-terms" data-days={supplier.paymentTermsDays}>
        {t('goodsReceipt.paymentDays', {
          count: supplier.paymentTermsDays,
          days: format.number(supplier.paymentTermsDays),
        })}
      </dd>
      {!supplier.active && (
        <dd className="badge" data-testid="gr-supplier-retired">
          {t('goodsReceipt.supplierRetired')}
        </dd>
      )}
    </dl>
  );
}
