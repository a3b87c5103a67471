import {
  applyPurchaseOrderFact,
  orderUnitsToBase,
  poReceiveFactSchema,
  stepDocument,
  unitCostPerBase,
  type PurchaseOrderLineState,
  type PurchaseOrderState,
  type WorkflowDocument,
} from '@kiryana/shared';
import type { StepContext } from '../transfers/transfer-steps';

/**
 * A goods receipt against a purchase order at the counter: quantities entered in packs (the PO
 * line's order unit) or in base units, costs prefilled per base unit from the PO line, and the
 * `receive` po-step built and checked by the shared machine before it is stored.
 */

/** What the receipt screen shows of a PO line before anything is entered. */
export type ReceiptLineDefaults = {
  readonly productId: string;
  readonly orderUnitName: string;
  readonly baseUnitsPerOrderUnit: number;
  readonly orderedQtyBase: number;
  readonly receivedSoFarQtyBase: number;
  /** Cost per order unit ÷ pack size, rounded half up (`unitCostPerBase`). */
  readonly unitCostMinor: number;
};

/** The defaults of every line of a PO. */
export function receiptDefaults(po: PurchaseOrderState): ReceiptLineDefaults[] {
  return po.lines.map((l: PurchaseOrderLineState) => ({
    productId: l.productId,
    orderUnitName: l.orderUnitName,
    baseUnitsPerOrderUnit: l.baseUnitsPerOrderUnit,
    orderedQtyBase: l.orderedQtyBase,
    receivedSoFarQtyBase: l.receivedQtyBase,
    unitCostMinor: unitCostPerBase(l.costMinorPerOrderUnit, l.baseUnitsPerOrderUnit),
  }));
}

/**
 * Base units of what was entered: whole packs of the line's order unit, or base units as they are.
 * Undefined for a negative, fractional or out-of-range entry.
 * @example
 * enteredToBase(3, 'packs', 24); // 72
 * enteredToBase(5, 'units', 24); // 5
 */
export function enteredToBase(
  qty: number,
  mode: 'packs' | 'units',
  baseUnitsPerOrderUnit: number,
): number | undefined {
  if (!Number.isSafeInteger(qty) || qty < 0) return undefined;
  if (mode === 'units') return qty;
  try {
    return orderUnitsToBase(qty, baseUnitsPerOrderUnit);
  } catch {
    return undefined;
  }
}

/** Ordered vs received so far vs this delivery, with the over- or under-delivery that would leave. */
export type LineVariance = {
  readonly afterQtyBase: number;
  readonly overQtyBase: number;
  readonly underQtyBase: number;
};

/**
 * The variance of a line after this delivery.
 * @example
 * lineVariance({ orderedQtyBase: 48, receivedSoFarQtyBase: 24 }, 30); // { afterQtyBase: 54, overQtyBase: 6, underQtyBase: 0 }
 */
export function lineVariance(
  line: Pick<ReceiptLineDefaults, 'orderedQtyBase' | 'receivedSoFarQtyBase'>,
  thisDeliveryQtyBase: number,
): LineVariance {
  const afterQtyBase = line.receivedSoFarQtyBase + thisDeliveryQtyBase;
  return {
    afterQtyBase,
    overQtyBase: Math.max(0, afterQtyBase - line.orderedQtyBase),
    underQtyBase: Math.max(0, line.orderedQtyBase - afterQtyBase),
  };
}

/** One line of this delivery, in base units. */
export type DeliveryLine = {
  readonly productId: string;
  readonly receivedQtyBase: number;
  readonly unitCostMinor: number;
  readonly batchNo: string;
  /** YYYY-MM-DD or ''. */
  readonly expiryDate: string;
};

/** A receipt ready to record, or why not. */
export type ReceiptOutcome =
  | { readonly ok: true; readonly row: WorkflowDocument; readonly state: PurchaseOrderState }
  | { readonly ok: false; readonly code: string; readonly message: string };

/**
 * The `receive` po-step of a delivery; lines with nothing received are left out. `overDelivery`
 * is whether the signed-in person holds purchases:overreceive.
 * @example
 * poReceiptStep(ctx, po, { supplierInvoiceNo: 'AT/1', supplierInvoiceDate: '2026-04-01', lines }, false);
 */
export function poReceiptStep(
  ctx: StepContext,
  po: PurchaseOrderState,
  delivery: {
    readonly supplierInvoiceNo: string;
    readonly supplierInvoiceDate: string;
    readonly lines: readonly DeliveryLine[];
  },
  overDelivery: boolean,
): ReceiptOutcome {
  const parsed = poReceiveFactSchema.safeParse({
    type: 'receive',
    factId: ctx.newId(),
    poId: po.poId,
    actorId: ctx.actorId,
    at: ctx.at,
    storeId: ctx.storeId,
    supplierInvoiceNo: delivery.supplierInvoiceNo.trim(),
    supplierInvoiceDate: delivery.supplierInvoiceDate,
    lines: delivery.lines
      .filter((l) => l.receivedQtyBase > 0)
      .map((l) => ({
        productId: l.productId,
        receivedQtyBase: l.receivedQtyBase,
        unitCostMinor: l.unitCostMinor,
        batchNo: l.batchNo.trim() === '' ? null : l.batchNo.trim(),
        expiryDate: l.expiryDate === '' ? null : l.expiryDate,
      })),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      code: 'INVALID',
      message: `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`,
    };
  }
  const outcome = applyPurchaseOrderFact(po, parsed.data, { overDelivery });
  if ('error' in outcome) return { ok: false, ...outcome.error };
  return { ok: true, row: stepDocument(ctx.storeId, parsed.data), state: outcome.state };
}
