import { z } from 'zod';
import { saleSchema } from '../documents/sale';
import { factIdSchema } from '../documents/common';

/**
 * `GET /v1/sync/bill`: a terminal fetches one bill of its own store from the server, with the
 * returns already made against it, when the bill is no longer in its local database (local
 * history retention forgets synced facts after a window). The store comes from the device
 * credential, never from the query.
 */

/**
 * The query: exactly one of `invoiceNo` (as printed; matched upper-case, like the terminal's own
 * lookup) or `id`.
 * @example
 * billLookupQuerySchema.parse({ invoiceNo: 'blr1t1/26/000042' }); // { invoiceNo: 'BLR1T1/26/000042' }
 */
export const billLookupQuerySchema = z
  .object({
    invoiceNo: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z0-9/-]{1,16}$/, 'an invoice number: at most 16 letters, digits, - or /')
      .optional(),
    id: factIdSchema.optional(),
  })
  .strict()
  .refine((query) => (query.invoiceNo === undefined) !== (query.id === undefined), {
    message: 'give exactly one of invoiceNo and id',
    path: ['invoiceNo'],
  });

/** A parsed bill lookup query. */
export type BillLookupQuery = z.infer<typeof billLookupQuerySchema>;

/** The answer: the bill and its returns (oldest first), as the server stores them. */
export const billLookupResponseSchema = z.object({
  sale: saleSchema,
  returns: z.array(saleSchema),
});

/** The answer to a bill lookup. */
export type BillLookupResponse = z.infer<typeof billLookupResponseSchema>;
