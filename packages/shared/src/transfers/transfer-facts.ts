import { z } from 'zod';
import { factIdSchema, isoTimestampSchema, refIdSchema } from '../documents/common';

/**
 * The steps of an inter-store transfer, each a fact with its own client-made id. The transfer
 * document (transfer-state.ts) is the fold of its facts; see docs/transfers-and-purchasing.md.
 */

const MAX_LINES = 500;
const positiveQtySchema = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
const qtySchema = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/** A product appears once per step, so a step's lines can be matched to the transfer's lines. */
function uniqueProducts(lines: readonly { productId: string }[]): boolean {
  return new Set(lines.map((l) => l.productId)).size === lines.length;
}

const factBase = {
  factId: factIdSchema,
  transferId: factIdSchema,
  /** Who took the step (user id); permissions are checked by the server, not here. */
  actorId: refIdSchema,
  at: isoTimestampSchema,
};

const qtyLineSchema = z.object({ productId: refIdSchema, qtyBase: positiveQtySchema });
const qtyLinesSchema = z
  .array(qtyLineSchema)
  .min(1)
  .max(MAX_LINES)
  .refine(uniqueProducts, 'each product once');

/** A store or a manager asks for stock to move from one store to another. Creates the transfer. */
export const transferRequestFactSchema = z.object({
  ...factBase,
  type: z.literal('request'),
  fromStoreId: refIdSchema,
  toStoreId: refIdSchema,
  lines: qtyLinesSchema,
});

/**
 * A regional manager (HQ across regions) approves, optionally cutting quantities: `lines` null
 * approves everything as requested; otherwise each listed product gets the given quantity
 * (≤ requested, 0 drops the line) and unlisted products keep their requested quantity.
 */
export const transferApproveFactSchema = z.object({
  ...factBase,
  type: z.literal('approve'),
  lines: z
    .array(z.object({ productId: refIdSchema, qtyBase: qtySchema }))
    .max(MAX_LINES)
    .refine(uniqueProducts, 'each product once')
    .nullable(),
});

/** The source store's terminal sends goods: `transfer_out` movements. Partial dispatch is fine. */
export const transferDispatchFactSchema = z.object({
  ...factBase,
  type: z.literal('dispatch'),
  /** The acting terminal's store: must be the source. */
  storeId: refIdSchema,
  lines: qtyLinesSchema,
});

/**
 * The destination terminal counts what arrived: `received` goes on its shelf (`transfer_in`);
 * `short` (did not arrive) and `damaged` (arrived unusable, kept off the shelf) open a discrepancy.
 */
export const transferReceiveFactSchema = z.object({
  ...factBase,
  type: z.literal('receive'),
  /** The acting terminal's store: must be the destination. */
  storeId: refIdSchema,
  lines: z
    .array(
      z
        .object({
          productId: refIdSchema,
          receivedQtyBase: qtySchema,
          shortQtyBase: qtySchema,
          damagedQtyBase: qtySchema,
        })
        .refine(
          (l) => l.receivedQtyBase + l.shortQtyBase + l.damagedQtyBase > 0,
          'a line counts something',
        ),
    )
    .min(1)
    .max(MAX_LINES)
    .refine(uniqueProducts, 'each product once'),
  note: z.string().max(500).nullable(),
});

/** Why a manager wrote a discrepancy off. */
export const transferWriteOffReasonSchema = z.enum([
  'lost_in_transit',
  'damaged',
  'theft',
  'count_error',
  'other',
]);

/**
 * A manager resolves a discrepancy: `found` goods turned up after all (or damaged goods are taken
 * into stock) and go on the destination's shelf (`transfer_in`); `writtenOff` is accounted as lost.
 */
export const transferResolveFactSchema = z.object({
  ...factBase,
  type: z.literal('resolve'),
  lines: z
    .array(
      z
        .object({ productId: refIdSchema, foundQtyBase: qtySchema, writeOffQtyBase: qtySchema })
        .refine((l) => l.foundQtyBase + l.writeOffQtyBase > 0, 'a line resolves something'),
    )
    .min(1)
    .max(MAX_LINES)
    .refine(uniqueProducts, 'each product once'),
  reason: transferWriteOffReasonSchema,
  note: z.string().max(500).nullable(),
});

/**
 * Cancels the transfer before anything was dispatched, or, once part was dispatched, the part not
 * yet dispatched (what is on the road still has to be received or written off).
 */
export const transferCancelFactSchema = z.object({
  ...factBase,
  type: z.literal('cancel'),
  reason: z.string().min(1).max(500),
});

/** Any step of a transfer. */
export const transferFactSchema = z.discriminatedUnion('type', [
  transferRequestFactSchema,
  transferApproveFactSchema,
  transferDispatchFactSchema,
  transferReceiveFactSchema,
  transferResolveFactSchema,
  transferCancelFactSchema,
]);

/** A step of a transfer. */
export type TransferFact = z.infer<typeof transferFactSchema>;
/** The fact that creates a transfer. */
export type TransferRequestFact = z.infer<typeof transferRequestFactSchema>;
