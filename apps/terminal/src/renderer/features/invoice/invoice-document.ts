import { renderInvoicePdf } from '@kiryana/invoice-pdf';
import {
  invoiceModelOf,
  type BaseUnit,
  type InvoiceModel,
  type Sale,
  type Store,
} from '@kiryana/shared';
import type { TerminalDatabase } from '../../db/database';
import { findSaleById } from '../../db/sales-queries';
import type { Stored } from '../../db/schemas';

/**
 * The A4 invoice of a stored sale (tax invoice, bill of supply or credit note), drawn by the same
 * shared model and PDF renderer as the sync server's `GET /v1/admin/sales/{id}/invoice.pdf`, so
 * the counter's copy and HQ's are the same document. Everything it prints comes from the sale,
 * its store and (for a credit note) the original bill; nothing is computed here.
 */

/** The base unit of each product of a sale (the invoice prints quantities with their UQC). */
async function unitsOf(
  db: TerminalDatabase,
  sale: Stored<Sale>,
): Promise<Record<string, BaseUnit>> {
  const ids = [...new Set(sale.lines.map((line) => line.productId))];
  const found = await db.products.findByIds(ids).exec();
  const units: Record<string, BaseUnit> = {};
  for (const [id, doc] of found) units[id] = doc.unit;
  // A product no longer replicated (removed from the catalogue) is counted in pieces.
  for (const id of ids) units[id] ??= 'piece';
  return units;
}

/**
 * The invoice model of a sale as this terminal knows it.
 * @example
 * const model = await invoiceModelOfSale(db, sale, store, 'en'); // model.title === 'TAX INVOICE'
 */
async function invoiceModelOfSale(
  db: TerminalDatabase,
  sale: Stored<Sale>,
  store: Stored<Store>,
  language: 'en' | 'hi',
): Promise<InvoiceModel> {
  const original =
    sale.originalSaleId === null ? null : await findSaleById(db, sale.originalSaleId);
  return invoiceModelOf({
    sale: { ...sale, _deleted: false },
    store: { ...store, _deleted: false },
    units: await unitsOf(db, sale),
    original: original === undefined || original === null ? null : { ...original, _deleted: false },
    language,
  });
}

/** A file name for the PDF of an invoice: its number with `/` made safe. */
export function invoiceFileName(invoiceNo: string): string {
  return `${invoiceNo.replace(/[^A-Za-z0-9-]/g, '-')}.pdf`;
}

/**
 * The PDF bytes of a sale's A4 invoice.
 * @example
 * const bytes = await invoicePdfOfSale(db, sale, store, 'en');
 */
export async function invoicePdfOfSale(
  db: TerminalDatabase,
  sale: Stored<Sale>,
  store: Stored<Store>,
  language: 'en' | 'hi',
): Promise<Uint8Array> {
  return renderInvoicePdf(await invoiceModelOfSale(db, sale, store, language));
}
