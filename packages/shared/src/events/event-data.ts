import { z } from 'zod';
import {
  currencySchema,
  factIdSchema,
  isoDateSchema,
  minorSchema,
  qtyBaseSchema,
  refIdSchema,
} from '../documents/common';
import { stockMovementKindSchema } from '../stock/stock-movement';
import { PUSHABLE_COLLECTIONS } from '../sync/collections';

/**
 * The `data` of each event type, version 1. A field is only ever added as optional within a
 * version; renaming, removing or retyping one makes a new version (docs/events.md). Amounts are
 * integer minor units, quantities integer base units, as everywhere else.
 */

const saleFields = {
  saleId: factIdSchema,
  invoiceNo: z.string().min(1),
  terminalId: z.string().min(1),
  /** The enrolled device that pushed the document. */
  deviceId: z.string().min(1),
  cashierId: z.string().nullable(),
  businessDate: isoDateSchema,
  totalMinor: minorSchema,
  currency: currencySchema,
  lineCount: z.number().int().min(0),
};

/** A bill was stored (pushed by a terminal). */
export const saleRecordedDataSchema = z.strictObject(saleFields);

/** A return was stored; `totalMinor` is what the customer got back, as the return document says. */
export const saleReturnedDataSchema = z.strictObject({
  ...saleFields,
  originalSaleId: factIdSchema.nullable(),
});

/** A stock movement pushed by a terminal (receipt, adjustment, count, transfer). */
export const stockMovedDataSchema = z.strictObject({
  movementId: z.string().min(1),
  productId: refIdSchema,
  kind: stockMovementKindSchema,
  qtyDeltaBase: qtyBaseSchema,
  deviceId: z.string().min(1),
});

/** What changed a level: a bill, a return (credit note) or a pushed stock movement. */
const stockChangeCauseSchema = z.strictObject({
  kind: z.enum(['sale', 'return', 'movement']),
  id: z.string().min(1),
});

/**
 * A product's level in the store changed; `deltaBase` is this transaction's net change. One event
 * per product and writing statement: a push of several bills selling the same product gives one
 * event naming every bill in `causes`. `previousQtyBase` and `causes` came after the first
 * schema (optional, as the versioning rule asks); every writer of the product sets them.
 */
export const stockLevelChangedDataSchema = z.strictObject({
  productId: refIdSchema,
  qtyBase: qtyBaseSchema,
  deltaBase: qtyBaseSchema,
  /** The level before this change (`qtyBase - deltaBase`). */
  previousQtyBase: qtyBaseSchema.optional(),
  /** The documents whose stock effect this is, in id order. */
  causes: z.array(stockChangeCauseSchema).optional(),
});

/**
 * A product's level fell from above its reorder level to at or below it (raised once per crossing:
 * not again while it stays low, again after it went back above). Products without a reorder level
 * (0) never raise it.
 */
export const stockLowDataSchema = z.strictObject({
  productId: refIdSchema,
  qtyBase: qtyBaseSchema,
  reorderLevelBase: qtyBaseSchema,
  /** The level before the change that crossed (optional: added after the first schema). */
  previousQtyBase: qtyBaseSchema.optional(),
});

/** A price row was created, changed or withdrawn (`deleted`). */
export const priceChangedDataSchema = z.strictObject({
  priceId: refIdSchema,
  productId: refIdSchema,
  level: z.enum(['hq', 'region', 'store']),
  priceMinor: minorSchema,
  mrpMinor: minorSchema,
  currency: currencySchema,
  effectiveFrom: isoDateSchema,
  deleted: z.boolean(),
});

/** A product of the catalogue was created, changed or deleted. */
export const productChangedDataSchema = z.strictObject({
  productId: refIdSchema,
  sku: z.string().min(1),
  active: z.boolean(),
  deleted: z.boolean(),
  mrpMinor: minorSchema,
  reorderLevelBase: qtyBaseSchema,
});

/** A rate row of the GST schedule as an event tells it (`previous`: the row it follows). */
const taxRateFields = {
  taxRateId: refIdSchema,
  rateBp: z.number().int().min(0).max(100_000),
  cessBp: z.number().int().min(0).max(100_000),
  /** Specific cess in minor units per `cessSpecificPerQty` base units (tax-rate v2). */
  cessSpecificMinor: minorSchema,
  cessSpecificPerQty: z.number().int().min(1),
  effectiveFrom: isoDateSchema,
};

/**
 * A GST rate row was added or its rate, cess or start changed (HQ's rate change, the seed, a
 * migration): on the chain stream, as terminals pull the row.
 */
export const taxRateChangedDataSchema = z.strictObject({
  ...taxRateFields,
  taxClassId: refIdSchema,
  effectiveTo: isoDateSchema.nullable(),
  deleted: z.boolean(),
  /** The class's row in force before this one starts, if any. */
  previous: z.strictObject(taxRateFields).nullable(),
});

/** A terminal enrolled in the store. */
export const deviceEnrolledDataSchema = z.strictObject({
  deviceId: z.string().min(1),
  terminalCode: z.string().min(1),
  name: z.string(),
});

/** A terminal's credential was revoked. */
export const deviceRevokedDataSchema = z.strictObject({
  deviceId: z.string().min(1),
});

/** A pushed document broke a business rule and was set aside (docs/sync.md, quarantine). */
export const syncQuarantinedDataSchema = z.strictObject({
  collection: z.enum(PUSHABLE_COLLECTIONS),
  documentId: z.string().min(1),
  code: z.string().min(1),
  deviceId: z.string().min(1).nullable(),
});

/*
 * Transfers and purchase orders (issue 15, docs/transfers-and-purchasing.md). The server writes
 * one event per applied step, in the outbox of the store whose shelf or order the step concerns
 * (docs/events.md); replays of a step write nothing.
 */

const transferStatusOfEvent = z.enum([
  'requested',
  'approved',
  'dispatching',
  'in_transit',
  'discrepancy',
  'closed',
  'cancelled',
]);

const transferEventFields = {
  transferId: factIdSchema,
  /** The step (fact) that caused the event. */
  factId: factIdSchema,
  fromStoreId: refIdSchema,
  toStoreId: refIdSchema,
  /** The transfer's status after the step. */
  status: transferStatusOfEvent,
  /** Who took the step (user id). */
  actorId: refIdSchema,
};

const transferQtyLineSchema = z.strictObject({ productId: refIdSchema, qtyBase: qtyBaseSchema });

/** A transfer was requested (lines as requested). */
export const transferRequestedDataSchema = z.strictObject({
  ...transferEventFields,
  lines: z.array(transferQtyLineSchema),
});

/** A transfer was approved (lines as approved, possibly cut). */
export const transferApprovedDataSchema = z.strictObject({
  ...transferEventFields,
  lines: z.array(transferQtyLineSchema),
});

/** The source sent goods (this dispatch's quantities; `transfer_out` movements). */
export const transferDispatchedDataSchema = z.strictObject({
  ...transferEventFields,
  lines: z.array(transferQtyLineSchema),
});

/** The destination counted a delivery: received onto its shelf, short, damaged. */
export const transferReceivedDataSchema = z.strictObject({
  ...transferEventFields,
  lines: z.array(
    z.strictObject({
      productId: refIdSchema,
      receivedQtyBase: qtyBaseSchema,
      shortQtyBase: qtyBaseSchema,
      damagedQtyBase: qtyBaseSchema,
    }),
  ),
});

/**
 * A manager resolved a discrepancy: found (onto the destination's shelf) and written off, the
 * write-off valued at the source's average cost (null when the source has no cost yet).
 */
export const transferResolvedDataSchema = z.strictObject({
  ...transferEventFields,
  reason: z.string().min(1),
  lines: z.array(
    z.strictObject({
      productId: refIdSchema,
      foundQtyBase: qtyBaseSchema,
      writeOffQtyBase: qtyBaseSchema,
      writeOffValueMinor: minorSchema.nullable(),
    }),
  ),
});

/** A transfer (or its undispatched remainder) was cancelled. */
export const transferCancelledDataSchema = z.strictObject({
  ...transferEventFields,
  reason: z.string().min(1),
});

/** Everything dispatched was received or written off: the transfer is closed. */
export const transferClosedDataSchema = z.strictObject(transferEventFields);

const purchaseOrderStatusOfEvent = z.enum([
  'draft',
  'approved',
  'sent',
  'partly_received',
  'received',
  'closed_short',
  'cancelled',
]);

const poEventFields = {
  poId: factIdSchema,
  factId: factIdSchema,
  supplierId: refIdSchema,
  /** The PO's status after the step. */
  status: purchaseOrderStatusOfEvent,
  actorId: refIdSchema,
};

/** A purchase order was drafted (its lines in order units and base units). */
export const poCreatedDataSchema = z.strictObject({
  ...poEventFields,
  lines: z.array(
    z.strictObject({
      productId: refIdSchema,
      orderUnitName: z.string().min(1),
      baseUnitsPerOrderUnit: qtyBaseSchema,
      orderedQtyOrderUnits: qtyBaseSchema,
      orderedQtyBase: qtyBaseSchema,
      costMinorPerOrderUnit: minorSchema,
    }),
  ),
});

/** A purchase order was approved. */
export const poApprovedDataSchema = z.strictObject(poEventFields);

/** A purchase order went to the supplier. */
export const poSentDataSchema = z.strictObject(poEventFields);

/** A delivery was received against a PO: per line this receipt and the total so far. */
export const poReceivedDataSchema = z.strictObject({
  ...poEventFields,
  lines: z.array(
    z.strictObject({
      productId: refIdSchema,
      receivedQtyBase: qtyBaseSchema,
      totalReceivedQtyBase: qtyBaseSchema,
      orderedQtyBase: qtyBaseSchema,
    }),
  ),
});

/** A PO ended: fully received, closed short or cancelled. */
export const poClosedDataSchema = z.strictObject({
  ...poEventFields,
  outcome: z.enum(['received', 'closed_short', 'cancelled']),
  reason: z.string().nullable(),
});

/**
 * Goods came into a store from a supplier (one event per receipt): quantities, cost per base unit,
 * the store's moving-average cost after it, and the supplier's invoice.
 */
export const goodsReceivedDataSchema = z.strictObject({
  /** The receipt (the PO step's fact id). */
  receiptId: factIdSchema,
  poId: factIdSchema.nullable(),
  supplierId: refIdSchema,
  supplierInvoiceNo: z.string().min(1),
  supplierInvoiceDate: isoDateSchema,
  totalValueMinor: minorSchema,
  lines: z.array(
    z.strictObject({
      productId: refIdSchema,
      qtyBase: qtyBaseSchema,
      unitCostMinor: minorSchema,
      valueMinor: minorSchema,
      avgCostMinor: minorSchema,
      batchNo: z.string().nullable(),
      expiryDate: isoDateSchema.nullable(),
    }),
  ),
});
