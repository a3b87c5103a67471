import { z } from 'zod';
import { deletedSchema, isoTimestampSchema, qtyBaseSchema, refIdSchema } from './common';

/** Version of the stock-level document shape. */
export const STOCK_LEVEL_SCHEMA_VERSION = 1;

/**
 * The server's projection of stock on hand of a product in a store: the sum of all movements it has
 * received. Pull-only: terminals show this plus their own movements not yet uploaded.
 * `id` is `${storeId}|${productId}`.
 */
export const stockLevelSchema = z.object({
  id: z.string().min(3).max(129),
  schemaVersion: z.literal(STOCK_LEVEL_SCHEMA_VERSION),
  storeId: refIdSchema,
  productId: refIdSchema,
  qtyBase: qtyBaseSchema,
  updatedAt: isoTimestampSchema,
  _deleted: deletedSchema,
});

/** A stock level snapshot. */
export type StockLevel = z.infer<typeof stockLevelSchema>;

/** The id of the stock-level document of a product in a store. */
export function stockLevelId(storeId: string, productId: string): string {
  return `${storeId}|${productId}`;
}
