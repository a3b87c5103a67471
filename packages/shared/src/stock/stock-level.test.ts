import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isLowStock, stockKey, stockLevel, stockLevels } from './stock-level';

const deltaArb = fc
  .integer({ min: -1_000_000, max: 1_000_000 })
  .map((qtyDeltaBase) => ({ qtyDeltaBase }));
/** Any safe integer, so partial sums do overflow in some orders. */
const wideDeltaArb = fc.maxSafeInteger().map((qtyDeltaBase) => ({ qtyDeltaBase }));
const placedArb = fc.record({
  storeId: fc.constantFrom('s1', 's2', 's3'),
  productId: fc.constantFrom('p1', 'p2'),
  qtyDeltaBase: fc.integer({ min: -1000, max: 1000 }),
});

/** The exact sum in BigInt, or null when it is outside the safe range. */
function referenceSum(deltas: readonly { qtyDeltaBase: number }[]): number | null {
  const sum = deltas.reduce((acc, d) => acc + BigInt(d.qtyDeltaBase), 0n);
  return sum > BigInt(Number.MAX_SAFE_INTEGER) || sum < BigInt(Number.MIN_SAFE_INTEGER)
    ? null
    : Number(sum);
}

function levelOrCode(deltas: readonly { qtyDeltaBase: number }[]): number | string {
  try {
    return stockLevel(deltas);
  } catch (error) {
    return (error as { code: string }).code;
  }
}

describe('stockLevel', () => {
  it('is the sum of the deltas', () => {
    expect(stockLevel([{ qtyDeltaBase: 24 }, { qtyDeltaBase: -3 }, { qtyDeltaBase: -1 }])).toBe(20);
    expect(stockLevel([])).toBe(0);
    expect(stockLevel([{ qtyDeltaBase: -2 }])).toBe(-2);
  });

  it('does not depend on the order of the movements', () => {
    fc.assert(
      fc.property(
        fc
          .array(deltaArb)
          .chain((list) =>
            fc.tuple(
              fc.constant(list),
              fc.shuffledSubarray(list, { minLength: list.length, maxLength: list.length }),
            ),
          ),
        ([list, shuffled]) => {
          expect(stockLevel(shuffled)).toBe(stockLevel(list));
        },
      ),
    );
  });

  it('is exact or refuses, in any order, even where partial sums pass 2^53', () => {
    fc.assert(
      fc.property(
        fc
          .array(wideDeltaArb, { maxLength: 8 })
          .chain((list) =>
            fc.tuple(
              fc.constant(list),
              fc.shuffledSubarray(list, { minLength: list.length, maxLength: list.length }),
            ),
          ),
        ([list, shuffled]) => {
          const expected = referenceSum(list) ?? 'STOCK_LEVEL_OVERFLOW';
          expect(levelOrCode(list)).toBe(expected);
          expect(levelOrCode(shuffled)).toBe(expected);
        },
      ),
    );
  });

  it('of a list split in parts is the sum of the parts', () => {
    fc.assert(
      fc.property(fc.array(deltaArb), fc.array(fc.nat()), (list, cutPoints) => {
        const cuts = [
          0,
          ...cutPoints.map((c) => c % (list.length + 1)).sort((a, b) => a - b),
          list.length,
        ];
        const parts = cuts.slice(1).map((end, i) => list.slice(cuts[i], end));
        expect(parts.reduce((acc, part) => acc + stockLevel(part), 0)).toBe(stockLevel(list));
        expect(stockLevel(parts.flat())).toBe(stockLevel(list));
      }),
    );
  });

  it('refuses a fractional or unsafe delta', () => {
    expect(() => stockLevel([{ qtyDeltaBase: 0.5 }])).toThrow(
      expect.objectContaining({ code: 'QTY_NOT_INTEGER' }) as Error,
    );
    expect(() => stockLevel([{ qtyDeltaBase: 2 ** 53 }])).toThrow(
      expect.objectContaining({ code: 'QTY_OUT_OF_RANGE' }) as Error,
    );
  });

  it('recovers an exact level when an intermediate sum passes 2^53', () => {
    const max = Number.MAX_SAFE_INTEGER;
    expect(stockLevel([{ qtyDeltaBase: max }, { qtyDeltaBase: 10 }, { qtyDeltaBase: -max }])).toBe(
      10,
    );
    expect(() => stockLevel([{ qtyDeltaBase: max }, { qtyDeltaBase: 1 }])).toThrow(
      expect.objectContaining({ code: 'STOCK_LEVEL_OVERFLOW' }) as Error,
    );
  });
});

describe('stockLevels', () => {
  it('sums per store and product', () => {
    const levels = stockLevels([
      { storeId: 's1', productId: 'p1', qtyDeltaBase: 10 },
      { storeId: 's1', productId: 'p1', qtyDeltaBase: -4 },
      { storeId: 's2', productId: 'p1', qtyDeltaBase: 5 },
      { storeId: 's1', productId: 'p2', qtyDeltaBase: -1 },
    ]);
    expect(levels).toEqual(
      new Map([
        ['s1:p1', 6],
        ['s2:p1', 5],
        ['s1:p2', -1],
      ]),
    );
  });

  it('agrees with stockLevel per pair, in any order, and merges like a sum', () => {
    fc.assert(
      fc.property(fc.array(placedArb), fc.array(placedArb), (a, b) => {
        const whole = stockLevels([...a, ...b]);
        expect(stockLevels([...b, ...a])).toEqual(whole);
        for (const [key, level] of whole) {
          const ofKey = [...a, ...b].filter((m) => stockKey(m.storeId, m.productId) === key);
          expect(level).toBe(stockLevel(ofKey));
        }
        const partA = stockLevels(a);
        const partB = stockLevels(b);
        for (const [key, level] of whole) {
          expect((partA.get(key) ?? 0) + (partB.get(key) ?? 0)).toBe(level);
        }
      }),
    );
  });
});

describe('isLowStock', () => {
  it('is true at or below the reorder level', () => {
    expect([
      isLowStock(4, 5),
      isLowStock(5, 5),
      isLowStock(6, 5),
      isLowStock(0, 0),
      isLowStock(-3, 0),
    ]).toEqual([true, true, false, true, true]);
  });
});
