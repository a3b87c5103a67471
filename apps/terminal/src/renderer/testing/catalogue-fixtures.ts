import { DEFAULT_SCALE_BARCODE_LAYOUTS, encodeScaleBarcode } from '@kiryana/shared';
import type {
  CatalogueChange,
  CataloguePrice,
  CatalogueProduct,
  CatalogueTaxRate,
} from '../catalogue/catalogue';

/** A small catalogue for tests: packaged goods at 5 % and 18 %, rice sold loose by the kg. */

const UPDATED = '2026-01-01T00:00:00.000Z';

/** Makes a product with test defaults. */
export function testProduct(
  overrides: Partial<CatalogueProduct> & { id: string },
): CatalogueProduct {
  return {
    schemaVersion: 1,
    sku: overrides.id.toUpperCase(),
    nameEn: overrides.id,
    nameHi: '',
    barcodes: [],
    hsn: '2106',
    taxClassId: 'gst-18',
    category: 'grocery',
    unit: 'piece',
    priceBasisQty: 1,
    soldLoose: false,
    mrpMinor: 10_000,
    reorderLevelBase: 5,
    active: true,
    updatedAt: UPDATED,
    ...overrides,
  };
}

/** Makes an HQ price with test defaults. */
export function testPrice(
  productId: string,
  priceMinor: number,
  mrpMinor = priceMinor,
): CataloguePrice {
  return {
    id: `hq-${productId}`,
    schemaVersion: 1,
    productId,
    level: 'hq',
    regionId: null,
    storeId: null,
    currency: 'INR',
    priceMinor,
    mrpMinor,
    effectiveFrom: '2025-01-01',
    updatedAt: UPDATED,
  };
}

function taxRate(taxClassId: string, rateBp: number): CatalogueTaxRate {
  return {
    id: taxClassId,
    schemaVersion: 1,
    taxClassId,
    rateBp,
    cessBp: 0,
    effectiveFrom: '2017-07-01',
    effectiveTo: null,
    description: `${rateBp / 100} %`,
    updatedAt: UPDATED,
  };
}

/** Scale label of `grams` of the loose rice (SKU 42), or of another PLU. */
export function riceLabel(grams: number, plu = '00042'): string {
  const [weightLayout] = DEFAULT_SCALE_BARCODE_LAYOUTS;
  if (weightLayout === undefined) throw new Error('no default scale layout');
  return encodeScaleBarcode(weightLayout, plu, grams);
}

/** The test catalogue's documents. */
export const TEST_CATALOGUE = {
  products: [
    testProduct({
      id: 'salt',
      nameEn: 'Tata Salt 1 kg',
      nameHi: 'टाटा नमक 1 किग्रा',
      barcodes: ['8901058000012'],
      hsn: '2501',
      taxClassId: 'gst-5',
      mrpMinor: 2800,
    }),
    testProduct({
      id: 'soap',
      nameEn: 'Lux Soap 100 g',
      nameHi: 'लक्स साबुन',
      barcodes: ['8901030000017'],
      hsn: '3401',
      mrpMinor: 4500,
    }),
    testProduct({
      id: 'rice',
      sku: '42',
      nameEn: 'Sona Masoori Rice (loose)',
      nameHi: 'सोना मसूरी चावल',
      barcodes: ['2000000000428'],
      hsn: '1006',
      taxClassId: 'gst-5',
      unit: 'g',
      priceBasisQty: 1000,
      soldLoose: true,
      mrpMinor: 6000,
    }),
    testProduct({ id: 'overpriced', barcodes: ['8901000000019'], mrpMinor: 1000 }),
    testProduct({ id: 'unpriced', barcodes: ['8901000000026'] }),
  ],
  prices: [
    testPrice('salt', 2800),
    testPrice('soap', 4000, 4500),
    testPrice('rice', 5800, 6000),
    testPrice('overpriced', 1200, 1000),
  ],
  taxRates: [taxRate('gst-5', 500), taxRate('gst-18', 1800)],
} satisfies {
  products: CatalogueProduct[];
  prices: CataloguePrice[];
  taxRates: CatalogueTaxRate[];
};

/** The store, region and date the test prices apply to. */
export const TEST_PRICE_CONTEXT = { storeId: 'store-1', regionId: 'region-1', date: '2026-04-01' };

/** A change that adds a product. */
export function addedProduct(product: CatalogueProduct): CatalogueChange {
  return { collection: 'products', doc: product, deleted: false };
}
