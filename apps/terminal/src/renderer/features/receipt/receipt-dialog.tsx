import type { Sale } from '@kiryana/shared';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../ui/dialog';
import { useServices } from '../../services/terminal-services';
import { useSettings, useStore } from '../../services/use-terminal-data';
import type { Stored } from '../../db/schemas';
import { formattersFor, useFormat } from '../../i18n/use-format';
import { InvoicePdfButton } from '../invoice/invoice-pdf-button';
import { encodeEscPos, receiptEscPos } from './escpos';
import { receiptModelOf } from './receipt-model';
import { ReceiptView } from './receipt-view';

/**
 * The receipt of a completed bill or return: shown on screen, printed through the system printer
 * (Enter or P), or sent as ESC/POS bytes to a thermal printer (T). Escape starts the next bill.
 */
export function ReceiptDialog(props: {
  sale: Stored<Sale>;
  originalInvoiceNo?: string | null;
  autoPrint: boolean;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const services = useServices();
  const settings = useSettings();
  const store = useStore();
  const [status, setStatus] = useState<string | null>(null);
  const model = useMemo(
    () =>
      receiptModelOf(
        props.sale,
        store,
        format,
        (key, values) => t(key, values ?? {}),
        props.originalInvoiceNo ?? null,
        i18n.language === 'hi' ? 'hi' : 'en',
      ),
    [props.sale, store, format, t, props.originalInvoiceNo, i18n.language],
  );
  const printPage = async () => {
    const result = await services.platform.printer.printPage();
    setStatus(result.ok ? t('receipt.printed') : t('receipt.printFailed', { error: result.error }));
  };
  const printThermal = async () => {
    // Thermal printers cannot print Devanagari: the paper receipt is always in English.
    const englishModel = receiptModelOf(
      props.sale,
      store,
      formattersFor('en', (key) => t(key, { lng: 'en' })),
      (key, values) => t(key, { ...values, lng: 'en' }),
      props.originalInvoiceNo ?? null,
    );
    const bytes = encodeEscPos(receiptEscPos(englishModel, settings.receiptWidthMm));
    const result = await services.platform.printer.printRaw(bytes);
    setStatus(result.ok ? t('receipt.printed') : t('receipt.printFailed', { error: result.error }));
  };
  // Auto-print prints once, when the receipt opens (the dialog is mounted anew for every sale).
  const autoPrinted = useRef(false);
  useEffect(() => {
    if (!props.autoPrint || autoPrinted.current) return;
    autoPrinted.current = true;
    void printPage();
  });
  return (
    // The receipt's own heading ("TAX INVOICE", printed on paper too) is the dialog's title; a
    // second one above it would say the same thing twice.
    <Dialog
      title={model.title}
      showTitle={false}
      testId="receipt-dialog"
      onCancel={props.onClose}
      onSubmit={() => void printPage()}
    >
      <ReceiptView
        model={model}
        labels={{
          item: t('billing.item'),
          qty: t('billing.qty'),
          rate: t('billing.rate'),
          amount: t('billing.amount'),
          taxable: t('receipt.taxable'),
          against: t('receipt.against'),
        }}
      />
      {status !== null && <p className="info">{status}</p>}
      <div className="actions no-print">
        <button type="submit" data-testid="print">
          {t('receipt.print')}
        </button>
        <button type="button" data-testid="print-thermal" onClick={() => void printThermal()}>
          {t('receipt.printThermal')}
        </button>
        <InvoicePdfButton sale={props.sale} />
        <button type="button" data-testid="next-bill" onClick={props.onClose}>
          {t('receipt.next')}
        </button>
      </div>
    </Dialog>
  );
}
