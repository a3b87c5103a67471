import { describe, expect, it } from 'vitest';
import { searchQueries, syntheticCatalogue } from '../bench/synthetic-catalogue';
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
