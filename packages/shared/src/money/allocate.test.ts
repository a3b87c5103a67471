import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate, allocateMinor } from './allocate';
import { money } from './money';

describe('allocateMinor', () => {
  it('gives leftover paise to the largest remainders, ties to the earlier part', () => {
    expect(allocateMinor(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocateMinor(1000, [3000, 1000])).toEqual([750, 250]);
    expect(allocateMinor(100, [1, 2, 3])).toEqual([17, 33, 50]);
    expect(allocateMinor(5, [0, 1, 0, 1])).toEqual([0, 3, 0, 2]);
    expect(allocateMinor(-100, [1, 1, 1])).toEqual([-34, -33, -33]);
    expect(allocateMinor(0, [0, 0])).toEqual([0, 0]);
  });

  it('refuses empty, negative, fractional or all-zero weights for a non-zero amount', () => {
    for (const weights of [[], [-1, 2], [0.5], [0, 0]]) {
      expect(() => allocateMinor(10, weights)).toThrow(
        expect.objectContaining({ code: 'INVALID_WEIGHTS' }),
      );
    }
  });

  it('never loses or invents a paisa, and keeps each part within one paisa of its exact share', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e13, max: 1e13 }),
        fc
          .array(fc.integer({ min: 0, max: 1e9 }), { minLength: 1, maxLength: 30 })
          .filter((w) => w.some((x) => x > 0)),
        (total, weights) => {
          const parts = allocateMinor(total, weights);
          expect(parts.reduce((sum, part) => sum + part, 0)).toBe(total);
          const weightSum = BigInt(weights.reduce((sum, w) => sum + w, 0));
          parts.forEach((part, i) => {
            // |part − total × w / W| < 1  ⇔  |part × W − total × w| < W
            const diff = BigInt(part) * weightSum - BigInt(total) * BigInt(weights[i] ?? 0);
            expect((diff < 0n ? -diff : diff) < weightSum).toBe(true);
            if (weights[i] === 0) expect(part).toBe(0);
          });
        },
      ),
    );
  });

  it('mirrors a sale for its refund', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e12 }),
        fc.array(fc.integer({ min: 1, max: 1e6 }), { minLength: 1, maxLength: 10 }),
        (total, weights) => {
          expect(allocateMinor(-total, weights)).toEqual(
            allocateMinor(total, weights).map((p) => (p === 0 ? 0 : 0 - p)),
          );
        },
      ),
    );
  });
});

describe('allocate', () => {
  it('keeps the currency', () => {
    expect(allocate(money(1000, 'KWD'), [1, 2])).toEqual([money(333, 'KWD'), money(667, 'KWD')]);
  });
});
