import { type Sale, STOCK_MOVEMENT_SCHEMA_VERSION, type StockMovement } from '../documents/index';
import { stockEffectOf } from './stock-effect';

/**
 * The stock movements a sale document implies, one per line, each moving the line's
 * `stockEffectOf` (a sale takes stock out, a return brings it back; the terminal counts its
 * unsynced bills by the same function). The sync server stores them with the sale, and terminals
 * pull them like any movement. Ids are `${saleId}:${lineNo}`, so storing the same sale twice can
 * never move stock twice (the server's movement insert is keyed by these ids), and no terminal
 * may push such an id itself (`checkMovementDocument`, DERIVED_MOVEMENT).
 * @example
 * saleMovements(sale).map((m) => [m.id, m.qtyDeltaBase]);
 * // [['…8057:1', -1], ['…8057:2', -2], ['…8057:3', -1250]]
 */
export function saleMovements(sale: Omit<Sale, '_deleted'>): StockMovement[] {
  return sale.lines.map((line) => ({
    id: `${sale.id}:${line.lineNo}`,
    schemaVersion: STOCK_MOVEMENT_SCHEMA_VERSION,
    storeId: sale.storeId,
    productId: line.productId,
    kind: sale.kind,
    qtyDeltaBase: stockEffectOf(line, sale.kind),
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
