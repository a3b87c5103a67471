import {
  type PurchaseOrderFact,
  type PurchaseOrderMovement,
  type PurchaseOrderState,
  nextMovingAverageCost,
} from '@kiryana/shared';
import type { Queryable } from '../../db/db';
import type { StepMovement } from './workflow-write';
import { type WorkflowEventInsert, costPositions, supplierName } from './workflow.queries';

/**
 * What an accepted purchase-order step writes besides the documents: a goods receipt's `receipt`
 * movements with their cost per base unit, the store's new moving-average cost per product
 * (weighed with the store's level just before the receipt), and the `po.*` / `goods.received`
 * events, all in the PO's store.
 */

/** The writes of a PO step. */
export type PurchaseOrderStepPlan = {
  readonly label: string;
  readonly movements: StepMovement[];
  readonly costs: Map<string, { productId: string; onHandQtyBase: number; avgCostMinor: number }[]>;
  readonly events: WorkflowEventInsert[];
};

/** Plans the writes of `fact`, which `applyPurchaseOrderFact` accepted with `result`. */
export async function purchaseOrderPlan(
  q: Queryable,
  before: PurchaseOrderState | null,
  fact: PurchaseOrderFact,
  result: {
    readonly state: PurchaseOrderState;
    readonly movements: readonly PurchaseOrderMovement[];
  },
): Promise<PurchaseOrderStepPlan> {
  const { state } = result;
  const label = (await supplierName(q, state.supplierId)) ?? state.supplierId;
  const positions = await costPositions(
    q,
    state.storeId,
    result.movements.map((m) => m.productId),
  );
  const movements: StepMovement[] = [];
  const costs: { productId: string; onHandQtyBase: number; avgCostMinor: number }[] = [];
  for (const m of result.movements) {
    movements.push({
      id: m.id,
      storeId: m.storeId,
      productId: m.productId,
      kind: 'receipt',
      qtyDeltaBase: m.qtyDeltaBase,
      unitCostMinor: m.unitCostMinor,
      reason: 'purchase_order',
      refId: state.poId,
      supplier: label,
      supplierInvoiceNo: m.supplierInvoiceNo,
      at: fact.at,
    });
    const position = positions.get(m.productId) ?? { onHandQtyBase: 0, avgCostMinor: null };
    costs.push({
      productId: m.productId,
      onHandQtyBase: position.onHandQtyBase + m.qtyDeltaBase,
      avgCostMinor: nextMovingAverageCost(position, {
        qtyBase: m.qtyDeltaBase,
        unitCostMinor: m.unitCostMinor,
      }),
    });
  }
  return {
    label,
    movements,
    costs: new Map([[state.storeId, costs]]),
    events: purchaseOrderEvents(before, fact, state, result.movements, costs),
  };
}

function purchaseOrderEvents(
  before: PurchaseOrderState | null,
  fact: PurchaseOrderFact,
  state: PurchaseOrderState,
  movements: readonly PurchaseOrderMovement[],
  costs: readonly { productId: string; avgCostMinor: number }[],
): WorkflowEventInsert[] {
  const base = {
    poId: state.poId,
    factId: fact.factId,
    supplierId: state.supplierId,
    status: state.status,
    actorId: fact.actorId,
  };
  const event = (topic: string, payload: object): WorkflowEventInsert => ({
    storeId: state.storeId,
    key: `${topic}:${fact.factId}`,
    topic,
    payload,
    occurredAt: fact.at,
  });
  const events: WorkflowEventInsert[] = [];
  switch (fact.type) {
    case 'create':
      events.push(event('po.created', { ...base, lines: state.lines.map(createdLine) }));
      break;
    case 'approve':
      events.push(event('po.approved', base));
      break;
    case 'send':
      events.push(event('po.sent', base));
      break;
    case 'receive': {
      events.push(
        event('po.received', {
          ...base,
          lines: fact.lines.map((l) => {
            const line = state.lines.find((s) => s.productId === l.productId);
            return {
              productId: l.productId,
              receivedQtyBase: l.receivedQtyBase,
              totalReceivedQtyBase: line?.receivedQtyBase ?? l.receivedQtyBase,
              orderedQtyBase: line?.orderedQtyBase ?? 0,
            };
          }),
        }),
      );
      const lines = movements.map((m) => ({
        productId: m.productId,
        qtyBase: m.qtyDeltaBase,
        unitCostMinor: m.unitCostMinor,
        valueMinor: m.qtyDeltaBase * m.unitCostMinor,
        avgCostMinor: costs.find((c) => c.productId === m.productId)?.avgCostMinor ?? 0,
        batchNo: m.batchNo,
        expiryDate: m.expiryDate,
      }));
      events.push(
        event('goods.received', {
          receiptId: fact.factId,
          poId: state.poId,
          supplierId: state.supplierId,
          supplierInvoiceNo: fact.supplierInvoiceNo,
          supplierInvoiceDate: fact.supplierInvoiceDate,
          totalValueMinor: lines.reduce((sum, l) => sum + l.valueMinor, 0),
          lines,
        }),
      );
      break;
    }
    case 'revise':
    case 'close_short':
    case 'cancel':
      break;
  }
  const ended = ['received', 'closed_short', 'cancelled'] as const;
  const outcome = ended.find((s) => s === state.status);
  if (outcome !== undefined && before?.status !== state.status) {
    const reason = fact.type === 'close_short' || fact.type === 'cancel' ? fact.reason : null;
    events.push(event('po.closed', { ...base, outcome, reason }));
  }
  return events;
}

function createdLine(l: PurchaseOrderState['lines'][number]): object {
  return {
    productId: l.productId,
    orderUnitName: l.orderUnitName,
    baseUnitsPerOrderUnit: l.baseUnitsPerOrderUnit,
    orderedQtyOrderUnits: l.orderedQtyOrderUnits,
    orderedQtyBase: l.orderedQtyBase,
    costMinorPerOrderUnit: l.costMinorPerOrderUnit,
  };
}
