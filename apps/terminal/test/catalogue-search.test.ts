import { describe, expect, it } from 'vitest';
import { searchQueries, syntheticCatalogue } from '../bench/synthetic-catalogue';
import { normalizeForSearch, tokenize } from '../src/renderer/catalogue/search-index';
import {
  createCatalogue,
  type CatalogueChange,
  type CatalogueProduct,
} from '../src/renderer/catalogue/catalogue';

/**
 * The catalogue's search index is built in segments (one per loaded page, then batches of
 * changes): results must be exactly those of one index over the same products, and a changed or
 * removed product must be found by what it is now, never by what it was.
 */

const { products } = syntheticCatalogue(1800, 's', 'r');
const ids = (found: readonly CatalogueProduct[]) => found.map((product) => product.id);
const put = (doc: CatalogueProduct, deleted = false): CatalogueChange => ({
  collection: 'products',
  doc,
  deleted,
});

function paged(pageSize: number) {
  const catalogue = createCatalogue({ products: [], prices: [], taxRates: [] });
  for (let i = 0; i < products.length; i += pageSize) {
    catalogue.applyChanges(products.slice(i, i + pageSize).map((doc) => put(doc)));
    catalogue.warm();
  }
  return catalogue;
}

describe('catalogue search over segments', () => {
  it('ranks across segments exactly as one index over every product', () => {
    const whole = createCatalogue({ products, prices: [], taxRates: [] });
    const inPages = paged(600);
    const queries = [...searchQueries(), 'a', 'sku0001', 'गंगा', 'Kesari Atta 5'];
    for (const query of queries) {
      expect(ids(inPages.search(query, 12)), query).toEqual(ids(whole.search(query, 12)));
    }
  });

  it('finds a renamed product by its new name only, and a removed one not at all', () => {
    const catalogue = paged(600);
    const [first, second] = products;
    if (first === undefined || second === undefined) throw new Error('no products');
    catalogue.applyChanges([put({ ...first, nameEn: 'Zebra Crackers 1 kg' }), put(second, true)]);
    expect(ids(catalogue.search('zebra', 5))).toEqual([first.id]);
    expect(ids(catalogue.search(first.nameEn, 50))).not.toContain(first.id);
    expect(ids(catalogue.search(second.nameEn, 50))).not.toContain(second.id);
    // Indexed into a segment of their own, the changes still win over the older entries.
    for (let i = 0; i < 600; i++) catalogue.applyChanges([put(products[600 + i] ?? first)]);
    catalogue.warm();
    expect(ids(catalogue.search('zebra', 5))).toEqual([first.id]);
    expect(ids(catalogue.search(second.nameEn, 50))).not.toContain(second.id);
  });
});

describe('search index order', () => {
  it('answers every prefix of the bench queries exactly as ranking all products would', () => {
    const whole = createCatalogue({ products, prices: [], taxRates: [] });
    const rank = (p: CatalogueProduct, query: string) => {
      const q = normalizeForSearch(query).trim();
      const words = tokenize(query);
      if (normalizeForSearch(p.nameEn).startsWith(q) || normalizeForSearch(p.nameHi).startsWith(q))
        return 0;
      return tokenize(p.nameEn)[0]?.startsWith(words[0] ?? '') === true ? 1 : 2;
    };
    const bruteForce = (query: string) => {
      const words = tokenize(query);
      return products
        .filter((p) => {
          const tokens = [...tokenize(p.nameEn), ...tokenize(p.nameHi), ...tokenize(p.sku)];
          return words.every((word) => tokens.some((token) => token.startsWith(word)));
        })
        .map((p) => ({ p, rank: rank(p, query), name: normalizeForSearch(p.nameEn) }))
        .sort(
          (a, b) =>
            a.rank - b.rank ||
            a.name.length - b.name.length ||
            (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
        )
        .slice(0, 12)
        .map(({ p }) => p.id);
    };
    for (const query of [...searchQueries(), 'Kesari Biscuit 5', 'sku00017', 'v1 atta']) {
      for (let end = 1; end <= query.length; end++) {
        const prefix = query.slice(0, end);
        if (prefix.trim() === '') continue;
        expect(ids(whole.search(prefix, 12)), prefix).toEqual(bruteForce(prefix));
      }
    }
  });
});
