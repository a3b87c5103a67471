import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  movingAverageCost,
  nextMovingAverageCost,
  type CostedMovement,
} from './moving-average-cost';

describe('moving-average cost', () => {
  it('matches hand arithmetic', () => {
    // First receipt: the average is its cost.
    expect(
      nextMovingAverageCost(
        { onHandQtyBase: 0, avgCostMinor: null },
        { qtyBase: 24, unitCostMinor: 1000 },
      ),
    ).toBe(1000);
    // 10 at 1000 + 24 at 1050 = 35200 over 34 = 1035.29 → 1035.
    expect(
      nextMovingAverageCost(
        { onHandQtyBase: 10, avgCostMinor: 1000 },
        { qtyBase: 24, unitCostMinor: 1050 },
      ),
    ).toBe(1035);
    // 1 at 1000 + 1 at 1001 = 2001 / 2 = 1000.5 → 1001 (half up).
    expect(
      nextMovingAverageCost(
        { onHandQtyBase: 1, avgCostMinor: 1000 },
        { qtyBase: 1, unitCostMinor: 1001 },
      ),
    ).toBe(1001);
    // 3 at 999 + 1 at 1000 = 3997 / 4 = 999.25 → 999.
    expect(
      nextMovingAverageCost(
        { onHandQtyBase: 3, avgCostMinor: 999 },
        { qtyBase: 1, unitCostMinor: 1000 },
      ),
    ).toBe(999);
    // Oversold to −3: nothing to weigh, the receipt's cost.
    expect(
      nextMovingAverageCost(
        { onHandQtyBase: -3, avgCostMinor: 1000 },
        { qtyBase: 10, unitCostMinor: 1200 },
      ),
    ).toBe(1200);
  });

  it('folds a history of receipts and sales', () => {
    // 24 at ₹10.00; 14 sold (10 left, still ₹10.00); 24 at ₹10.50 → 1035;
    // 30 sold (4 left at 1035); 20 at ₹9.00 → (4 × 1035 + 20 × 900) / 24 = 22140 / 24 = 922.5 → 923.
    expect(
      movingAverageCost([
        { kind: 'in', qtyBase: 24, unitCostMinor: 1000 },
        { kind: 'out', qtyBase: 14 },
        { kind: 'in', qtyBase: 24, unitCostMinor: 1050 },
        { kind: 'out', qtyBase: 30 },
        { kind: 'in', qtyBase: 20, unitCostMinor: 900 },
      ]),
    ).toEqual({ onHandQtyBase: 24, avgCostMinor: 923 });
    expect(movingAverageCost([])).toEqual({ onHandQtyBase: 0, avgCostMinor: null });
  });

  it('stays between the lowest and highest unit cost received', () => {
    const movementArb: fc.Arbitrary<CostedMovement> = fc.oneof(
      fc.record({
        kind: fc.constant('in' as const),
        qtyBase: fc.integer({ min: 1, max: 100_000 }),
        unitCostMinor: fc.integer({ min: 0, max: 10_000_000 }),
      }),
      fc.record({
        kind: fc.constant('out' as const),
        qtyBase: fc.integer({ min: 1, max: 100_000 }),
      }),
    );
    fc.assert(
      fc.property(fc.array(movementArb, { maxLength: 40 }), (movements) => {
        const costs = movements.flatMap((m) => (m.kind === 'in' ? [m.unitCostMinor] : []));
        const { avgCostMinor } = movingAverageCost(movements);
        if (costs.length === 0) {
          expect(avgCostMinor).toBeNull();
          return;
        }
        expect(Number.isInteger(avgCostMinor)).toBe(true);
        expect(avgCostMinor).toBeGreaterThanOrEqual(Math.min(...costs));
        expect(avgCostMinor).toBeLessThanOrEqual(Math.max(...costs));
      }),
    );
  });

  it('does not move when a receipt costs the same as the average', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e6 }),
        fc.integer({ min: 1, max: 1e6 }),
        fc.integer({ min: 0, max: 1e7 }),
        (onHand, qty, cost) => {
          expect(
            nextMovingAverageCost(
              { onHandQtyBase: onHand, avgCostMinor: cost },
              { qtyBase: qty, unitCostMinor: cost },
            ),
          ).toBe(cost);
        },
      ),
    );
  });

  it('refuses a receipt of nothing or a negative cost', () => {
    expect(() =>
      nextMovingAverageCost(
        { onHandQtyBase: 1, avgCostMinor: 1 },
        { qtyBase: 0, unitCostMinor: 1 },
      ),
    ).toThrow(RangeError);
    expect(() =>
      nextMovingAverageCost(
        { onHandQtyBase: 1, avgCostMinor: 1 },
        { qtyBase: 1, unitCostMinor: -1 },
      ),
    ).toThrow(RangeError);
  });
});
