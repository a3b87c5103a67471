import { describe, expect, it } from 'vitest';
import { createCatalogue } from '../../catalogue/catalogue';
import {
  addedProduct,
  riceLabel,
  TEST_CATALOGUE,
  TEST_PRICE_CONTEXT,
  testPrice,
  testProduct,
} from '../../testing/catalogue-fixtures';
import { resolveScan } from './scan';

describe('resolveScan', () => {
  const catalogue = createCatalogue(TEST_CATALOGUE);

  it('prices a packaged product by its barcode with the GST rate in force', () => {
    expect(resolveScan(catalogue, '8901058000012', TEST_PRICE_CONTEXT)).toEqual({
      kind: 'line',
      line: {
        productId: 'salt',
        nameEn: 'Tata Salt 1 kg',
        nameHi: 'टाटा नमक 1 किग्रा',
        hsn: '2501',
        unit: 'piece',
        soldLoose: false,
        priceBasisQty: 1,
        unitPriceMinor: 2800,
        mrpMinor: 2800,
        gstRateBp: 500,
        cessRateBp: 0,
        qtyBase: 1,
      },
    });
  });

  it('reads the weight from a scale label and finds the loose product by its PLU', () => {
    const outcome = resolveScan(catalogue, riceLabel(1250), TEST_PRICE_CONTEXT);
    expect(outcome).toMatchObject({
      kind: 'line',
      line: { productId: 'rice', qtyBase: 1250, unitPriceMinor: 5800, priceBasisQty: 1000 },
    });
  });

  it('asks for the weight when a loose product is scanned by its plain barcode', () => {
    expect(resolveScan(catalogue, '2000000000428', TEST_PRICE_CONTEXT)).toMatchObject({
      kind: 'needs-quantity',
      product: { id: 'rice' },
    });
  });

  it('refuses unknown, malformed and damaged codes with a reason', () => {
    const refusal = (code: string) => resolveScan(catalogue, code, TEST_PRICE_CONTEXT);
    expect(refusal('8901234567892')).toEqual({
      kind: 'refused',
      reason: 'unknown-barcode',
      code: '8901234567892',
    });
    expect(refusal('12ab')).toMatchObject({ reason: 'malformed-barcode' });
    const damaged = riceLabel(500).slice(0, 12) + String((Number(riceLabel(500)[12]) + 1) % 10);
    expect(refusal(damaged)).toMatchObject({ reason: 'malformed-scale-barcode' });
    expect(refusal(riceLabel(500, '00043'))).toMatchObject({ reason: 'unknown-scale-item' });
  });

  it('never sells above MRP and never at a missing price', () => {
    expect(resolveScan(catalogue, '8901000000019', TEST_PRICE_CONTEXT)).toMatchObject({
      reason: 'over-mrp',
    });
    expect(resolveScan(catalogue, '8901000000026', TEST_PRICE_CONTEXT)).toMatchObject({
      reason: 'no-price',
    });
  });

  it('sees products added by replication without a rebuild', () => {
    const live = createCatalogue(TEST_CATALOGUE);
    live.applyChanges([
      addedProduct(testProduct({ id: 'new', barcodes: ['8901000000033'], nameEn: 'New Biscuit' })),
      { collection: 'prices', doc: testPrice('new', 1000), deleted: false },
    ]);
    expect(resolveScan(live, '8901000000033', TEST_PRICE_CONTEXT)).toMatchObject({
      kind: 'line',
      line: { productId: 'new', unitPriceMinor: 1000, gstRateBp: 1800 },
    });
    expect(live.search('biscuit', 5).map((product) => product.id)).toEqual(['new']);
  });

  it('finds products changed after the index was built, and forgets removed ones', () => {
    const live = createCatalogue(TEST_CATALOGUE);
    live.warm();
    live.applyChanges([
      addedProduct(testProduct({ id: 'jaggery', nameEn: 'Organic Jaggery 1 kg', nameHi: 'गुड़' })),
      {
        collection: 'products',
        doc: testProduct({ id: 'soap', nameEn: 'Lux Soap 100 g' }),
        deleted: true,
      },
    ]);
    expect(live.search('jagg', 5).map((product) => product.id)).toEqual(['jaggery']);
    expect(live.search('lux', 5)).toEqual([]);
    expect(live.search('8901058000012', 5).map((product) => product.id)).toEqual(['salt']);
  });

  it('takes the GST rate and the specific cess of the row in force on the bill’s date', () => {
    // A cigarette class whose rate changes on 1 Feb 2026: 28 % + 5 % + ₹4,170 per 1,000 sticks
    // before, 40 % without cess from that day.
    const rate = (id: string, rateBp: number, cessBp: number, from: string, to: string | null) => ({
      id,
      schemaVersion: 2 as const,
      taxClassId: 'cig',
      rateBp,
      cessBp,
      ...(cessBp > 0 ? { cessSpecificMinor: 417_000, cessSpecificPerQty: 1000 } : {}),
      effectiveFrom: from,
      effectiveTo: to,
      description: 'cigarettes',
      updatedAt: '2026-01-01T00:00:00.000Z',
    });
    const withCigarettes = createCatalogue({
      ...TEST_CATALOGUE,
      products: [
        ...TEST_CATALOGUE.products,
        testProduct({ id: 'cig', barcodes: ['8901000000033'], hsn: '2402', taxClassId: 'cig' }),
      ],
      prices: [...TEST_CATALOGUE.prices, testPrice('cig', 10_000)],
      taxRates: [
        ...TEST_CATALOGUE.taxRates,
        rate('cig@2017', 2800, 500, '2017-07-01', '2026-02-01'),
        rate('cig@2026', 4000, 0, '2026-02-01', null),
      ],
    });
    const on = (date: string) =>
      resolveScan(withCigarettes, '8901000000033', { ...TEST_PRICE_CONTEXT, date });
    expect(on('2026-01-31')).toMatchObject({
      kind: 'line',
      line: {
        gstRateBp: 2800,
        cessRateBp: 500,
        cessSpecificMinor: 417_000,
        cessSpecificPerQty: 1000,
      },
    });
    const after = on('2026-02-01');
    expect(after).toMatchObject({ kind: 'line', line: { gstRateBp: 4000, cessRateBp: 0 } });
    expect(after.kind === 'line' && 'cessSpecificMinor' in after.line).toBe(false);
  });
});
