import { ean13CheckDigit, multiplyDivide } from '@kiryana/shared';
import type { SeedRegion, SeedStore } from './seed-chain';
import type { SeedRandom } from './seed-random';
import { SEED_ITEMS, SEED_VARIANTS, type SeedItem } from './seed-vocabulary';

/** A catalogue product as seeded; money in paise, quantities in base units. */
export type SeedProduct = {
  id: string;
  sku: string;
  nameEn: string;
  nameHi: string;
  barcodes: string[];
  hsn: string;
  taxClassId: string;
  category: string;
  unit: 'g' | 'ml' | 'piece';
  priceBasisQty: 1 | 1000;
  soldLoose: boolean;
  mrpMinor: number;
  reorderLevelBase: number;
};

/** A price row: HQ, a region's price list, or a store override. */
export type SeedPrice = {
  id: string;
  productId: string;
  level: 'hq' | 'region' | 'store';
  regionId: string | null;
  storeId: string | null;
  priceMinor: number;
  mrpMinor: number;
  effectiveFrom: string;
};

type Draft = { item: SeedItem; brand: number; variant: number; pack: number; loose: boolean };

/** HQ prices date from the start of FY 2025-26; regional lists were re-priced for GST 2.0. */
const HQ_FROM = '2025-04-01';
const REGION_FROM = '2025-09-22';
const STORE_FROM = '2025-11-01';

/**
 * `count` products: every loose item, then packaged brand × line × item × pack combinations chosen
 * at random, numbered in category order. Prices: one HQ price each, a regional price for about a
 * third of the products per region, and six store overrides per store.
 */
export function buildCatalogue(
  random: SeedRandom,
  count: number,
  regions: readonly SeedRegion[],
  stores: readonly SeedStore[],
): { products: SeedProduct[]; prices: SeedPrice[] } {
  const loose: Draft[] = SEED_ITEMS.filter((item) => item.loose).map((item) => ({
    item,
    brand: -1,
    variant: 0,
    pack: 1000,
    loose: true,
  }));
  const packaged: Draft[] = SEED_ITEMS.flatMap((item) =>
    item.brands.flatMap((_, brand) =>
      SEED_VARIANTS.flatMap((_v, variant) =>
        item.packs.map((pack) => ({ item, brand, variant, pack, loose: false })),
      ),
    ),
  );
  if (loose.length + packaged.length < count) {
    throw new RangeError(
      `the vocabulary yields ${loose.length + packaged.length} products, not ${count}`,
    );
  }
  const chosen = [...loose, ...random.shuffle(packaged).slice(0, count - loose.length)];
  const order = (d: Draft) =>
    SEED_ITEMS.indexOf(d.item) * 1e6 + (d.brand + 1) * 1e4 + d.variant * 1e3 + (d.loose ? 0 : 1);
  chosen.sort((a, b) => order(a) - order(b) || a.pack - b.pack);

  const products: SeedProduct[] = [];
  const prices: SeedPrice[] = [];
  chosen.forEach((draft, index) => {
    const n = index + 1;
    const id = `p-${String(n).padStart(5, '0')}`;
    const product = draftProduct(random, draft, id, n);
    products.push(product);
    prices.push({
      id: `pr-hq-${id}`,
      productId: id,
      level: 'hq',
      regionId: null,
      storeId: null,
      priceMinor: hqPrice(random, product.mrpMinor),
      mrpMinor: product.mrpMinor,
      effectiveFrom: HQ_FROM,
    });
  });
  const hqOf = new Map(prices.map((p) => [p.productId, p.priceMinor]));
  for (const region of regions) {
    for (const product of products) {
      if (!random.chance(33)) continue;
      const hq = hqOf.get(product.id) ?? product.mrpMinor;
      prices.push({
        id: `pr-${region.code.toLowerCase()}-${product.id}`,
        productId: product.id,
        level: 'region',
        regionId: region.id,
        storeId: null,
        priceMinor: Math.min(
          product.mrpMinor,
          roundRupees(multiplyDivide(hq, random.int(95, 103), 100, 'halfUp')),
        ),
        mrpMinor: product.mrpMinor,
        effectiveFrom: REGION_FROM,
      });
    }
  }
  for (const store of stores) {
    for (const product of random.shuffle(products).slice(0, 6)) {
      const hq = hqOf.get(product.id) ?? product.mrpMinor;
      prices.push({
        id: `pr-${store.code.toLowerCase()}-${product.id}`,
        productId: product.id,
        level: 'store',
        regionId: null,
        storeId: store.id,
        priceMinor: roundRupees(multiplyDivide(hq, random.int(88, 96), 100, 'down')),
        mrpMinor: product.mrpMinor,
        effectiveFrom: STORE_FROM,
      });
    }
  }
  return { products, prices };
}

function draftProduct(random: SeedRandom, draft: Draft, id: string, n: number): SeedProduct {
  const { item } = draft;
  const [variantEn, variantHi, variantPercent] = SEED_VARIANTS[draft.variant] ?? ['', '', 100];
  const perUnitPaise = random.int(item.rupeesPer[0] * 100, item.rupeesPer[1] * 100);
  const common = {
    id,
    sku: `${item.category.slice(0, 3).toUpperCase()}${String(n).padStart(5, '0')}`,
    hsn: item.hsn,
    category: item.category,
  };
  if (draft.loose) {
    // Sold from the sack: priced per kg, weighed at the counter (scale labels, no EAN of its own).
    const perKg = roundRupees(multiplyDivide(perUnitPaise, 92, 100, 'halfUp'));
    return {
      ...common,
      nameEn: `${item.en} (Loose)`,
      nameHi: `${item.hi} (खुला)`,
      barcodes: [],
      taxClassId: item.loose?.taxClassId ?? item.taxClassId,
      unit: 'g',
      priceBasisQty: 1000,
      soldLoose: true,
      mrpMinor: roundRupees(multiplyDivide(perKg, 110, 100, 'up')),
      reorderLevelBase: random.int(2, 8) * 5000,
    };
  }
  const [brandEn, brandHi] = item.brands[draft.brand] ?? ['', ''];
  // Small packs cost more per kg, as on any shelf.
  const smallPack = item.unit !== 'piece' && draft.pack < 250 ? 112 : 100;
  const perBase = multiplyDivide(perUnitPaise, variantPercent * smallPack, 10_000, 'halfUp');
  const exact =
    item.unit === 'piece'
      ? perBase * draft.pack
      : multiplyDivide(perBase, draft.pack, 1000, 'halfUp');
  const [packEn, packHi] = packLabel(item.unit, draft.pack);
  const lineEn = variantEn ? ` ${variantEn}` : '';
  const lineHi = variantHi ? ` ${variantHi}` : '';
  return {
    ...common,
    nameEn: `${brandEn}${lineEn} ${item.en} ${packEn}`.trim(),
    nameHi: `${brandHi}${lineHi} ${item.hi} ${packHi}`.trim(),
    barcodes: [ean13(draft, n)],
    taxClassId: item.taxClassId,
    unit: item.unit,
    priceBasisQty: 1,
    soldLoose: false,
    mrpMinor: mrpOf(exact),
    reorderLevelBase: random.int(1, 4) * 6,
  };
}

/** GS1 India prefix 890, a company prefix per brand, the product number, and the check digit. */
function ean13(draft: Draft, n: number): string {
  const company = String(1000 + SEED_ITEMS.indexOf(draft.item) * 10 + draft.brand).padStart(4, '0');
  const body = `890${company}${String(n).padStart(5, '0')}`;
  return `${body}${ean13CheckDigit(body)}`;
}

/** MRPs end in whole rupees; above ₹100 in multiples of ₹5, as printed on packs. */
function mrpOf(exactPaise: number): number {
  const step = exactPaise > 10_000 ? 500 : 100;
  return Math.max(100, multiplyDivide(exactPaise, 1, step, 'halfUp') * step);
}

function roundRupees(paise: number): number {
  return Math.max(100, multiplyDivide(paise, 1, 100, 'halfUp') * 100);
}

/** Most goods sell at MRP; the rest a few rupees below. */
function hqPrice(random: SeedRandom, mrp: number): number {
  if (random.chance(55)) return mrp;
  return Math.min(mrp, roundRupees(multiplyDivide(mrp, random.int(88, 98), 100, 'down')));
}

function packLabel(unit: SeedItem['unit'], qty: number): [string, string] {
  if (unit === 'piece') return qty === 1 ? ['', ''] : [`Pack of ${qty}`, `${qty} का पैक`];
  if (qty >= 1000 && qty % 1000 === 0) {
    const whole = qty / 1000;
    return unit === 'g' ? [`${whole} kg`, `${whole} किलो`] : [`${whole} L`, `${whole} लीटर`];
  }
  return unit === 'g' ? [`${qty} g`, `${qty} ग्राम`] : [`${qty} ml`, `${qty} मि.ली.`];
}
