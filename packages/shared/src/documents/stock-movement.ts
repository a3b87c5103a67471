import { z } from 'zod';
import {
  deletedSchema,
  isoTimestampSchema,
  minorSchema,
  qtyBaseSchema,
  refIdSchema,
} from './common';

/** Version of the stock-movement document shape. */
export const STOCK_MOVEMENT_SCHEMA_VERSION = 1;

/** The kinds of stock movement; the sign rules per kind live in `stock/`. */
export const movementKindSchema = z.enum([
  'sale',
  'return',
  'receipt',
  'adjustment',
  'count',
  'transfer_out',
  'transfer_in',
]);

/**
 * An insert-only change of stock of one product in one store, in signed base units. Terminals push
 * receipts, adjustments and counts with UUIDv7 ids; the server derives sale and return movements from
 * sale documents with ids `${saleId}:${lineNo}`. A stock level is the sum of a store's movements.
 */
export const stockMovementSchema = z.object({
  id: z
    .string()
    .max(42)
    .regex(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(:[0-9]{1,5})?$/,
      'a lowercase UUID, optionally :lineNo',
    ),
  schemaVersion: z.literal(STOCK_MOVEMENT_SCHEMA_VERSION),
  storeId: refIdSchema,
  productId: refIdSchema,
  kind: movementKindSchema,
  qtyDeltaBase: qtyBaseSchema,
  reason: z.string().max(40).nullable(),
  note: z.string().max(500).nullable(),
  refId: z.string().max(64).nullable(),
  unitCostMinor: minorSchema.nullable(),
  supplier: z.string().max(200).nullable(),
  supplierInvoiceNo: z.string().max(64).nullable(),
  terminalId: refIdSchema.nullable(),
  cashierId: refIdSchema.nullable(),
  createdAt: isoTimestampSchema,
  _deleted: deletedSchema,
});

/** A stock movement. */
export type StockMovement = z.infer<typeof stockMovementSchema>;
