import type { Sale } from '@kiryana/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Stored } from '../../db/schemas';
import { useServices } from '../../services/terminal-services';
import { useStore } from '../../services/use-terminal-data';
import { invoiceFileName, invoicePdfOfSale } from './invoice-document';

/**
 * "A4 invoice (PDF)" on a completed bill or credit note: renders the Rule 46 invoice (or bill of
 * supply, or credit note) and hands it to the platform to open and print (a download in a
 * browser), for a business buyer who needs more than the thermal slip.
 * Shown on the receipt dialog next to its print buttons.
 */
export function InvoicePdfButton(props: { sale: Stored<Sale> }) {
  const { t, i18n } = useTranslation();
  const services = useServices();
  const store = useStore();
  const [state, setState] = useState<'idle' | 'working' | 'saved' | 'failed'>('idle');
  const save = async () => {
    if (store === undefined) return;
    setState('working');
    try {
      const bytes = await invoicePdfOfSale(
        services.db,
        props.sale,
        store,
        i18n.language === 'hi' ? 'hi' : 'en',
      );
      const result = await services.platform.printer.openPdf(
        bytes,
        invoiceFileName(props.sale.invoiceNo),
      );
      if (!result.ok) console.error('[invoice] the PDF could not be opened', result.error);
      setState(result.ok ? 'saved' : 'failed');
    } catch (error) {
      console.error('[invoice] the PDF could not be made', error);
      setState('failed');
    }
  };
  return (
    <>
      <button
        type="button"
        data-testid="invoice-pdf"
        data-state={state}
        disabled={store === undefined || state === 'working'}
        onClick={() => void save()}
      >
        {t('invoice.pdf')}
      </button>
      {state === 'failed' && (
        <p className="error" role="alert">
          {t('invoice.failed')}
        </p>
      )}
    </>
  );
}
