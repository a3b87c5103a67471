import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { orderUnitsToBase, splitIntoOrderUnits, unitCostPerBase } from './order-units';

describe('order units', () => {
  it('converts cases to base units and back', () => {
    expect(orderUnitsToBase(5, 24)).toBe(120);
    expect(orderUnitsToBase(3, 5000)).toBe(15000);
    expect(splitIntoOrderUnits(50, 24)).toEqual({ orderUnits: 2, looseBase: 2 });
    expect(splitIntoOrderUnits(0, 24)).toEqual({ orderUnits: 0, looseBase: 0 });
  });

  it('round-trips any quantity exactly', () => {
    fc.assert(
      fc.property(fc.nat(1_000_000), fc.integer({ min: 1, max: 10_000 }), (qty, per) => {
        const { orderUnits, looseBase } = splitIntoOrderUnits(orderUnitsToBase(qty, per), per);
        expect(orderUnits).toBe(qty);
        expect(looseBase).toBe(0);
      }),
    );
  });

  it('refuses fractions, zero-sized units and overflow', () => {
    expect(() => orderUnitsToBase(1.5, 24)).toThrow(RangeError);
    expect(() => orderUnitsToBase(1, 0)).toThrow(RangeError);
    expect(() => orderUnitsToBase(Number.MAX_SAFE_INTEGER, 2)).toThrow(RangeError);
  });

  it('rounds a case cost to a per-piece cost half up', () => {
    expect(unitCostPerBase(24000, 24)).toBe(1000); // ₹240 / 24 = ₹10.00
    expect(unitCostPerBase(25000, 24)).toBe(1042); // ₹250 / 24 = 1041.67 paise
    expect(unitCostPerBase(100, 8)).toBe(13); // 12.5 paise: the tie goes up
    expect(unitCostPerBase(0, 24)).toBe(0);
  });
});
