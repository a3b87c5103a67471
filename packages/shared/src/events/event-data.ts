import { z } from 'zod';
import {
  currencySchema,
  factIdSchema,
  isoDateSchema,
  minorSchema,
  qtyBaseSchema,
  refIdSchema,
} from '../documents/common';
import { stockMovementKindSchema } from '../stock/stock-movement';
import { PUSHABLE_COLLECTIONS } from '../sync/collections';

/**
 * The `data` of each event type, version 1. A field is only ever added as optional within a
 * version; renaming, removing or retyping one makes a new version (docs/events.md). Amounts are
 * integer minor units, quantities integer base units, as everywhere else.
 */

const saleFields = {
  saleId: factIdSchema,
  invoiceNo: z.string().min(1),
  terminalId: z.string().min(1),
  /** The enrolled device that pushed the document. */
  deviceId: z.string().min(1),
  cashierId: z.string().nullable(),
  businessDate: isoDateSchema,
  totalMinor: minorSchema,
  currency: currencySchema,
  lineCount: z.number().int().min(0),
};

/** A bill was stored (pushed by a terminal). */
export const saleRecordedDataSchema = z.strictObject(saleFields);

/** A return was stored; `totalMinor` is what the customer got back, as the return document says. */
export const saleReturnedDataSchema = z.strictObject({
  ...saleFields,
  originalSaleId: factIdSchema.nullable(),
});

/** A stock movement pushed by a terminal (receipt, adjustment, count, transfer). */
export const stockMovedDataSchema = z.strictObject({
  movementId: z.string().min(1),
  productId: refIdSchema,
  kind: stockMovementKindSchema,
  qtyDeltaBase: qtyBaseSchema,
  deviceId: z.string().min(1),
});

/** What changed a level: a bill, a return (credit note) or a pushed stock movement. */
const stockChangeCauseSchema = z.strictObject({
  kind: z.enum(['sale', 'return', 'movement']),
  id: z.string().min(1),
});

/**
 * A product's level in the store changed; `deltaBase` is this transaction's net change. One event
 * per product and writing statement: a push of several bills selling the same product gives one
 * event naming every bill in `causes`. `previousQtyBase` and `causes` came after the first
 * schema (optional, as the versioning rule asks); every writer of the product sets them.
 */
export const stockLevelChangedDataSchema = z.strictObject({
  productId: refIdSchema,
  qtyBase: qtyBaseSchema,
  deltaBase: qtyBaseSchema,
  /** The level before this change (`qtyBase - deltaBase`). */
  previousQtyBase: qtyBaseSchema.optional(),
  /** The documents whose stock effect this is, in id order. */
  causes: z.array(stockChangeCauseSchema).optional(),
});

/**
 * A product's level fell from above its reorder level to at or below it (raised once per crossing:
 * not again while it stays low, again after it went back above). Products without a reorder level
 * (0) never raise it.
 */
export const stockLowDataSchema = z.strictObject({
  productId: refIdSchema,
  qtyBase: qtyBaseSchema,
  reorderLevelBase: qtyBaseSchema,
  /** The level before the change that crossed (optional: added after the first schema). */
  previousQtyBase: qtyBaseSchema.optional(),
});

/** A price row was created, changed or withdrawn (`deleted`). */
export const priceChangedDataSchema = z.strictObject({
  priceId: refIdSchema,
  productId: refIdSchema,
  level: z.enum(['hq', 'region', 'store']),
  priceMinor: minorSchema,
  mrpMinor: minorSchema,
  currency: currencySchema,
  effectiveFrom: isoDateSchema,
  deleted: z.boolean(),
});

/** A product of the catalogue was created, changed or deleted. */
export const productChangedDataSchema = z.strictObject({
  productId: refIdSchema,
  sku: z.string().min(1),
  active: z.boolean(),
  deleted: z.boolean(),
  mrpMinor: minorSchema,
  reorderLevelBase: qtyBaseSchema,
});

/** A terminal enrolled in the store. */
export const deviceEnrolledDataSchema = z.strictObject({
  deviceId: z.string().min(1),
  terminalCode: z.string().min(1),
  name: z.string(),
});

/** A terminal's credential was revoked. */
export const deviceRevokedDataSchema = z.strictObject({
  deviceId: z.string().min(1),
});

/** A pushed document broke a business rule and was set aside (docs/sync.md, quarantine). */
export const syncQuarantinedDataSchema = z.strictObject({
  collection: z.enum(PUSHABLE_COLLECTIONS),
  documentId: z.string().min(1),
  code: z.string().min(1),
  deviceId: z.string().min(1).nullable(),
});
