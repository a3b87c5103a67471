import { z } from 'zod';
import { factIdSchema, refIdSchema } from '../documents/common';
import {
  transferApproveFactSchema,
  transferCancelFactSchema,
  transferRequestFactSchema,
  transferResolveFactSchema,
} from '../transfers/transfer-facts';
import { transferStateSchema, transferStatusSchema } from '../transfers/transfer-state';
import { int, isoInstant } from './wire-primitives';

/**
 * The admin API of inter-store transfers (docs/transfers-and-purchasing.md):
 * - `GET  /v1/admin/transfers?storeId&regionId&status&cursor` → `transferListSchema`
 * - `POST /v1/admin/transfers` (`transferRequestBodySchema`) → `transferDetailSchema`, 201
 * - `GET  /v1/admin/transfers/{transferId}` → `transferDetailSchema`
 * - `POST /v1/admin/transfers/{transferId}/approve|resolve|cancel` (the body schemas below)
 *   → `transferDetailSchema`
 * - `GET  /v1/admin/stock/in-transit?storeId` → `inTransitListSchema`
 * Every step carries a client-made `factId`, so a retried request (lost answer, double click)
 * applies once; the server fills in the actor and the time. Dispatch and receipt are the stores'
 * terminals' steps and arrive by sync (`documents` collection).
 */

/** A transfer as the board lists it. */
export const transferSummarySchema = z.object({
  transferId: z.string(),
  fromStoreId: z.string(),
  fromStoreCode: z.string(),
  toStoreId: z.string(),
  toStoreCode: z.string(),
  status: transferStatusSchema,
  requestedAt: isoInstant,
  updatedAt: isoInstant,
  lineCount: int,
  /** Units dispatched and not yet accounted for at the destination. */
  inTransitQtyBase: int,
});

/** A row of the transfers board. */
export type TransferSummary = z.infer<typeof transferSummarySchema>;

/** The answer of `GET /v1/admin/transfers`: oldest activity last, cursor-paged. */
export const transferListSchema = z.object({
  transfers: z.array(transferSummarySchema),
  next: z.string().nullable(),
});

/** One transfer with its lines' names and what is in transit per product. */
export const transferDetailSchema = z.object({
  transfer: transferStateSchema,
  status: transferStatusSchema,
  fromStoreCode: z.string(),
  toStoreCode: z.string(),
  products: z.array(
    z.object({ productId: z.string(), sku: z.string(), nameEn: z.string(), nameHi: z.string() }),
  ),
  inTransit: z.array(z.object({ productId: z.string(), qtyBase: int })),
});

/** A transfer as its detail screen shows it. */
export type TransferDetail = z.infer<typeof transferDetailSchema>;

const STEP_FIELDS = { actorId: true, at: true, type: true, transferId: true } as const;

/** Body of `POST /v1/admin/transfers`: `transferId` is client-made too, for the same reason. */
export const transferRequestBodySchema = transferRequestFactSchema.omit({
  actorId: true,
  at: true,
  type: true,
});
/** Body of `POST …/approve`. */
export const transferApproveBodySchema = transferApproveFactSchema.omit(STEP_FIELDS);
/** Body of `POST …/resolve`. */
export const transferResolveBodySchema = transferResolveFactSchema.omit(STEP_FIELDS);
/** Body of `POST …/cancel`. */
export const transferCancelBodySchema = transferCancelFactSchema.omit(STEP_FIELDS);

/** Stock on the road, per transfer and product; in the stock screen of both stores. */
export const inTransitListSchema = z.object({
  storeId: z.string(),
  rows: z.array(
    z.object({
      transferId: factIdSchema,
      productId: refIdSchema,
      fromStoreId: z.string(),
      toStoreId: z.string(),
      /** Positive: arriving at this store; negative: left this store. */
      direction: z.enum(['incoming', 'outgoing']),
      qtyBase: int,
    }),
  ),
});
