import {
  checkMovementDocument,
  stockMovementSchema,
  STOCK_MOVEMENT_SCHEMA_VERSION,
  validateStockMovement,
  type AdjustmentReason,
  type MovementDocumentCode,
  type StockMovement,
} from '@kiryana/shared';
import type { Stored } from '../../db/schemas';

/**
 * Stock movements the counter makes itself: goods received from a supplier and manual adjustments
 * (damage, expiry, shrinkage …). Sale and return movements are never made here: the server derives
 * them from the sale documents. Every movement is checked as the server checks a pushed one
 * (`checkMovementDocument`): a movement the server would quarantine never leaves the counter.
 */

type MovementDoc = Stored<StockMovement>;

/** Who and when, for every movement. */
export type MovementMeta = {
  readonly storeId: string;
  readonly terminalId: string;
  /** The signed-in cashier, recorded on each movement. */
  readonly cashierId?: string | null;
  readonly createdAt: string;
  readonly newId: () => string;
};

/** One line of a goods receipt. */
export type ReceiptLine = {
  readonly productId: string;
  readonly qtyBase: number;
  /** Purchase cost per the product's price basis (per piece, per kg), tax-exclusive, in minor units. */
  readonly unitCostMinor: number | null;
};

/** A goods receipt as entered. */
export type Receipt = {
  readonly supplier: string;
  readonly supplierInvoiceNo: string;
  readonly lines: readonly ReceiptLine[];
};

/** Why movements could not be made: a rule the server checks on push, or no lines at all. */
export type MovementProblem = {
  readonly index: number;
  readonly code: MovementDocumentCode | 'INVALID';
};

function checked(movement: StockMovement): MovementDoc {
  const { _deleted: _, ...stored } = stockMovementSchema.parse(movement);
  return stored;
}

/**
 * The receipt movements of a goods receipt (one per line, all pointing at the supplier invoice).
 * @example
 * receiptMovements({ supplier: 'Agarwal Traders', supplierInvoiceNo: 'AT/991', lines }, meta);
 */
export function receiptMovements(
  receipt: Receipt,
  meta: MovementMeta,
): { ok: true; movements: MovementDoc[] } | { ok: false; problems: MovementProblem[] } {
  const problems: MovementProblem[] = [];
  receipt.lines.forEach((line, index) => {
    const code = validateStockMovement({ kind: 'receipt', qtyDeltaBase: line.qtyBase });
    if (code !== null) problems.push({ index, code });
  });
  if (receipt.lines.length === 0) problems.push({ index: -1, code: 'INVALID' });
  if (problems.length > 0) return { ok: false, problems };
  const movements = receipt.lines.map((line) =>
    checked({
      id: meta.newId(),
      schemaVersion: STOCK_MOVEMENT_SCHEMA_VERSION,
      storeId: meta.storeId,
      productId: line.productId,
      kind: 'receipt',
      qtyDeltaBase: line.qtyBase,
      reason: null,
      note: null,
      refId: null,
      unitCostMinor: line.unitCostMinor,
      supplier: receipt.supplier.trim() || null,
      supplierInvoiceNo: receipt.supplierInvoiceNo.trim() || null,
      terminalId: meta.terminalId,
      cashierId: meta.cashierId ?? null,
      createdAt: meta.createdAt,
      _deleted: false,
    }),
  );
  movements.forEach((movement, index) => {
    const first = checkMovementDocument(movement, { storeId: meta.storeId })[0];
    if (first !== undefined) problems.push({ index, code: first.code });
  });
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, movements };
}

/** A manual adjustment as entered: a signed change with a reason. */
export type Adjustment = {
  readonly productId: string;
  readonly qtyDeltaBase: number;
  readonly reason: AdjustmentReason;
  readonly note: string;
};

/**
 * The movement of a manual adjustment.
 * @example
 * adjustmentMovement({ productId: 'p1', qtyDeltaBase: -2, reason: 'damage', note: '' }, meta);
 */
export function adjustmentMovement(
  adjustment: Adjustment,
  meta: MovementMeta,
): { ok: true; movement: MovementDoc } | { ok: false; code: MovementDocumentCode } {
  const code = validateStockMovement({
    kind: 'adjustment',
    qtyDeltaBase: adjustment.qtyDeltaBase,
    reason: adjustment.reason,
  });
  if (code !== null) return { ok: false, code };
  const movement = checked({
    id: meta.newId(),
    schemaVersion: STOCK_MOVEMENT_SCHEMA_VERSION,
    storeId: meta.storeId,
    productId: adjustment.productId,
    kind: 'adjustment',
    qtyDeltaBase: adjustment.qtyDeltaBase,
    reason: adjustment.reason,
    note: adjustment.note.trim() || null,
    refId: null,
    unitCostMinor: null,
    supplier: null,
    supplierInvoiceNo: null,
    terminalId: meta.terminalId,
    cashierId: meta.cashierId ?? null,
    createdAt: meta.createdAt,
    _deleted: false,
  });
  const first = checkMovementDocument(movement, { storeId: meta.storeId })[0];
  if (first !== undefined) return { ok: false, code: first.code };
  return { ok: true, movement };
}
