import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MoneyError } from './money-error';
import {
  divideRounded,
  multiplyDivide,
  ROUNDING_RULES,
  roundDown,
  roundHalfEven,
  roundHalfUp,
  roundUp,
} from './rounding';

describe('rounding rules', () => {
  it('round ties as documented for positive and negative quotients', () => {
    const cases: [bigint, bigint, bigint, bigint, bigint][] = [
      // value×10, halfUp, halfEven, down, up
      [25n, 3n, 2n, 2n, 3n],
      [35n, 4n, 4n, 3n, 4n],
      [-25n, -3n, -2n, -2n, -3n],
      [-35n, -4n, -4n, -3n, -4n],
      [24n, 2n, 2n, 2n, 3n],
      [26n, 3n, 3n, 2n, 3n],
      [20n, 2n, 2n, 2n, 2n],
      [0n, 0n, 0n, 0n, 0n],
    ];
    for (const [tenths, halfUp, halfEven, down, up] of cases) {
      expect([
        roundHalfUp(tenths, 10n),
        roundHalfEven(tenths, 10n),
        roundDown(tenths, 10n),
        roundUp(tenths, 10n),
      ]).toEqual([halfUp, halfEven, down, up]);
    }
  });

  it('treats a negative denominator like a negative numerator', () => {
    expect(divideRounded(25n, -10n, 'halfUp')).toBe(-3n);
    expect(divideRounded(-25n, -10n, 'halfUp')).toBe(3n);
  });

  it('refuses division by zero with DIVISION_BY_ZERO', () => {
    expect(() => divideRounded(1n, 0n, 'halfUp')).toThrow(
      expect.objectContaining({ code: 'DIVISION_BY_ZERO' }),
    );
  });

  it('stays within half a unit (nearest rules) or one unit (directed rules) of the exact quotient', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }),
        fc.bigInt({ min: 1n, max: 10n ** 12n }),
        fc.constantFrom(...ROUNDING_RULES),
        (n, d, rule) => {
          const q = divideRounded(n, d, rule);
          const error = q * d - n; // (q − n/d) scaled by d
          const abs = error < 0n ? -error : error;
          if (rule === 'halfUp' || rule === 'halfEven') expect(2n * abs <= d).toBe(true);
          else expect(abs < d).toBe(true);
          if (rule === 'down') expect(q * d * (n < 0n ? -1n : 1n) <= (n < 0n ? -n : n)).toBe(true);
          // symmetric about zero
          expect(divideRounded(-n, d, rule)).toBe(-q);
        },
      ),
    );
  });
});

describe('multiplyDivide', () => {
  it('computes a × b / c exactly even when a × b exceeds 2^53', () => {
    expect(multiplyDivide(9_000_000_000_000, 9_000, 10_000, 'halfUp')).toBe(8_100_000_000_000);
    expect(multiplyDivide(1250, 6000, 1000, 'halfUp')).toBe(7500);
    expect(multiplyDivide(333, 1, 2, 'halfEven')).toBe(166);
  });

  it('refuses inputs that are not safe integers', () => {
    expect(() => multiplyDivide(0.5, 1, 1, 'halfUp')).toThrow(MoneyError);
    expect(() => multiplyDivide(Number.MAX_SAFE_INTEGER, 2, 1, 'halfUp')).toThrow(
      expect.objectContaining({ code: 'NOT_SAFE_INTEGER' }),
    );
  });
});
