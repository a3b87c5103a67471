import type { PurchaseOrderFact } from '@kiryana/shared';
import type { LowStockSupplierLine } from './purchase-order.queries';

type DraftLine = Extract<PurchaseOrderFact, { type: 'create' }>['lines'][number];

/**
 * The lines of a PO drafted from the low-stock list: for each product at or below its reorder
 * level, enough whole packs to bring the level to twice the reorder level (a shelf oversold
 * offline, below zero, orders that much more), less what open POs of the store already have on
 * order (from any supplier: a manager who drafts twice does not order twice), at the supplier's
 * last cost per pack (0 when none is known yet: the draft is revised before approval). A product
 * fully covered by open orders gets no line.
 * @example
 * // level 5, reorder 20, 0 on order, cases of 24: 40 − 5 = 35 needed → 2 cases
 * lowStockLines([{ productId: 'p1', qtyBase: 5, reorderLevelBase: 20, onOrderQtyBase: 0, orderUnitName: 'case', baseUnitsPerOrderUnit: 24, lastCostMinorPerOrderUnit: 24000 }]);
 * // [{ productId: 'p1', orderUnitName: 'case', baseUnitsPerOrderUnit: 24, orderedQtyOrderUnits: 2, costMinorPerOrderUnit: 24000 }]
 */
export function lowStockLines(rows: readonly LowStockSupplierLine[]): DraftLine[] {
  return rows.flatMap((r) => {
    const needed = 2 * r.reorderLevelBase - r.qtyBase - r.onOrderQtyBase;
    if (needed <= 0) return [];
    return {
      productId: r.productId,
      orderUnitName: r.orderUnitName,
      baseUnitsPerOrderUnit: r.baseUnitsPerOrderUnit,
      orderedQtyOrderUnits: Math.ceil(needed / r.baseUnitsPerOrderUnit),
      costMinorPerOrderUnit: r.lastCostMinorPerOrderUnit ?? 0,
    };
  });
}
