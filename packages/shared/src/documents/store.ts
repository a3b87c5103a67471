import { z } from 'zod';
import { currencySchema, deletedSchema, isoTimestampSchema, refIdSchema } from './common';

/**
 * Version of the store document shape. Version 2 added the legal name, the composition flag and
 * e-invoicing (all optional: a version-1 store is a regular taxpayer under its trade name).
 */
export const STORE_SCHEMA_VERSION = 2;

/** A GSTIN: 2-digit state code, 10-character PAN, entity number, `Z`, check character. */
export const gstinSchema = z
  .string()
  .regex(/^[0-9]{2}[A-Z]{5}[0-9]{4}[A-Z][1-9A-Z]Z[0-9A-Z]$/, 'a 15-character GSTIN');

/** A store of the chain, as its terminals and managers see it. */
export const storeSchema = z.object({
  id: refIdSchema,
  schemaVersion: z.union([z.literal(1), z.literal(STORE_SCHEMA_VERSION)]),
  code: z.string().regex(/^[A-Z0-9]{2,8}$/, '2–8 capital letters or digits'),
  nameEn: z.string().min(1).max(200),
  nameHi: z.string().max(200),
  regionId: refIdSchema,
  gstin: gstinSchema,
  stateCode: z.string().regex(/^[0-9]{2}$/),
  address: z.string().max(500),
  currency: currencySchema,
  timezone: z.string().min(1).max(64),
  /** Version 2: the registered (legal) name of the GSTIN, printed on invoices (Rule 46(a)). */
  legalName: z.string().max(200).optional(),
  /**
   * Version 2: registered under the composition scheme (Section 10): its terminals issue bills of
   * supply without tax, with the legend Rule 5(1)(g) of the Composition Rules requires.
   */
  composition: z.boolean().optional(),
  /**
   * Version 2: the GSTIN's aggregate turnover is above the e-invoicing threshold, so its B2B
   * invoices are reported to the IRP (e-invoice JSON, IRN, signed QR).
   */
  einvoicing: z.boolean().optional(),
  updatedAt: isoTimestampSchema,
  _deleted: deletedSchema,
});

/** A store. */
export type Store = z.infer<typeof storeSchema>;
