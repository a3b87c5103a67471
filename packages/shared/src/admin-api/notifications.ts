import { z } from 'zod';
import { baseUnitSchema } from '../documents/common';
import { int, isoInstant } from './wire-primitives';

/**
 * The admin web's notifications: today low-stock alerts, one per `stock.low` event (a product of
 * a store crossing its reorder level), each read or unread for the whole store.
 */

/** One notification with the names the bell shows. */
export const notificationSchema = z.object({
  id: z.string(),
  kind: z.literal('stock.low'),
  storeId: z.string(),
  storeCode: z.string(),
  storeNameEn: z.string(),
  storeNameHi: z.string(),
  productId: z.string(),
  sku: z.string(),
  productNameEn: z.string(),
  productNameHi: z.string(),
  /** The level after the crossing and the reorder level then, integer base units. */
  qtyBase: int,
  reorderLevelBase: int,
  /** Sold by weight or volume: quantities are grams or millilitres; else they count packs. */
  soldLoose: z.boolean(),
  unit: baseUnitSchema,
  occurredAt: isoInstant,
  readAt: isoInstant.nullable(),
});

/** One notification. */
export type Notification = z.infer<typeof notificationSchema>;

/** The answer of `GET /v1/admin/notifications`: newest first, and how many are unread in reach. */
export const notificationListSchema = z.object({
  notifications: z.array(notificationSchema),
  unread: int,
});

/** The answer of marking notifications read: how many changed and how many stay unread. */
export const notificationsReadSchema = z.object({ marked: int, unread: int });
