import { type PromotionLineInput } from './promotion-lines';
import {
  type Promotion,
  type PromotionInput,
  promotionSchema,
  type PromotionTarget,
} from './promotion-schemas';
import { type PromotionContext } from './promotion-window';

/** Test fixtures for the promotion tests. */

/** A Monday noon in store s1 of region r1, in rupees. */
export const monday: PromotionContext = {
  currency: 'INR',
  storeId: 's1',
  regionId: 'r1',
  date: '2026-12-07',
  time: '12:00',
};

/** A target naming products, categories or brands. */
export function target(
  names: { productIds?: string[]; categories?: string[]; brands?: string[] } = {},
): PromotionTarget {
  return {
    productIds: names.productIds ?? [],
    categories: names.categories ?? [],
    brands: names.brands ?? [],
  };
}

/** A chain-wide, non-exclusive promotion valid all of December 2026, through the schema. */
export function promotion(
  id: string,
  rule: PromotionInput['rule'],
  overrides: Partial<Omit<PromotionInput, 'rule'>> = {},
): Promotion {
  return promotionSchema.parse({
    id,
    schemaVersion: 1,
    name: { en: `Offer ${id}`, hi: '' },
    currency: 'INR',
    scope: { level: 'chain' },
    schedule: { validFrom: '2026-12-01', validTo: '2026-12-31' },
    priority: 0,
    exclusive: false,
    rule,
    ...overrides,
  });
}

/** A line of `qtyBase` pieces at `unitPriceMinor` each (MRP the same unless given). */
export function pieces(
  productId: string,
  unitPriceMinor: number,
  qtyBase: number,
  more: Partial<PromotionLineInput> = {},
): PromotionLineInput {
  return {
    productId,
    qtyBase,
    priceBasisQty: 1,
    unitPriceMinor,
    mrpMinor: unitPriceMinor,
    category: 'general',
    brand: null,
    ...more,
  };
}
