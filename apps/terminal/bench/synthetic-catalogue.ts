import {
  ean13CheckDigit,
  type Price,
  type Product,
  type Store,
  type TaxRate,
} from '@kiryana/shared';

/**
 * A synthetic store catalogue of any size for the terminal benchmark: bilingual names built from
 * grocery words, valid EAN-13 barcodes, HQ prices within MRP and three GST classes. Deterministic.
 */

type Stored<T> = Omit<T, '_deleted'>;

const WORDS: readonly (readonly [string, string])[] = [
  ['Atta', 'आटा'],
  ['Basmati Rice', 'बासमती चावल'],
  ['Toor Dal', 'तूर दाल'],
  ['Moong Dal', 'मूंग दाल'],
  ['Mustard Oil', 'सरसों तेल'],
  ['Sugar', 'चीनी'],
  ['Salt', 'नमक'],
  ['Tea', 'चाय'],
  ['Coffee', 'कॉफ़ी'],
  ['Biscuit', 'बिस्कुट'],
  ['Soap', 'साबुन'],
  ['Shampoo', 'शैम्पू'],
  ['Ghee', 'घी'],
  ['Turmeric', 'हल्दी'],
  ['Chilli Powder', 'मिर्च पाउडर'],
  ['Poha', 'पोहा'],
  ['Besan', 'बेसन'],
  ['Namkeen', 'नमकीन'],
  ['Detergent', 'डिटर्जेंट'],
  ['Toothpaste', 'टूथपेस्ट'],
];
const BRANDS: readonly (readonly [string, string])[] = [
  ['Annadata', 'अन्नदाता'],
  ['Ganga Gold', 'गंगा गोल्ड'],
  ['Khet Se', 'खेत से'],
  ['Sunehra', 'सुनहरा'],
  ['Desi Swad', 'देसी स्वाद'],
  ['Kesari', 'केसरी'],
  ['Nirmal', 'निर्मल'],
  ['Shakti', 'शक्ति'],
];
const PACKS = ['100 g', '200 g', '500 g', '1 kg', '2 kg', '5 kg'] as const;
const TAX_CLASSES = ['gst-5', 'gst-12', 'gst-18'] as const;
const UPDATED = '2026-01-01T00:00:00.000Z';

/** The EAN-13 barcode of the n-th synthetic product. */
export function barcodeOf(n: number): string {
  const body = `890${String(n).padStart(9, '0')}`;
  return `${body}${ean13CheckDigit(body)}`;
}

/**
 * A synthetic catalogue of `count` products for store `storeId`; with `looseEvery`, every such
 * product is sold loose by weight (priced per kg, no barcode of its own).
 */
export function syntheticCatalogue(
  count: number,
  storeId: string,
  regionId: string,
  looseEvery = 0,
) {
  const products: Stored<Product>[] = [];
  const prices: Stored<Price>[] = [];
  for (let n = 0; n < count; n++) {
    const [wordEn, wordHi] = WORDS[n % WORDS.length] ?? ['Item', 'सामान'];
    const [brandEn, brandHi] = BRANDS[Math.floor(n / WORDS.length) % BRANDS.length] ?? ['', ''];
    const pack = PACKS[Math.floor(n / (WORDS.length * BRANDS.length)) % PACKS.length] ?? '1 kg';
    const variant = Math.floor(n / (WORDS.length * BRANDS.length * PACKS.length));
    const id = `p${String(n).padStart(6, '0')}`;
    const mrpMinor = 1000 + ((n * 7919) % 50_000);
    const loose = looseEvery > 0 && n % looseEvery === looseEvery - 1;
    products.push({
      id,
      schemaVersion: 1,
      sku: `SKU${String(n).padStart(6, '0')}`,
      nameEn: loose
        ? `${wordEn} (Loose) ${n}`
        : `${brandEn} ${wordEn} ${pack}${variant > 0 ? ` V${variant}` : ''}`,
      nameHi: loose ? `${wordHi} (खुला) ${n}` : `${brandHi} ${wordHi} ${pack}`,
      barcodes: loose ? [] : [barcodeOf(n)],
      hsn: '2106',
      taxClassId: TAX_CLASSES[n % TAX_CLASSES.length] ?? 'gst-5',
      category: wordEn.toLowerCase(),
      unit: loose ? 'g' : 'piece',
      priceBasisQty: loose ? 1000 : 1,
      soldLoose: loose,
      mrpMinor,
      reorderLevelBase: 6,
      active: true,
      updatedAt: UPDATED,
    });
    prices.push({
      id: `hq-${id}`,
      schemaVersion: 1,
      productId: id,
      level: 'hq',
      regionId: null,
      storeId: null,
      currency: 'INR',
      priceMinor: mrpMinor - (n % 5) * 100,
      mrpMinor,
      effectiveFrom: '2025-01-01',
      updatedAt: UPDATED,
    });
  }
  const taxRates: Stored<TaxRate>[] = TAX_CLASSES.map((taxClassId, index) => ({
    id: taxClassId,
    schemaVersion: 1,
    taxClassId,
    rateBp: [500, 1200, 1800][index] ?? 500,
    cessBp: 0,
    effectiveFrom: '2017-07-01',
    effectiveTo: null,
    description: taxClassId,
    updatedAt: UPDATED,
  }));
  const store: Stored<Store> = {
    id: storeId,
    schemaVersion: 1,
    code: 'BENCH',
    nameEn: 'Benchmark Store',
    nameHi: 'बेंचमार्क स्टोर',
    regionId,
    gstin: '29ABCDE1234F1Z5',
    stateCode: '29',
    address: 'Bengaluru',
    currency: 'INR',
    timezone: 'Asia/Kolkata',
    updatedAt: UPDATED,
  };
  return { products, prices, taxRates, store };
}

/** Search queries a cashier types: a word prefix, or brand + word, in English or Hindi. */
export function searchQueries(): string[] {
  const queries: string[] = [];
  for (let i = 0; i < 12; i++) {
    const [wordEn, wordHi] = WORDS[(i * 7) % WORDS.length] ?? ['salt', 'नमक'];
    const [brandEn] = BRANDS[(i * 3) % BRANDS.length] ?? ['Kesari'];
    queries.push(
      i % 3 === 2
        ? wordHi
        : i % 3 === 1
          ? `${brandEn.split(' ')[0] ?? ''} ${wordEn.slice(0, 4)}`
          : wordEn,
    );
  }
  return queries;
}
