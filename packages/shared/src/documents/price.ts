import { z } from 'zod';
import {
  currencySchema,
  deletedSchema,
  isoDateSchema,
  isoTimestampSchema,
  nonNegativeMinorSchema,
  refIdSchema,
} from './common';

/** Version of the price document shape. */
export const PRICE_SCHEMA_VERSION = 1;

/**
 * A selling price of a product: HQ-wide, for a region, or a store override. Prices are inclusive
 * of GST, per `priceBasisQty` base units of the product, and never above its MRP.
 */
export const priceSchema = z.object({
  id: refIdSchema,
  schemaVersion: z.literal(PRICE_SCHEMA_VERSION),
  productId: refIdSchema,
  level: z.enum(['hq', 'region', 'store']),
  regionId: refIdSchema.nullable(),
  storeId: refIdSchema.nullable(),
  currency: currencySchema,
  priceMinor: nonNegativeMinorSchema,
  mrpMinor: nonNegativeMinorSchema,
  effectiveFrom: isoDateSchema,
  updatedAt: isoTimestampSchema,
  _deleted: deletedSchema,
});

/** A price row. */
export type Price = z.infer<typeof priceSchema>;

const LEVEL_RANK = { store: 3, region: 2, hq: 1 } as const;

/**
 * The price that applies to a product in a store on a date: a store override beats the region's
 * price, which beats HQ's; among rows of one level the latest `effectiveFrom` not after `date` wins.
 * Returns undefined when no price applies, so a missing price is never silently 0.
 * @example
 * resolvePrice(prices, { productId: 'p1', storeId: 's1', regionId: 'r1', date: '2026-04-01' })?.priceMinor;
 */
export function resolvePrice(
  prices: readonly Price[],
  at: { productId: string; storeId: string; regionId: string; date: string },
): Price | undefined {
  let best: Price | undefined;
  for (const price of prices) {
    if (price._deleted || price.productId !== at.productId || price.effectiveFrom > at.date)
      continue;
    if (price.level === 'store' && price.storeId !== at.storeId) continue;
    if (price.level === 'region' && price.regionId !== at.regionId) continue;
    if (
      best === undefined ||
      LEVEL_RANK[price.level] > LEVEL_RANK[best.level] ||
      (price.level === best.level && price.effectiveFrom > best.effectiveFrom)
    ) {
      best = price;
    }
  }
  return best;
}
