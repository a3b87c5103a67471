import { quantityKindOfLine, type Sale, type Store } from '@kiryana/shared';
import type { Stored } from '../../db/schemas';
import type { Formatters } from '../../i18n/use-format';

/**
 * A GST invoice (or credit note) laid out as data, from a stored sale and its store: the on-screen
 * receipt and the ESC/POS bytes are both drawn from this, so they never disagree. Amounts are
 * formatted, never computed: every figure comes from the sale document.
 */

/** One item line of a receipt. */
type ReceiptItem = {
  readonly name: string;
  readonly hsn: string;
  readonly qty: string;
  readonly rate: string;
  readonly mrp: string;
  readonly amount: string;
  readonly gstRate: string;
};

/** One row of the tax table. */
type ReceiptTaxRow = {
  readonly rate: string;
  readonly taxable: string;
  readonly cgst: string;
  readonly sgst: string;
  readonly igst: string;
  readonly cess: string;
};

/** A labelled amount. */
type ReceiptAmount = { readonly label: string; readonly amount: string };

/** A receipt ready to draw. */
export type ReceiptModel = {
  readonly title: string;
  readonly storeName: string;
  readonly address: string;
  readonly gstin: string | null;
  readonly invoiceNo: string;
  readonly originalInvoiceNo: string | null;
  readonly dateTime: string;
  readonly items: readonly ReceiptItem[];
  readonly taxRows: readonly ReceiptTaxRow[];
  readonly hasIgst: boolean;
  readonly totals: readonly ReceiptAmount[];
  readonly grandTotal: ReceiptAmount;
  readonly savings: string | null;
  readonly payments: readonly ReceiptAmount[];
  readonly footer: string;
};

/**
 * Lays out the receipt of a sale.
 * @example
 * receiptModelOf(sale, store, formattersFor('en', t), t, originalInvoiceNo);
 */
export function receiptModelOf(
  sale: Stored<Sale>,
  store: Stored<Store> | undefined,
  format: Formatters,
  t: (key: string, values?: Record<string, string>) => string,
  originalInvoiceNo: string | null = null,
): ReceiptModel {
  const money = (amount: number) => format.money(amount, sale.currency);
  const { totals } = sale;
  const rows: ReceiptAmount[] = [
    { label: t('receipt.mrpTotal'), amount: money(totals.mrpTotalMinor) },
  ];
  if (totals.discountMinor > 0)
    rows.push({ label: t('receipt.discount'), amount: money(-totals.discountMinor) });
  rows.push({ label: t('receipt.taxable'), amount: money(totals.taxableMinor) });
  if (totals.cgstMinor > 0) rows.push({ label: 'CGST', amount: money(totals.cgstMinor) });
  if (totals.sgstMinor > 0) rows.push({ label: 'SGST', amount: money(totals.sgstMinor) });
  if (totals.igstMinor > 0) rows.push({ label: 'IGST', amount: money(totals.igstMinor) });
  if (totals.cessMinor > 0)
    rows.push({ label: t('receipt.cess'), amount: money(totals.cessMinor) });
  if (totals.roundOffMinor !== 0)
    rows.push({ label: t('receipt.roundOff'), amount: money(totals.roundOffMinor) });
  return {
    title: t(sale.kind === 'sale' ? 'receipt.taxInvoice' : 'receipt.creditNote'),
    storeName: store?.nameEn ?? '',
    address: store?.address ?? '',
    gstin: store?.gstin ?? null,
    invoiceNo: sale.invoiceNo,
    originalInvoiceNo,
    dateTime: format.dateTime(sale.createdAt),
    items: sale.lines.map((line) => ({
      name: line.name,
      hsn: line.hsn,
      qty: format.qty(line.qtyBase, quantityKindOfLine(line)),
      rate: `${money(line.unitPriceMinor)}${line.priceBasisQty > 1 ? t('units.perKg') : ''}`,
      mrp: money(line.mrpMinor),
      amount: money(line.netMinor),
      gstRate: format.rate(line.gstRateBp),
    })),
    taxRows: sale.taxBreakdown.map((row) => ({
      rate: format.rate(row.gstRateBp),
      taxable: money(row.taxableMinor),
      cgst: money(row.cgstMinor),
      sgst: money(row.sgstMinor),
      igst: money(row.igstMinor),
      cess: money(row.cessMinor),
    })),
    hasIgst: totals.igstMinor > 0,
    totals: rows,
    grandTotal: {
      label: t(sale.kind === 'sale' ? 'receipt.total' : 'receipt.refundTotal'),
      amount: money(totals.totalMinor),
    },
    savings:
      totals.savingsMinor > 0 ? t('receipt.savings', { amount: money(totals.savingsMinor) }) : null,
    payments: sale.payments.flatMap((payment) => {
      const method = t(`payment.method.${payment.method}`);
      const label = payment.reference === null ? method : `${method} ${payment.reference}`;
      const lines: ReceiptAmount[] = [{ label, amount: money(payment.amountMinor) }];
      if (
        payment.method === 'cash' &&
        payment.tenderedMinor !== null &&
        (payment.changeMinor ?? 0) > 0
      ) {
        lines.push({ label: t('receipt.tendered'), amount: money(payment.tenderedMinor) });
        lines.push({ label: t('receipt.change'), amount: money(payment.changeMinor ?? 0) });
      }
      return lines;
    }),
    footer: t('receipt.footer'),
  };
}
