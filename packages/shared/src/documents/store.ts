import { z } from 'zod';
import { currencySchema, deletedSchema, isoTimestampSchema, refIdSchema } from './common';

/** Version of the store document shape. */
export const STORE_SCHEMA_VERSION = 1;

/** A GSTIN: 2-digit state code, 10-character PAN, entity number, `Z`, check character. */
export const gstinSchema = z
  .string()
  .regex(/^[0-9]{2}[A-Z]{5}[0-9]{4}[A-Z][1-9A-Z]Z[0-9A-Z]$/, 'a 15-character GSTIN');

/** A store of the chain, as its terminals and managers see it. */
export const storeSchema = z.object({
  id: refIdSchema,
  schemaVersion: z.literal(STORE_SCHEMA_VERSION),
  code: z.string().regex(/^[A-Z0-9]{2,8}$/, '2–8 capital letters or digits'),
  nameEn: z.string().min(1).max(200),
  nameHi: z.string().max(200),
  regionId: refIdSchema,
  gstin: gstinSchema,
  stateCode: z.string().regex(/^[0-9]{2}$/),
  address: z.string().max(500),
  currency: currencySchema,
  timezone: z.string().min(1).max(64),
  updatedAt: isoTimestampSchema,
  _deleted: deletedSchema,
});

/** A store. */
export type Store = z.infer<typeof storeSchema>;
