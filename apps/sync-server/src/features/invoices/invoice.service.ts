import { type Actor, AppError, can, invoiceModelOf } from '@kiryana/shared';
import { renderInvoicePdf } from '@kiryana/invoice-pdf';
import type { Queryable } from '../../db/db';
import { forbidden } from '../../auth/assert-can';
import { saleById, saleOfStore, storeDocument, unitsOfProducts } from './invoice.queries';

/**
 * The A4 invoice of a stored sale: the tax invoice, bill of supply or credit note the terminal
 * would print for it, drawn by the same package from the same document, so a reprint from HQ
 * matches the customer's copy byte for byte.
 */
export async function invoicePdfOf(
  q: Queryable,
  actor: Actor,
  saleId: string,
  language: 'en' | 'hi',
): Promise<{ pdf: Uint8Array; fileName: string }> {
  const sale = await saleById(q, saleId);
  const store = sale ? await storeDocument(q, sale.storeId) : null;
  if (!sale || !store) throw new AppError('NOT_FOUND', 'No such sale.');
  if (!can(actor, 'sales:read', { storeId: store.id, regionId: store.regionId })) {
    throw forbidden('sales:read');
  }
  const original =
    sale.kind === 'return' && sale.originalSaleId !== null
      ? await saleOfStore(q, store.id, sale.originalSaleId)
      : null;
  const units = await unitsOfProducts(
    q,
    sale.lines.map((line) => line.productId),
  );
  const pdf = await renderInvoicePdf(invoiceModelOf({ sale, store, units, original, language }));
  // An invoice number may hold "/", which a file name cannot.
  return { pdf, fileName: `${sale.invoiceNo.replaceAll('/', '-')}.pdf` };
}
