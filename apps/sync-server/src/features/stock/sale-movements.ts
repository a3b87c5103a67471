import { STOCK_MOVEMENT_SCHEMA_VERSION, type Sale, type StockMovement } from '@kiryana/shared';

/**
 * The stock movements a sale document implies, one per line: a sale takes stock out (−qty), a
 * return brings it back (+qty). Ids are `${saleId}:${lineNo}`, so storing the same sale twice can
 * never move stock twice: the movement insert is keyed by these ids.
 */
export function saleMovements(sale: Sale): StockMovement[] {
  return sale.lines.map((line) => ({
    id: `${sale.id}:${line.lineNo}`,
    schemaVersion: STOCK_MOVEMENT_SCHEMA_VERSION,
    storeId: sale.storeId,
    productId: line.productId,
    kind: sale.kind,
    qtyDeltaBase: sale.kind === 'sale' ? -line.qtyBase : line.qtyBase,
    reason: null,
    note: null,
    refId: sale.id,
    unitCostMinor: null,
    supplier: null,
    supplierInvoiceNo: null,
    terminalId: sale.terminalId,
    cashierId: sale.cashierId,
    createdAt: sale.createdAt,
    _deleted: false,
  }));
}
