import { z } from 'zod';
import {
  factIdSchema,
  isoDateSchema,
  isoTimestampSchema,
  nonNegativeMinorSchema,
  refIdSchema,
} from '../documents/common';
import { splitIntoOrderUnits } from './order-units';

const qtySchema = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/** A PO line with its order converted to base units and what has been received so far. */
export const purchaseOrderLineStateSchema = z.object({
  productId: refIdSchema,
  orderUnitName: z.string().min(1).max(20),
  baseUnitsPerOrderUnit: z.number().int().min(1),
  orderedQtyOrderUnits: qtySchema,
  /** orderedQtyOrderUnits × baseUnitsPerOrderUnit. */
  orderedQtyBase: qtySchema,
  costMinorPerOrderUnit: nonNegativeMinorSchema,
  receivedQtyBase: qtySchema,
});

/** A line of a purchase order. */
export type PurchaseOrderLineState = z.infer<typeof purchaseOrderLineStateSchema>;

/** Where a PO stands. `partly_received` and `received` follow from the received quantities. */
export const purchaseOrderStatusSchema = z.enum([
  'draft',
  'approved',
  'sent',
  'partly_received',
  'received',
  'closed_short',
  'cancelled',
]);

/** The state of a purchase order. */
export type PurchaseOrderStatus = z.infer<typeof purchaseOrderStatusSchema>;

const stampSchema = z.object({ by: refIdSchema, at: isoTimestampSchema });

/** The purchase order document. */
export const purchaseOrderStateSchema = z.object({
  poId: factIdSchema,
  storeId: refIdSchema,
  supplierId: refIdSchema,
  status: purchaseOrderStatusSchema,
  created: stampSchema,
  approved: stampSchema.nullable(),
  sent: stampSchema.nullable(),
  /** Closed short or cancelled, with why. */
  ended: stampSchema
    .extend({ outcome: z.enum(['closed_short', 'cancelled']), reason: z.string().max(500) })
    .nullable(),
  /** Sorted by product id. */
  lines: z.array(purchaseOrderLineStateSchema).min(1),
  /** One entry per goods receipt, sorted by fact id. */
  receipts: z.array(
    z.object({
      factId: factIdSchema,
      supplierInvoiceNo: z.string().max(64),
      supplierInvoiceDate: isoDateSchema,
      at: isoTimestampSchema,
    }),
  ),
  appliedFactIds: z.array(factIdSchema),
});

/** A purchase order document. */
export type PurchaseOrderState = z.infer<typeof purchaseOrderStateSchema>;

/**
 * The status a PO's steps and quantities imply.
 * @example
 * purchaseOrderStatusOf(sentWithHalfReceived); // 'partly_received'
 */
export function purchaseOrderStatusOf(
  state: Pick<PurchaseOrderState, 'approved' | 'sent' | 'ended' | 'lines'>,
): PurchaseOrderStatus {
  if (state.ended !== null) return state.ended.outcome;
  if (state.approved === null) return 'draft';
  if (state.sent === null) return 'approved';
  const received = state.lines.filter((l) => l.receivedQtyBase > 0);
  if (received.length === 0) return 'sent';
  if (state.lines.every((l) => l.receivedQtyBase >= l.orderedQtyBase)) return 'received';
  return 'partly_received';
}

/** What arrived against a line compared with what was ordered. */
export type PurchaseOrderLineVariance = {
  readonly productId: string;
  readonly orderedQtyBase: number;
  readonly receivedQtyBase: number;
  /** Received beyond the order (only with the over-delivery permission). */
  readonly overQtyBase: number;
  /** Still missing. */
  readonly underQtyBase: number;
  /** Received, as the supplier counts: whole order units and loose base units. */
  readonly received: { readonly orderUnits: number; readonly looseBase: number };
};

/**
 * Over- and under-delivery per line.
 * @example
 * // ordered 5 cases of 24 (120), received 100
 * purchaseOrderVariance(po)[0]; // { orderedQtyBase: 120, receivedQtyBase: 100, overQtyBase: 0, underQtyBase: 20, received: { orderUnits: 4, looseBase: 4 } }
 */
export function purchaseOrderVariance(state: PurchaseOrderState): PurchaseOrderLineVariance[] {
  return state.lines.map((l) => ({
    productId: l.productId,
    orderedQtyBase: l.orderedQtyBase,
    receivedQtyBase: l.receivedQtyBase,
    overQtyBase: Math.max(0, l.receivedQtyBase - l.orderedQtyBase),
    underQtyBase: Math.max(0, l.orderedQtyBase - l.receivedQtyBase),
    received: splitIntoOrderUnits(l.receivedQtyBase, l.baseUnitsPerOrderUnit),
  }));
}
