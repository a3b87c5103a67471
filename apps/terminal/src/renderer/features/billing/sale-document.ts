import {
  saleSchema,
  type Bill,
  type InvoiceKind,
  type Sale,
  type SaleBuyer,
  SALE_SCHEMA_VERSION,
} from '@kiryana/shared';
import type { Stored } from '../../db/schemas';

/** What a sale document carries besides the computed bill. */
export type SaleMeta = {
  readonly id: string;
  readonly kind: 'sale' | 'return';
  readonly storeId: string;
  readonly terminalId: string;
  readonly invoiceNo: string;
  readonly originalSaleId: string | null;
  readonly customerId: string | null;
  /** The cashier signed in at the counter (PIN), null for documents made without one. */
  readonly cashierId?: string | null;
  /** ISO-8601 instant of completion, from the injected clock. */
  readonly createdAt: string;
  /** The store's calendar date of `createdAt` (GST rates and reports go by it). */
  readonly businessDate: string;
  /** Line numbers to use instead of 1…n: a return keeps the numbers of the original's lines. */
  readonly lineNos?: readonly number[];
  /** The buyer of a B2B (or addressed B2C) sale; a return copies the original's. */
  readonly buyer?: SaleBuyer | null;
  /** The place of supply's state code; absent only while the store's state is unknown. */
  readonly placeOfSupply?: string;
  /** Tax invoice or bill of supply; a return copies the original's (absent: a tax invoice). */
  readonly invoiceKind?: InvoiceKind;
};

/**
 * The sale (or return) document of a computed bill, checked against the shared schema before it
 * is stored: a document the server would refuse must never enter the push queue.
 * @example
 * const sale = saleDocumentOf(bill, { id, kind: 'sale', storeId, terminalId, invoiceNo, … });
 */
export function saleDocumentOf(bill: Bill, meta: SaleMeta): Stored<Sale> {
  const document: Sale = {
    id: meta.id,
    schemaVersion: SALE_SCHEMA_VERSION,
    kind: meta.kind,
    storeId: meta.storeId,
    terminalId: meta.terminalId,
    cashierId: meta.cashierId ?? null,
    invoiceNo: meta.invoiceNo,
    originalSaleId: meta.originalSaleId,
    customerId: meta.customerId,
    currency: bill.currency,
    supplyType: bill.supplyType,
    buyer: meta.buyer ?? null,
    ...(meta.placeOfSupply === undefined ? {} : { placeOfSupply: meta.placeOfSupply }),
    invoiceKind: meta.invoiceKind ?? 'tax-invoice',
    createdAt: meta.createdAt,
    businessDate: meta.businessDate,
    lines: bill.lines.map((line, index) => ({
      lineNo: meta.lineNos?.[index] ?? line.lineNo,
      productId: line.productId,
      name: line.name,
      hsn: line.hsn,
      qtyBase: line.qtyBase,
      priceBasisQty: line.priceBasisQty,
      unitPriceMinor: line.unitPriceMinor,
      mrpMinor: line.mrpMinor,
      discountMinor: line.discountMinor,
      grossMinor: line.grossMinor,
      netMinor: line.netMinor,
      taxableMinor: line.taxableMinor,
      cgstMinor: line.cgstMinor,
      sgstMinor: line.sgstMinor,
      igstMinor: line.igstMinor,
      cessMinor: line.cessMinor,
      gstRateBp: line.gstRateBp,
      cessRateBp: line.cessRateBp,
      // Kept on the line so that a return reverses the specific cess at the original's rate
      // (a row without one replicates as 0 per 1, which is no cess and is left out).
      ...(!line.cessSpecificMinor || line.cessSpecificPerQty == null
        ? {}
        : {
            cessSpecificMinor: line.cessSpecificMinor,
            cessSpecificPerQty: line.cessSpecificPerQty,
          }),
    })),
    billDiscountMinor: bill.billDiscountMinor,
    taxBreakdown: bill.taxBreakdown.map((row) => ({ ...row })),
    totals: { ...bill.totals },
    payments: bill.payments.map((payment) => ({
      method: payment.method,
      amountMinor: payment.amountMinor,
      tenderedMinor: payment.tenderedMinor,
      changeMinor: payment.method === 'cash' ? payment.changeMinor : null,
      reference: payment.reference,
      customerId: payment.customerId,
    })),
    _deleted: false,
  };
  const { _deleted: _, ...stored } = saleSchema.parse(document);
  return stored;
}
