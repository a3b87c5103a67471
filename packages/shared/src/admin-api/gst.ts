import { z } from 'zod';
import { factIdSchema } from '../documents/common';
import { int, isoDate, isoInstant, nullableText } from './wire-primitives';

/**
 * The admin API of GST (docs/gst.md):
 * - `GET  /v1/admin/tax-classes` → `taxClassListSchema`: every class with its effective-dated rates
 *   and the HSN prefixes it covers (reports:read)
 * - `POST /v1/admin/tax-classes` (`taxClassInputSchema`) → `taxClassSchema`, 201 (tax:write)
 * - `PUT  /v1/admin/tax-classes/{taxClassId}` (`taxClassInputSchema` without id) → `taxClassSchema`
 * - `POST /v1/admin/tax-classes/{taxClassId}/rates` (`rateChangeBodySchema`) → `taxClassSchema`,
 *   201: closes the row in force at `effectiveFrom` and opens the new one (tax:write). A date in a
 *   month whose GSTR-1 is filed for any GSTIN answers 409 RATE_CHANGE_IN_FILED_MONTH unless
 *   `confirmFiledMonth` gives the reason, which the audit log keeps.
 * - `GET  /v1/admin/gst/filings?gstin` → `gstFilingListSchema` (reports:read)
 * - `POST /v1/admin/gst/filings` (`gstFilingBodySchema`) → `gstFilingSchema`, 201 (gst:file)
 * - `GET  /v1/admin/gst/gstins` → `gstinListSchema`: the chain's GSTINs with their stores
 * - `GET  /v1/admin/gst/gstr1?gstin&period=YYYY-MM` → the GSTR-1 JSON of the GST offline tool
 *   (packages/shared gst-returns/gstr1); `&format=csv&section=b2b|b2cl|b2cs|cdnr|cdnur|hsn|docs`
 *   → that section as CSV (reports:read)
 * - `GET  /v1/admin/sales/{saleId}/invoice.pdf` → the A4 tax invoice / bill of supply / credit
 *   note, the same document the terminal prints (sales:read in the sale's store)
 * - `GET  /v1/admin/sales/{saleId}/einvoice` → `einvoiceStatusSchema` (JSON of schema 1.1 and
 *   the IRN once registered); `POST …/einvoice/register` → `einvoiceStatusSchema` (gst:file):
 *   sends it through the IRP interface and stores IRN, ack number and date, signed QR.
 */

/** One effective-dated rate of a class, as the server answers it. */
export const taxRateRowSchema = z.object({
  id: z.string(),
  rateBp: int,
  cessBp: int,
  cessSpecificMinor: int,
  cessSpecificPerQty: int,
  effectiveFrom: isoDate,
  effectiveTo: isoDate.nullable(),
  description: z.string(),
  updatedAt: isoInstant,
});

/** A tax class with its rates, newest first. */
export const taxClassSchema = z.object({
  taxClassId: z.string(),
  description: z.string(),
  /** HSN prefixes (2–8 digits) a product of this class must start with; empty = any. */
  hsnPrefixes: z.array(z.string()),
  rates: z.array(taxRateRowSchema),
  /** Products that point at this class. */
  productCount: int,
});

/** The answer of `GET /v1/admin/tax-classes`. */
export const taxClassListSchema = z.object({ taxClasses: z.array(taxClassSchema) });

/** Body of `POST /v1/admin/tax-classes`. */
export const taxClassInputSchema = z.object({
  taxClassId: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'lowercase letters, digits and -, 2–63 characters'),
  description: z.string().min(1).max(200),
  hsnPrefixes: z.array(z.string().regex(/^[0-9]{2,8}$/, 'an HSN prefix of 2 to 8 digits')).max(200),
});

/** Body of `POST /v1/admin/tax-classes/{taxClassId}/rates`. */
export const rateChangeBodySchema = z.object({
  /** The client's id of this change: a retried POST applies once. */
  factId: factIdSchema,
  rateBp: z.number().int().min(0).max(10_000),
  cessBp: z.number().int().min(0).max(50_000),
  cessSpecificMinor: z.number().int().min(0).max(100_000_000).default(0),
  cessSpecificPerQty: z.number().int().min(1).max(1_000_000).default(1),
  effectiveFrom: isoDate,
  description: z.string().min(1).max(200),
  /** Required to change a rate from a date in a filed month; the reason is audited. */
  confirmFiledMonth: z.object({ reason: z.string().min(5).max(500) }).optional(),
});

/** A rate change as a client sends it (the per-quantity cess fields may be left to their defaults). */
export type RateChangeBody = z.input<typeof rateChangeBodySchema>;

/** A month's GSTR-1 marked filed for a GSTIN. */
export const gstFilingSchema = z.object({
  gstin: z.string(),
  /** `YYYY-MM`. */
  period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
  filedAt: isoInstant,
  filedBy: z.string(),
  /** The acknowledgement reference the portal gave, as typed by the accountant. */
  arn: nullableText,
});

/** The answer of `GET /v1/admin/gst/filings`. */
export const gstFilingListSchema = z.object({ filings: z.array(gstFilingSchema) });

/** Body of `POST /v1/admin/gst/filings`. */
export const gstFilingBodySchema = z.object({
  gstin: z.string().length(15),
  period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
  arn: z.string().max(40).nullable().default(null),
});

/** A GSTIN of the chain and the stores under it (a state's stores share one). */
export const gstinListSchema = z.object({
  gstins: z.array(
    z.object({
      gstin: z.string(),
      stateCode: z.string(),
      legalName: z.string(),
      composition: z.boolean(),
      einvoicing: z.boolean(),
      storeIds: z.array(z.string()),
    }),
  ),
});

/** An e-invoice's state for a sale. */
export const einvoiceStatusSchema = z.object({
  saleId: z.string(),
  /** The e-invoice JSON of schema version 1.1, as it is (or was) sent to the IRP. */
  payload: z.record(z.string(), z.unknown()),
  status: z.enum(['not-registered', 'registered', 'failed']),
  irn: nullableText,
  ackNo: nullableText,
  ackDate: nullableText,
  signedQrCode: nullableText,
  error: nullableText,
});
