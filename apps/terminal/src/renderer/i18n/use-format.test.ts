import { describe, expect, it } from 'vitest';
import { en } from './resources-en';
import { formattersFor } from './use-format';

/** Looks a dotted key up in the English resources, as i18next would. */
function t(key: string): string {
  const found = key.split('.').reduce<unknown>((node, part) => {
    return typeof node === 'object' && node !== null
      ? (node as Record<string, unknown>)[part]
      : undefined;
  }, en);
  return typeof found === 'string' ? found : key;
}

describe('formattersFor', () => {
  const format = formattersFor('en', t);

  it('counts packs whose size is in grams or millilitres, as the receipt does', () => {
    // Khet Se Kolam Rice 5 kg: one pack is qtyBase 1, priced per pack.
    expect(format.qty(1, { unit: 'g', soldLoose: false })).toBe('1');
    expect(format.qty(12, { unit: 'ml', soldLoose: false })).toBe('12');
    expect(format.qty(3, { unit: 'piece', soldLoose: false })).toBe('3');
  });

  it('shows goods sold loose in kg or litres', () => {
    expect(format.qty(1250, { unit: 'g', soldLoose: true })).toBe('1.25 kg');
    expect(format.qty(500, { unit: 'ml', soldLoose: true })).toBe('0.5 l');
  });
});
