import { describe, expect, it } from 'vitest';
import {
  buildSearchIndex,
  normalizeForSearch,
  tokenize,
  type SearchableProduct,
} from './search-index';

function product(
  id: string,
  nameEn: string,
  nameHi = '',
  extra: Partial<SearchableProduct> & { barcodes?: string[] } = {},
) {
  return { id, nameEn, nameHi, sku: `SKU-${id}`, barcodes: [], ...extra };
}

const catalogue = [
  product('salt', 'Tata Salt 1 kg', 'टाटा नमक 1 किग्रा'),
  product('salt-lite', 'Tata Salt Lite 1 kg', 'टाटा नमक लाइट'),
  product('tea', 'Tata Tea Premium 500 g', 'टाटा चाय प्रीमियम'),
  product('rice', 'Basmati Rice (loose)', 'बासमती चावल', { barcodes: ['8901000000019'] }),
  product('cafe', 'Café Coffee Powder', 'कॉफ़ी पाउडर'),
  product('pakoda', 'Pakoda Mix', 'पकौड़ा मिक्स'),
];

describe('tokenize', () => {
  it('splits on punctuation and lower-cases, keeping Devanagari vowel signs', () => {
    expect(tokenize('Basmati Rice (loose)')).toEqual(['basmati', 'rice', 'loose']);
    expect(tokenize('बासमती चावल')).toEqual(['बासमती', 'चावल']);
    expect(normalizeForSearch('Café')).toBe('cafe');
  });
});

describe('buildSearchIndex', () => {
  const index = buildSearchIndex(catalogue);

  it('finds by English word prefixes in any order', () => {
    expect(index.search('tata sa', 10)).toEqual(['salt', 'salt-lite']);
    expect(index.search('salt tata', 10)).toEqual(['salt', 'salt-lite']);
    expect(index.search('lite', 10)).toEqual(['salt-lite']);
  });

  it('finds by Hindi words as typed', () => {
    expect(index.search('नमक', 10)).toEqual(['salt', 'salt-lite']);
    expect(index.search('चा', 10)).toEqual(['rice', 'tea']);
    expect(index.search('पकौडा', 10)).toEqual(['pakoda']);
  });

  it('ranks names that start with the query first and honours the limit', () => {
    expect(index.search('tata', 10)).toEqual(['salt', 'salt-lite', 'tea']);
    expect(index.search('tata', 1)).toEqual(['salt']);
  });

  it('finds by SKU and without diacritics, but not by barcode digits', () => {
    expect(index.search('890100', 10)).toEqual([]);
    expect(index.search('sku-tea', 10)).toEqual(['tea']);
    expect(index.search('cafe', 10)).toEqual(['cafe']);
  });

  it('returns nothing for blank or unmatched queries', () => {
    expect(index.search('   ', 10)).toEqual([]);
    expect(index.search('zzz', 10)).toEqual([]);
    expect(index.search('tata zzz', 10)).toEqual([]);
  });

  it('answers within a few milliseconds over 20,000 products', () => {
    const words = [
      'atta',
      'rice',
      'dal',
      'oil',
      'sugar',
      'salt',
      'tea',
      'soap',
      'biscuit',
      'masala',
    ];
    const many = Array.from({ length: 20_000 }, (_, i) =>
      product(`p${i}`, `${words[i % 10]} brand${i % 97} pack ${i}`, `उत्पाद ${i}`),
    );
    const big = buildSearchIndex(many);
    expect(big.size).toBe(20_000);
    expect(big.search('sugar brand5', 5)).toHaveLength(5);
    expect(big.search('oil brand3 pack 1003', 5)).toEqual(['p1003']);
  });
});
