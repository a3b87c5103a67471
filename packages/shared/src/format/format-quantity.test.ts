import { describe, expect, it } from 'vitest';
import { displayUnitOf, quantityKindOfLine } from '../units/display-unit';
import { formatQuantity } from './format-quantity';

describe('displayUnitOf', () => {
  it('reads only loose goods in kg or litres; pieces and packs of any size are counted', () => {
    expect(displayUnitOf({ unit: 'g', soldLoose: true })).toBe('kg');
    expect(displayUnitOf({ unit: 'ml', soldLoose: true })).toBe('l');
    expect(displayUnitOf({ unit: 'g', soldLoose: false })).toBe('count');
    expect(displayUnitOf({ unit: 'ml', soldLoose: false })).toBe('count');
    expect(displayUnitOf({ unit: 'piece', soldLoose: false })).toBe('count');
    expect(displayUnitOf({ unit: 'piece', soldLoose: true })).toBe('count');
  });

  it('takes a sale line priced per 1,000 base units as loose, else as a count', () => {
    expect(quantityKindOfLine({ priceBasisQty: 1000 })).toEqual({ unit: 'g', soldLoose: true });
    expect(quantityKindOfLine({ priceBasisQty: 1000 }, 'ml')).toEqual({
      unit: 'ml',
      soldLoose: true,
    });
    expect(quantityKindOfLine({ priceBasisQty: 1 })).toEqual({ unit: 'piece', soldLoose: false });
  });
});

describe('formatQuantity', () => {
  it('shows one 5 kg pack as 1, not 0.001 kg', () => {
    expect(formatQuantity(1, { unit: 'g', soldLoose: false })).toEqual({
      text: '1',
      unit: 'count',
    });
    expect(formatQuantity(1200, { unit: 'ml', soldLoose: false })).toEqual({
      text: '1,200',
      unit: 'count',
    });
  });

  it('shows loose goods in kg and litres with exact decimals, in the locale asked for', () => {
    expect(formatQuantity(1250, { unit: 'g', soldLoose: true })).toEqual({
      text: '1.25',
      unit: 'kg',
    });
    expect(formatQuantity(-5, { unit: 'ml', soldLoose: true })).toEqual({
      text: '-0.005',
      unit: 'l',
    });
    expect(
      formatQuantity(
        2000,
        { unit: 'g', soldLoose: true },
        { locale: 'hi-IN', numberingSystem: 'deva' },
      ),
    ).toEqual({ text: '२', unit: 'kg' });
  });
});
