import { z } from 'zod';
import {
  deletedSchema,
  isoDateSchema,
  isoTimestampSchema,
  rateBpSchema,
  refIdSchema,
} from './common';

/**
 * Version of the tax-rate document shape. Version 2 added the specific (per-unit) cess, e.g.
 * compensation cess on cigarettes per 1,000 sticks; absent means none.
 */
export const TAX_RATE_SCHEMA_VERSION = 2;

/**
 * One effective-dated row of the GST schedule: the rate of a tax class from a date (inclusive) until
 * the day before `effectiveTo` (exclusive), or open-ended. Rates are data, never constants.
 */
export const taxRateSchema = z.object({
  id: refIdSchema,
  schemaVersion: z.union([z.literal(1), z.literal(TAX_RATE_SCHEMA_VERSION)]),
  taxClassId: refIdSchema,
  rateBp: rateBpSchema,
  cessBp: rateBpSchema,
  /** Version 2: specific cess in minor units per `cessSpecificPerQty` base units (e.g. ₹X per 1,000 sticks). */
  cessSpecificMinor: z.number().int().min(0).max(100_000_000).optional(),
  /** Version 2: the base units the specific cess is quoted for (1,000 for "per 1,000 sticks"). */
  cessSpecificPerQty: z.number().int().min(1).max(1_000_000).optional(),
  effectiveFrom: isoDateSchema,
  effectiveTo: isoDateSchema.nullable(),
  description: z.string().max(200),
  updatedAt: isoTimestampSchema,
  _deleted: deletedSchema,
});

/** A GST schedule row. */
export type TaxRate = z.infer<typeof taxRateSchema>;
