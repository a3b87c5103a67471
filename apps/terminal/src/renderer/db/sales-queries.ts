import type { Sale } from '@kiryana/shared';
import type { TerminalDatabase } from './database';
import type { Stored } from './schemas';

/** Reads of the sales collection used by the screens. */

type SaleDoc = Stored<Sale>;

/** A bill or credit note by its invoice number (indexed), made online or offline. */
export async function findSaleByInvoiceNo(
  db: TerminalDatabase,
  invoiceNo: string,
): Promise<SaleDoc | undefined> {
  const doc = await db.sales
    .findOne({ selector: { invoiceNo: invoiceNo.trim().toUpperCase() } })
    .exec();
  return doc?.toMutableJSON();
}

/** A sale by id. */
export async function findSaleById(db: TerminalDatabase, id: string): Promise<SaleDoc | undefined> {
  const doc = await db.sales.findOne(id).exec();
  return doc?.toMutableJSON();
}

/** The returns made against a sale. */
export async function returnsOf(db: TerminalDatabase, originalSaleId: string): Promise<SaleDoc[]> {
  const docs = await db.sales.find({ selector: { originalSaleId } }).exec();
  return docs.map((doc) => doc.toMutableJSON());
}

/** The most recent bills and credit notes, newest first (indexed on createdAt). */
export async function recentSales(db: TerminalDatabase, limit: number): Promise<SaleDoc[]> {
  const docs = await db.sales.find({ sort: [{ createdAt: 'desc' }], limit }).exec();
  return docs.map((doc) => doc.toMutableJSON());
}
