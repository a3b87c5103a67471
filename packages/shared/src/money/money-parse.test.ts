import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { money } from './money';
import { parseMinorUnits, parseMoney } from './money-parse';

describe('parseMinorUnits', () => {
  it('parses Indian and Western grouping, symbols, codes and signs', () => {
    const cases: [string, number][] = [
      ['1,23,456.78', 12345678],
      ['₹ 99.5', 9950],
      ['₹99.50', 9950],
      ['Rs. 20', 2000],
      ['rs 20', 2000],
      ['INR 1,000', 100000],
      ['123,456.7', 12345670],
      ['12,34,56,789', 12345678900],
      ['-₹5', -500],
      ['₹-5', -500],
      ['−5.25', -525],
      ['.5', 50],
      ['7.', 700],
      ['  42  ', 4200],
      ['१२३.४५', 12345],
      ['0.100', 10],
    ];
    for (const [input, expected] of cases) expect(parseMinorUnits(input), input).toBe(expected);
    expect(() => parseMinorUnits('1.005 ₹')).toThrow(
      expect.objectContaining({ code: 'INVALID_AMOUNT' }),
    );
  });

  it('uses the currency minor-unit digits', () => {
    expect(parseMinorUnits('1.234', 'KWD')).toBe(1234);
    expect(parseMinorUnits('1,000', 'JPY')).toBe(1000);
    expect(parseMoney('$ 3.10', 'USD')).toEqual(money(310, 'USD'));
    expect(() => parseMinorUnits('1.5', 'JPY')).toThrow(
      expect.objectContaining({ code: 'INVALID_AMOUNT' }),
    );
  });

  it('refuses malformed input with INVALID_AMOUNT', () => {
    for (const input of [
      '',
      '₹',
      'abc',
      '1,2',
      '1,2345',
      '1.2.3',
      '1,23.4,5',
      '--5',
      '5-',
      '1e5',
      '0x10',
      '$5',
      '9007199254740992',
    ]) {
      expect(() => parseMinorUnits(input), input).toThrow(
        expect.objectContaining({ code: 'INVALID_AMOUNT' }),
      );
    }
  });

  it('round-trips any amount written with two decimals', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e15, max: 1e15 }), (minor) => {
        const abs = Math.abs(minor);
        const text = `${minor < 0 ? '-' : ''}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
        expect(parseMinorUnits(text)).toBe(minor === 0 ? 0 : minor);
      }),
    );
  });
});
