import { z } from 'zod';
import { baseUnitSchema } from '../documents/common';
import { int, isoInstant, nullableText } from './wire-primitives';

/** What the admin API answers about stock. Quantities are integer base units. */

/** A product's stock in one store against its reorder level. */
export const stockRowSchema = z.object({
  productId: z.string(),
  sku: z.string(),
  nameEn: z.string(),
  nameHi: z.string(),
  unit: baseUnitSchema,
  /** Sold by weight or volume: quantities are grams or millilitres; else they count packs. */
  soldLoose: z.boolean(),
  qtyBase: int,
  reorderLevelBase: int,
  isLow: z.boolean(),
});

/** A product's stock in one store. */
export type StockRow = z.infer<typeof stockRowSchema>;

/** The answer of `GET /v1/admin/stock`: a page of a store's stock. */
export const storeStockSchema = z.object({
  storeId: z.string(),
  levels: z.array(stockRowSchema),
  next: z.string().nullable(),
});

/** The answer of `GET /v1/admin/stock/by-product`: one product across stores. */
export const productStockSchema = z.object({
  productId: z.string(),
  stores: z.array(
    z.object({
      storeId: z.string(),
      storeCode: z.string(),
      nameEn: z.string(),
      qtyBase: int,
      isLow: z.boolean(),
    }),
  ),
});

/** One stock movement as the movement history shows it. */
export const movementSchema = z.object({
  id: z.string(),
  kind: z.string(),
  qtyDeltaBase: int,
  createdAt: isoInstant,
  receivedAt: isoInstant,
  terminalId: nullableText,
  cashierId: nullableText,
  cashierName: nullableText,
  reason: nullableText,
  note: nullableText,
  refId: nullableText,
  supplier: nullableText,
});

/** One stock movement of the history. */
export type Movement = z.infer<typeof movementSchema>;

/** The answer of `GET /v1/admin/stock/movements`: a product's movements in a store. */
export const movementsSchema = z.object({
  storeId: z.string(),
  productId: z.string(),
  limit: int,
  movements: z.array(movementSchema),
});
