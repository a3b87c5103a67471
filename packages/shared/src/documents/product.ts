import { z } from 'zod';
import {
  baseUnitSchema,
  deletedSchema,
  isoTimestampSchema,
  nonNegativeMinorSchema,
  refIdSchema,
} from './common';

/** Version of the product document shape; bumped with a migration on every incompatible change. */
export const PRODUCT_SCHEMA_VERSION = 1;

/**
 * A catalogue product (HQ-owned reference data, pull-only on terminals). Names are flat fields so
 * terminals can index them for search-as-you-type. `priceBasisQty` is the number of base units a
 * price refers to: 1 for pieces, 1000 for a price per kg or per litre of goods sold loose.
 */
export const productSchema = z.object({
  id: refIdSchema,
  schemaVersion: z.literal(PRODUCT_SCHEMA_VERSION),
  sku: z.string().min(1).max(40),
  nameEn: z.string().min(1).max(200),
  nameHi: z.string().max(200),
  barcodes: z.array(z.string().regex(/^[0-9]{8,14}$/, 'an EAN/UPC barcode')).max(20),
  hsn: z.string().regex(/^([0-9]{4}|[0-9]{6}|[0-9]{8})$/, 'an HSN code of 4, 6 or 8 digits'),
  taxClassId: refIdSchema,
  category: z.string().min(1).max(80),
  unit: baseUnitSchema,
  priceBasisQty: z.union([z.literal(1), z.literal(1000)]),
  soldLoose: z.boolean(),
  mrpMinor: nonNegativeMinorSchema,
  reorderLevelBase: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  active: z.boolean(),
  updatedAt: isoTimestampSchema,
  _deleted: deletedSchema,
});

/** A catalogue product. */
export type Product = z.infer<typeof productSchema>;
