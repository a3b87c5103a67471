import { describe, expect, it } from 'vitest';
import { lowStockLines } from './low-stock-draft';

const line = (qtyBase: number, onOrderQtyBase: number) => ({
  productId: 'p1',
  qtyBase,
  reorderLevelBase: 20,
  onOrderQtyBase,
  orderUnitName: 'case',
  baseUnitsPerOrderUnit: 24,
  lastCostMinorPerOrderUnit: 24_000,
});

describe('lowStockLines', () => {
  it('orders whole packs up to twice the reorder level, less what is already on order', () => {
    // 40 − 5 − 0 = 35 → 2 cases; 40 − 5 − 24 = 11 → 1 case; 40 − (−5) − 0 = 45 → 2 cases.
    expect(lowStockLines([line(5, 0)]).map((l) => l.orderedQtyOrderUnits)).toEqual([2]);
    expect(lowStockLines([line(5, 24)]).map((l) => l.orderedQtyOrderUnits)).toEqual([1]);
    expect(lowStockLines([line(-5, 0)]).map((l) => l.orderedQtyOrderUnits)).toEqual([2]);
  });

  it('drafts no line for a product its open orders already cover', () => {
    expect(lowStockLines([line(5, 35)])).toEqual([]);
    expect(lowStockLines([line(0, 48)])).toEqual([]);
  });

  it('costs a pack at the supplier’s last cost, 0 when none is known', () => {
    expect(lowStockLines([{ ...line(5, 0), lastCostMinorPerOrderUnit: null }])[0]).toMatchObject({
      costMinorPerOrderUnit: 0,
      orderUnitName: 'case',
      baseUnitsPerOrderUnit: 24,
    });
  });
});
