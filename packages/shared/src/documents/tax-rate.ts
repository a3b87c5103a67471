import { z } from 'zod';
import {
  deletedSchema,
  isoDateSchema,
  isoTimestampSchema,
  rateBpSchema,
  refIdSchema,
} from './common';

/** Version of the tax-rate document shape. */
export const TAX_RATE_SCHEMA_VERSION = 1;

/**
 * One effective-dated row of the GST schedule: the rate of a tax class from a date (inclusive) until
 * the day before `effectiveTo` (exclusive), or open-ended. Rates are data, never constants.
 */
export const taxRateSchema = z.object({
  id: refIdSchema,
  schemaVersion: z.literal(TAX_RATE_SCHEMA_VERSION),
  taxClassId: refIdSchema,
  rateBp: rateBpSchema,
  cessBp: rateBpSchema,
  effectiveFrom: isoDateSchema,
  effectiveTo: isoDateSchema.nullable(),
  description: z.string().max(200),
  updatedAt: isoTimestampSchema,
  _deleted: deletedSchema,
});

/** A GST schedule row. */
export type TaxRate = z.infer<typeof taxRateSchema>;
