import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { money, parseMinorUnits } from '../money/index';
import { formatMoney } from './format-money';

describe('formatMoney', () => {
  it('uses en-IN lakh/crore grouping and the rupee sign by default', () => {
    expect(formatMoney(money(12345678))).toBe('₹1,23,456.78');
    expect(formatMoney(money(1234567890123))).toBe('₹12,34,56,78,901.23');
    expect(formatMoney(money(0))).toBe('₹0.00');
    expect(formatMoney(money(5))).toBe('₹0.05');
    expect(formatMoney(money(-5))).toBe('-₹0.05');
    expect(formatMoney(money(-12345))).toBe('-₹123.45');
  });

  it('prints Devanagari digits in hi-IN when asked', () => {
    expect(formatMoney(money(12345678), { locale: 'hi-IN', numberingSystem: 'deva' })).toBe(
      '₹१,२३,४५६.७८',
    );
    expect(formatMoney(money(-5), { locale: 'hi-IN', numberingSystem: 'deva' })).toBe('-₹०.०५');
    expect(formatMoney(money(12345678), { locale: 'hi-IN' })).toBe('₹1,23,456.78');
  });

  it('shows each currency with its own minor digits', () => {
    expect(formatMoney(money(1500, 'KWD'))).toBe('KWD\u00a01.500');
    expect(formatMoney(money(1234567, 'JPY'))).toBe('JP¥12,34,567');
    expect(formatMoney(money(123456, 'USD'), { locale: 'en-US' })).toBe('$1,234.56');
    expect(formatMoney(money(-123456, 'EUR'), { locale: 'de-DE' })).toBe('-1.234,56\u00a0€');
    expect(formatMoney(money(12345), { currencyDisplay: 'code' })).toBe('INR\u00a0123.45');
  });

  it('is exact for every safe amount (formats back to the same minor units)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
        (minor) => {
          expect(parseMinorUnits(formatMoney(money(minor)))).toBe(minor);
        },
      ),
    );
  });
});
