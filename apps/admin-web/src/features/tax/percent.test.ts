import { describe, expect, it } from 'vitest';
import { bpToPercentText, percentToBp, prefixesOf } from './percent';

describe('percentages as typed', () => {
  it('turns a typed percentage into basis points without floats', () => {
    expect(percentToBp('18')).toBe(1800);
    expect(percentToBp('0.25')).toBe(25);
    expect(percentToBp('12.5')).toBe(1250);
    expect(percentToBp(' 40 ')).toBe(4000);
    expect(percentToBp('0,1')).toBe(10);
    expect(percentToBp('100')).toBe(10_000);
  });

  it('refuses signs, three decimals, words and rates above the maximum', () => {
    expect(percentToBp('-5')).toBeNull();
    expect(percentToBp('0.125')).toBeNull();
    expect(percentToBp('abc')).toBeNull();
    expect(percentToBp('')).toBeNull();
    expect(percentToBp('101')).toBeNull();
    expect(percentToBp('290', 50_000)).toBe(29_000);
  });

  it('writes basis points back as a person types them', () => {
    expect([25, 1800, 1250, 0, 5].map(bpToPercentText)).toEqual([
      '0.25',
      '18',
      '12.5',
      '0',
      '0.05',
    ]);
  });

  it('reads HSN prefixes from a list typed with spaces inside', () => {
    expect(prefixesOf('2106 90 20, 2403 19\n2401')).toEqual(['21069020', '240319', '2401']);
    expect(prefixesOf(' ')).toEqual([]);
  });
});
