import { z } from 'zod';
import {
  factIdSchema,
  isoDateSchema,
  isoTimestampSchema,
  nonNegativeMinorSchema,
  refIdSchema,
} from '../documents/common';

/**
 * The steps of a purchase order, each a fact with its own id. HQ or a region drafts, approves and
 * sends; the store's terminal records goods receipts against it, offline if need be.
 */

const MAX_LINES = 500;
const countSchema = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

function uniqueProducts(lines: readonly { productId: string }[]): boolean {
  return new Set(lines.map((l) => l.productId)).size === lines.length;
}

const factBase = {
  factId: factIdSchema,
  poId: factIdSchema,
  /** Who took the step; permissions (approve, over-receive) are the server's to check. */
  actorId: refIdSchema,
  at: isoTimestampSchema,
};

/** A line as ordered: a quantity of order units (cases of 24 …) at a cost per order unit. */
export const purchaseOrderLineInputSchema = z.object({
  productId: refIdSchema,
  /** What the supplier calls the unit: case, bag, dozen, piece. */
  orderUnitName: z.string().min(1).max(20),
  baseUnitsPerOrderUnit: countSchema,
  orderedQtyOrderUnits: countSchema,
  costMinorPerOrderUnit: nonNegativeMinorSchema,
});

/** Drafts a purchase order for one store from one supplier. */
export const poCreateFactSchema = z.object({
  ...factBase,
  type: z.literal('create'),
  storeId: refIdSchema,
  supplierId: refIdSchema,
  lines: z
    .array(purchaseOrderLineInputSchema)
    .min(1)
    .max(MAX_LINES)
    .refine(uniqueProducts, 'each product once'),
});

/** Replaces the lines of a draft. */
export const poReviseFactSchema = poCreateFactSchema
  .omit({ type: true, storeId: true, supplierId: true })
  .extend({ type: z.literal('revise') });

/** Approves a draft. */
export const poApproveFactSchema = z.object({ ...factBase, type: z.literal('approve') });

/** Records that the PO went to the supplier (PDF/CSV by e-mail or in person). */
export const poSendFactSchema = z.object({ ...factBase, type: z.literal('send') });

/** A goods receipt line: what arrived, at what cost per base unit, with batch and expiry if tracked. */
export const poReceiptLineSchema = z.object({
  productId: refIdSchema,
  receivedQtyBase: countSchema,
  unitCostMinor: nonNegativeMinorSchema,
  batchNo: z.string().min(1).max(40).nullable(),
  expiryDate: isoDateSchema.nullable(),
});

/** A delivery counted at the store against the PO: `receipt` stock movements with their cost. */
export const poReceiveFactSchema = z.object({
  ...factBase,
  type: z.literal('receive'),
  /** The acting terminal's store: must be the PO's store. */
  storeId: refIdSchema,
  supplierInvoiceNo: z.string().min(1).max(64),
  supplierInvoiceDate: isoDateSchema,
  lines: z
    .array(poReceiptLineSchema)
    .min(1)
    .max(MAX_LINES)
    .refine(uniqueProducts, 'each product once'),
});

/** Ends a partly received PO: the rest will not come. */
export const poCloseShortFactSchema = z.object({
  ...factBase,
  type: z.literal('close_short'),
  reason: z.string().min(1).max(500),
});

/** Cancels a PO before anything was received. */
export const poCancelFactSchema = z.object({
  ...factBase,
  type: z.literal('cancel'),
  reason: z.string().min(1).max(500),
});

/** Any step of a purchase order. */
export const purchaseOrderFactSchema = z.discriminatedUnion('type', [
  poCreateFactSchema,
  poReviseFactSchema,
  poApproveFactSchema,
  poSendFactSchema,
  poReceiveFactSchema,
  poCloseShortFactSchema,
  poCancelFactSchema,
]);

/** A step of a purchase order. */
export type PurchaseOrderFact = z.infer<typeof purchaseOrderFactSchema>;
