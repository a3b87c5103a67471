import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { currencyInfo, isCurrencyCode, minorPerMajor, parseCurrencyCode } from './currency';
import { cashRound } from './cash-rounding';
import { isMinorUnits, minorUnits } from './minor-units';
import {
  money,
  moneyAdd,
  moneyApplyRateBp,
  moneyCompare,
  moneyEquals,
  moneyMultiply,
  moneyMultiplyRatio,
  moneyNegate,
  moneySubtract,
  moneySum,
} from './money';
import { MoneyError } from './money-error';

describe('minorUnits', () => {
  it('accepts safe integers and refuses fractions, NaN and huge values with NOT_SAFE_INTEGER', () => {
    expect(minorUnits(12345)).toBe(12345);
    expect(Object.is(minorUnits(-0), 0)).toBe(true);
    for (const bad of [1.5, Number.NaN, Infinity, 2 ** 53]) {
      expect(() => minorUnits(bad)).toThrow(expect.objectContaining({ code: 'NOT_SAFE_INTEGER' }));
    }
    expect(isMinorUnits(0.1)).toBe(false);
  });
});

describe('currency', () => {
  it('knows minor-unit digits from data', () => {
    expect(currencyInfo('INR').minorDigits).toBe(2);
    expect(currencyInfo('JPY').minorDigits).toBe(0);
    expect(currencyInfo('KWD').minorDigits).toBe(3);
    expect(minorPerMajor('KWD')).toBe(1000);
    expect(isCurrencyCode('XYZ')).toBe(false);
    expect(() => parseCurrencyCode('XYZ')).toThrow(
      expect.objectContaining({ code: 'UNKNOWN_CURRENCY' }),
    );
  });
});

describe('money arithmetic', () => {
  it('adds, subtracts, negates and compares in one currency', () => {
    expect(moneyAdd(money(150), money(275))).toEqual(money(425));
    expect(moneySubtract(money(500), money(725))).toEqual({ amountMinor: -225, currency: 'INR' });
    expect(moneyNegate(money(100))).toEqual(money(-100));
    expect(moneyCompare(money(1), money(2))).toBe(-1);
    expect(moneyCompare(money(2), money(2))).toBe(0);
    expect(moneyEquals(money(2), money(2, 'USD'))).toBe(false);
  });

  it('refuses to mix currencies with a typed MIXED_CURRENCY error', () => {
    let caught: unknown;
    try {
      moneySum([money(100), money(100, 'USD')]);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(MoneyError);
    expect(caught).toMatchObject({
      code: 'MIXED_CURRENCY',
      details: { currencies: ['INR', 'USD'] },
    });
    expect(() => moneySum([money(1)], 'JPY')).toThrow(
      expect.objectContaining({ code: 'MIXED_CURRENCY' }),
    );
  });

  it('sums an empty list to zero in the given currency', () => {
    expect(moneySum([], 'JPY')).toEqual(money(0, 'JPY'));
  });

  it('multiplies by a quantity, a ratio and a rate with the named rounding', () => {
    expect(moneyMultiply(money(2999), 3)).toEqual(money(8997));
    expect(moneyMultiplyRatio(money(1000), 1, 3, 'halfUp')).toEqual(money(333));
    expect(moneyMultiplyRatio(money(1000), 2, 3, 'down')).toEqual(money(666));
    expect(moneyMultiplyRatio(money(1000), 2, 3, 'up')).toEqual(money(667));
    expect(moneyApplyRateBp(money(10000), 1800, 'halfUp')).toEqual(money(1800));
    expect(moneyApplyRateBp(money(50), 500, 'halfUp')).toEqual(money(3)); // 2.5 → 3
    expect(moneyApplyRateBp(money(50), 500, 'halfEven')).toEqual(money(2)); // 2.5 → 2
  });

  it('overflows loudly instead of losing precision', () => {
    expect(() => moneyAdd(money(Number.MAX_SAFE_INTEGER), money(1))).toThrow(
      expect.objectContaining({ code: 'NOT_SAFE_INTEGER' }),
    );
  });

  it('has a sum that does not depend on order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1e12, max: 1e12 })), (amounts) => {
        const list = amounts.map((amount) => money(amount));
        expect(moneySum(list)).toEqual(moneySum([...list].reverse()));
      }),
    );
  });
});

describe('cashRound', () => {
  it('rounds INR to the rupee half up and reports the round-off', () => {
    expect(cashRound(105050, 'INR')).toEqual({ totalMinor: 105100, roundOffMinor: 50 });
    expect(cashRound(105049, 'INR')).toEqual({ totalMinor: 105000, roundOffMinor: -49 });
    expect(cashRound(-150, 'INR')).toEqual({ totalMinor: -200, roundOffMinor: -50 });
    expect(cashRound(1234, 'JPY')).toEqual({ totalMinor: 1234, roundOffMinor: 0 });
    expect(cashRound(1234, 'CHF')).toEqual({ totalMinor: 1235, roundOffMinor: 1 });
  });
});
