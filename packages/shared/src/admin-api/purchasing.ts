import { z } from 'zod';
import { factIdSchema, refIdSchema } from '../documents/common';
import {
  poApproveFactSchema,
  poCancelFactSchema,
  poCloseShortFactSchema,
  poCreateFactSchema,
  poReviseFactSchema,
  poSendFactSchema,
} from '../purchasing/purchase-order-facts';
import {
  purchaseOrderStateSchema,
  purchaseOrderStatusSchema,
} from '../purchasing/purchase-order-state';
import { supplierProductSchema } from '../purchasing/supplier';
import { int, isoInstant, nullableText } from './wire-primitives';

/**
 * The admin API of suppliers and purchase orders (docs/transfers-and-purchasing.md):
 * - `GET  /v1/admin/suppliers?regionId&storeId&cursor` → `supplierListSchema`
 * - `POST /v1/admin/suppliers` (`supplierInputSchema`) → `supplierSchema`, 201
 * - `GET|PUT /v1/admin/suppliers/{supplierId}` → `supplierSchema`
 * - `GET  /v1/admin/purchase-orders?storeId&supplierId&status&cursor` → `purchaseOrderListSchema`
 * - `POST /v1/admin/purchase-orders` (`poCreateBodySchema`) → `purchaseOrderDetailSchema`, 201
 * - `POST /v1/admin/purchase-orders/from-low-stock` (`poFromLowStockBodySchema`) → detail, 201:
 *   a draft with the store's low-stock products this supplier sells, enough whole packs to reach
 *   twice the reorder level less what the store's open POs have on order
 * - `GET  /v1/admin/purchase-orders/{poId}` → `purchaseOrderDetailSchema`
 * - `POST /v1/admin/purchase-orders/{poId}/revise|approve|send|close-short|cancel` → detail
 * - `GET  /v1/admin/purchase-orders/{poId}/export.pdf|export.csv`: the order for the supplier
 * - `GET  /v1/admin/stock/cost?storeId&productId` → `stockCostSchema`
 * Goods receipts are the store terminal's steps and arrive by sync (`documents` collection).
 */

/** A supplier as the server answers it. */
export const supplierSchema = z.object({
  supplierId: z.string(),
  name: z.string(),
  gstin: nullableText,
  stateCode: z.string(),
  paymentTermsDays: int,
  leadTimeDays: int,
  regionId: nullableText,
  storeIds: z.array(z.string()),
  products: z.array(supplierProductSchema),
  active: z.boolean(),
  updatedAt: isoInstant,
});

/** The answer of `GET /v1/admin/suppliers`. */
export const supplierListSchema = z.object({
  suppliers: z.array(supplierSchema),
  next: z.string().nullable(),
});

/** A PO as the list shows it. */
export const purchaseOrderSummarySchema = z.object({
  poId: z.string(),
  storeId: z.string(),
  storeCode: z.string(),
  supplierId: z.string(),
  supplierName: z.string(),
  status: purchaseOrderStatusSchema,
  createdAt: isoInstant,
  updatedAt: isoInstant,
  lineCount: int,
  /** Σ ordered × cost per order unit, minor units. */
  orderValueMinor: int,
  /** Σ received base units × their receipt cost, minor units. */
  receivedValueMinor: int,
});

/** A row of the PO list. */
export type PurchaseOrderSummary = z.infer<typeof purchaseOrderSummarySchema>;

/** The answer of `GET /v1/admin/purchase-orders`. */
export const purchaseOrderListSchema = z.object({
  purchaseOrders: z.array(purchaseOrderSummarySchema),
  next: z.string().nullable(),
});

/** One PO with what arrived against each line. */
export const purchaseOrderDetailSchema = z.object({
  purchaseOrder: purchaseOrderStateSchema,
  status: purchaseOrderStatusSchema,
  storeCode: z.string(),
  supplierName: z.string(),
  products: z.array(
    z.object({ productId: z.string(), sku: z.string(), nameEn: z.string(), nameHi: z.string() }),
  ),
  variance: z.array(
    z.object({
      productId: z.string(),
      orderedQtyBase: int,
      receivedQtyBase: int,
      overQtyBase: int,
      underQtyBase: int,
      received: z.object({ orderUnits: int, looseBase: int }),
    }),
  ),
});

/** A PO as its detail screen shows it. */
export type PurchaseOrderDetail = z.infer<typeof purchaseOrderDetailSchema>;

const STEP_FIELDS = { actorId: true, at: true, type: true, poId: true } as const;

/** Body of `POST /v1/admin/purchase-orders`: `poId` is client-made, so a retry creates one PO. */
export const poCreateBodySchema = poCreateFactSchema.omit({ actorId: true, at: true, type: true });
/** Body of `POST …/from-low-stock`. */
export const poFromLowStockBodySchema = z.object({
  factId: factIdSchema,
  poId: factIdSchema,
  storeId: refIdSchema,
  supplierId: refIdSchema,
});
/** Body of `POST …/revise`. */
export const poReviseBodySchema = poReviseFactSchema.omit(STEP_FIELDS);
/** Body of `POST …/approve`. */
export const poApproveBodySchema = poApproveFactSchema.omit(STEP_FIELDS);
/** Body of `POST …/send`. */
export const poSendBodySchema = poSendFactSchema.omit(STEP_FIELDS);
/** Body of `POST …/close-short`. */
export const poCloseShortBodySchema = poCloseShortFactSchema.omit(STEP_FIELDS);
/** Body of `POST …/cancel`. */
export const poCancelBodySchema = poCancelFactSchema.omit(STEP_FIELDS);

/** The answer of `GET /v1/admin/stock/cost`: moving-average cost of a product in a store. */
export const stockCostSchema = z.object({
  storeId: z.string(),
  productId: z.string(),
  onHandQtyBase: int,
  /** Minor units per base unit; null before the first costed receipt. */
  avgCostMinor: int.nullable(),
  /** onHand × average, minor units (0 when nothing is on hand). */
  valueMinor: int,
});
