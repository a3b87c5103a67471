import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lineAmount } from './line-amount';
import { parseQuantity, quantityInUnit, toBaseQty, unitFactor } from './quantity';

describe('parseQuantity', () => {
  it('parses weights, volumes and counts into integer base units by string math', () => {
    expect(parseQuantity('1.25 kg')).toEqual({ qtyBase: 1250, baseUnit: 'g' });
    expect(parseQuantity('1.25kg')).toEqual({ qtyBase: 1250, baseUnit: 'g' });
    expect(parseQuantity('0.5 L')).toEqual({ qtyBase: 500, baseUnit: 'ml' });
    expect(parseQuantity('.75 ltr')).toEqual({ qtyBase: 750, baseUnit: 'ml' });
    expect(parseQuantity('500 g')).toEqual({ qtyBase: 500, baseUnit: 'g' });
    expect(parseQuantity('250ml')).toEqual({ qtyBase: 250, baseUnit: 'ml' });
    expect(parseQuantity('3')).toEqual({ qtyBase: 3, baseUnit: 'piece' });
    expect(parseQuantity('3 pcs')).toEqual({ qtyBase: 3, baseUnit: 'piece' });
    expect(parseQuantity('2.000 pcs')).toEqual({ qtyBase: 2, baseUnit: 'piece' });
    expect(parseQuantity('-0.2 kg')).toEqual({ qtyBase: -200, baseUnit: 'g' });
    expect(parseQuantity('1.005 kg')).toEqual({ qtyBase: 1005, baseUnit: 'g' });
  });

  it('refuses precision finer than the base unit, fractional pieces and unknown units', () => {
    expect(() => parseQuantity('1.2345 kg')).toThrow(
      expect.objectContaining({ code: 'INVALID_QUANTITY' }),
    );
    expect(() => parseQuantity('1.5')).toThrow(
      expect.objectContaining({ code: 'INVALID_QUANTITY' }),
    );
    expect(() => parseQuantity('0.5 g')).toThrow(
      expect.objectContaining({ code: 'INVALID_QUANTITY' }),
    );
    expect(() => parseQuantity('kg')).toThrow(
      expect.objectContaining({ code: 'INVALID_QUANTITY' }),
    );
    expect(() => parseQuantity('1 lb')).toThrow(expect.objectContaining({ code: 'UNKNOWN_UNIT' }));
    expect(() => parseQuantity('1,5 kg')).toThrow(
      expect.objectContaining({ code: 'INVALID_QUANTITY' }),
    );
    expect(() => parseQuantity('99999999999999 kg')).toThrow(
      expect.objectContaining({ code: 'INVALID_QUANTITY' }),
    );
  });

  it('round-trips with quantityInUnit for every gram amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (grams) => {
        expect(parseQuantity(`${quantityInUnit(grams, 'kg')} kg`).qtyBase).toBe(
          grams === 0 ? 0 : grams,
        );
      }),
    );
  });
});

describe('unit conversions', () => {
  it('converts kg↔g and l↔ml exactly', () => {
    expect(toBaseQty(2, 'kg')).toEqual({ qtyBase: 2000, baseUnit: 'g' });
    expect(toBaseQty(3, 'l')).toEqual({ qtyBase: 3000, baseUnit: 'ml' });
    expect(unitFactor('piece')).toEqual({ baseUnit: 'piece', factor: 1 });
    expect(quantityInUnit(1250, 'kg')).toBe('1.250');
    expect(quantityInUnit(5, 'l')).toBe('0.005');
    expect(quantityInUnit(-5, 'l')).toBe('-0.005');
    expect(quantityInUnit(7, 'piece')).toBe('7');
    expect(() => toBaseQty(1.5, 'kg')).toThrow(
      expect.objectContaining({ code: 'INVALID_QUANTITY' }),
    );
  });
});

describe('lineAmount', () => {
  it('applies a price per kg or per litre to a weight with half-up rounding', () => {
    expect(lineAmount(1250, 6000, 1000)).toBe(7500);
    expect(lineAmount(333, 1000, 1000)).toBe(333);
    expect(lineAmount(1, 1500, 1000)).toBe(2); // 1.5 paise rounds half up
    expect(lineAmount(1, 1500, 1000, 'halfEven')).toBe(2);
    expect(lineAmount(1, 2500, 1000, 'halfEven')).toBe(2);
    expect(lineAmount(333, 4999, 1000, 'down')).toBe(1664);
    expect(lineAmount(3, 2999, 1)).toBe(8997);
    expect(lineAmount(-1250, 6000, 1000)).toBe(-7500);
  });

  it('refuses a zero or fractional price basis and fractional quantities', () => {
    expect(() => lineAmount(1, 100, 0)).toThrow(
      expect.objectContaining({ code: 'INVALID_PRICE_BASIS' }),
    );
    expect(() => lineAmount(1.5, 100, 1)).toThrow(
      expect.objectContaining({ code: 'INVALID_QUANTITY' }),
    );
  });

  it('is within half a paisa of the exact product', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e7 }),
        fc.integer({ min: 0, max: 1e8 }),
        fc.constantFrom(1, 100, 1000),
        (qty, price, basis) => {
          const amount = BigInt(lineAmount(qty, price, basis));
          const diff = amount * BigInt(basis) - BigInt(qty) * BigInt(price);
          expect(2n * (diff < 0n ? -diff : diff) <= BigInt(basis)).toBe(true);
        },
      ),
    );
  });
});
