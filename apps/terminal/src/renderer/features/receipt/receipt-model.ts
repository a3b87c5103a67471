import { gstStateByCode, quantityKindOfLine, type Sale, type Store } from '@kiryana/shared';
import type { Stored } from '../../db/schemas';
import type { Formatters } from '../../i18n/use-format';

/**
 * A GST invoice (or credit note) laid out as data, from a stored sale and its store: the on-screen
 * receipt and the ESC/POS bytes are both drawn from this, so they never disagree. Amounts are
 * formatted, never computed: every figure comes from the sale document. This is the short form of
 * the document; the full one (Rule 46, with the HSN summary) is the A4 PDF of packages/invoice-pdf.
 * A B2B sale names its buyer and GSTIN and the place of supply; a composition store's bill of
 * supply carries its title and legend and no tax at all (Rule 49, Composition Rule 5(1)(g)).
 */

/** One item line of a receipt. */
type ReceiptItem = {
  readonly name: string;
  readonly hsn: string;
  readonly qty: string;
  readonly rate: string;
  readonly mrp: string;
  readonly amount: string;
  /** Null on a bill of supply, which charges no tax. */
  readonly gstRate: string | null;
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

/** The registered buyer of a B2B sale, with the label printed before the name. */
type ReceiptBuyer = { readonly label: string; readonly name: string; readonly gstin: string };

/** A receipt ready to draw. */
export type ReceiptModel = {
  readonly title: string;
  /** The composition legend of a bill of supply; else null. */
  readonly legend: string | null;
  /** Whether taxes are shown (false on a bill of supply and its credit notes). */
  readonly showsTax: boolean;
  /** The buyer of a B2B sale (one with a GSTIN); else null. */
  readonly buyer: ReceiptBuyer | null;
  /** "Tamil Nadu (33)" on a B2B or inter-state sale; else null (a walk-in buys at the store). */
  readonly placeOfSupply: ReceiptAmount | null;
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

function titleKeyOf(sale: Pick<Sale, 'kind' | 'invoiceKind'>): string {
  if (sale.kind === 'return') return 'receipt.creditNote';
  return sale.invoiceKind === 'bill-of-supply' ? 'receipt.billOfSupply' : 'receipt.taxInvoice';
}

/** "Tamil Nadu (33)": the state's name in the receipt's language and its code. */
function stateText(code: string, language: 'en' | 'hi'): string {
  const name = gstStateByCode(code)?.name[language];
  return name === undefined ? code : `${name} (${code})`;
}

/**
 * Lays out the receipt of a sale.
 * @example
 * receiptModelOf(sale, store, formattersFor('en', t), t, originalInvoiceNo, 'en');
 */
export function receiptModelOf(
  sale: Stored<Sale>,
  store: Stored<Store> | undefined,
  format: Formatters,
  t: (key: string, values?: Record<string, string>) => string,
  originalInvoiceNo: string | null = null,
  language: 'en' | 'hi' = 'en',
): ReceiptModel {
  const money = (amount: number) => format.money(amount, sale.currency);
  const { totals } = sale;
  // A version-1 sale is a tax invoice; a credit note's kind is its original's, copied onto it.
  const showsTax = sale.invoiceKind !== 'bill-of-supply';
  const rows: ReceiptAmount[] = [
    { label: t('receipt.mrpTotal'), amount: money(totals.mrpTotalMinor) },
  ];
  if (totals.discountMinor > 0)
    rows.push({ label: t('receipt.discount'), amount: money(-totals.discountMinor) });
  if (showsTax) {
    rows.push({ label: t('receipt.taxable'), amount: money(totals.taxableMinor) });
    if (totals.cgstMinor > 0) rows.push({ label: 'CGST', amount: money(totals.cgstMinor) });
    if (totals.sgstMinor > 0) rows.push({ label: 'SGST', amount: money(totals.sgstMinor) });
    if (totals.igstMinor > 0) rows.push({ label: 'IGST', amount: money(totals.igstMinor) });
    if (totals.cessMinor > 0)
      rows.push({ label: t('receipt.cess'), amount: money(totals.cessMinor) });
  }
  if (totals.roundOffMinor !== 0)
    rows.push({ label: t('receipt.roundOff'), amount: money(totals.roundOffMinor) });
  const buyer = sale.buyer ?? null;
  const storeState = store?.stateCode ?? null;
  const placeCode = sale.placeOfSupply ?? storeState;
  const named = (buyer !== null && buyer.gstin !== null) || sale.supplyType === 'inter';
  return {
    title: t(titleKeyOf(sale)),
    legend: showsTax ? null : t('receipt.compositionLegend'),
    showsTax,
    buyer:
      buyer !== null && buyer.gstin !== null
        ? { label: t('receipt.buyer'), name: buyer.name, gstin: buyer.gstin }
        : null,
    placeOfSupply:
      named && placeCode !== null
        ? { label: t('receipt.placeOfSupply'), amount: stateText(placeCode, language) }
        : null,
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
      gstRate: showsTax ? format.rate(line.gstRateBp) : null,
    })),
    taxRows: (showsTax ? sale.taxBreakdown : []).map((row) => ({
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
