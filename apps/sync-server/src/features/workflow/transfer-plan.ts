import {
  type TransferFact,
  type TransferMovement,
  type TransferState,
  nextMovingAverageCost,
} from '@kiryana/shared';
import type { Queryable } from '../../db/db';
import type { StepMovement } from './workflow-write';
import {
  type WorkflowEventInsert,
  type WriteOffInsert,
  costPositions,
  storesById,
} from './workflow.queries';

/**
 * What an accepted transfer step writes besides the documents: stock movements with their cost,
 * the destination's new average cost, write-offs and events. Cost: goods move at the source's
 * moving-average cost (taken before the step); a `transfer_in` re-weighs the destination's
 * average with that cost, as a receipt does; a write-off is valued at it. A source that never
 * had a costed receipt of the product moves it without cost and leaves the destination's average.
 */

/** The writes of a transfer step. */
export type TransferStepPlan = {
  readonly label: string;
  readonly movements: StepMovement[];
  readonly costs: Map<string, { productId: string; onHandQtyBase: number; avgCostMinor: number }[]>;
  readonly writeOffs: WriteOffInsert[];
  readonly events: WorkflowEventInsert[];
};

/** Plans the writes of `fact`, which `applyTransferFact` accepted with `result`. */
export async function transferPlan(
  q: Queryable,
  before: TransferState | null,
  fact: TransferFact,
  result: { readonly state: TransferState; readonly movements: readonly TransferMovement[] },
): Promise<TransferStepPlan> {
  const { state } = result;
  const stores = await storesById(q, [state.fromStoreId, state.toStoreId]);
  const code = (id: string) => stores.get(id)?.code ?? id;
  const label = `${code(state.fromStoreId)} → ${code(state.toStoreId)}`;
  const productIds = [...new Set(result.movements.map((m) => m.productId))];
  const source = await costPositions(q, state.fromStoreId, productIds);
  const destination = await costPositions(q, state.toStoreId, productIds);
  const sourceCost = (productId: string) => source.get(productId)?.avgCostMinor ?? null;

  const movements: StepMovement[] = [];
  const writeOffs: WriteOffInsert[] = [];
  const destinationCosts: { productId: string; onHandQtyBase: number; avgCostMinor: number }[] = [];
  for (const m of result.movements) {
    const unitCostMinor = sourceCost(m.productId);
    if (m.kind === 'transit_write_off') {
      writeOffs.push({
        id: m.id,
        transferId: state.transferId,
        factId: fact.factId,
        fromStoreId: state.fromStoreId,
        toStoreId: state.toStoreId,
        productId: m.productId,
        qtyBase: m.qtyDeltaBase,
        unitCostMinor,
        valueMinor: unitCostMinor === null ? null : unitCostMinor * m.qtyDeltaBase,
        reason: fact.type === 'resolve' ? fact.reason : 'other',
        note: fact.type === 'resolve' ? fact.note : null,
        actorId: fact.actorId,
        writtenOffAt: fact.at,
      });
      continue;
    }
    if (m.storeId === null) continue;
    movements.push({
      id: m.id,
      storeId: m.storeId,
      productId: m.productId,
      kind: m.kind,
      qtyDeltaBase: m.qtyDeltaBase,
      unitCostMinor,
      reason: `transfer_${fact.type}`,
      refId: state.transferId,
      supplier: null,
      supplierInvoiceNo: null,
      at: fact.at,
    });
    if (m.kind === 'transfer_in' && unitCostMinor !== null) {
      const position = destination.get(m.productId) ?? { onHandQtyBase: 0, avgCostMinor: null };
      destinationCosts.push({
        productId: m.productId,
        onHandQtyBase: position.onHandQtyBase + m.qtyDeltaBase,
        avgCostMinor: nextMovingAverageCost(position, { qtyBase: m.qtyDeltaBase, unitCostMinor }),
      });
    }
  }
  const costs = new Map([[state.toStoreId, destinationCosts]]);
  return {
    label,
    movements,
    costs,
    writeOffs,
    events: transferEvents(before, fact, state, sourceCost),
  };
}

/** The events of a transfer step, each in the outbox of the store whose part the step is. */
function transferEvents(
  before: TransferState | null,
  fact: TransferFact,
  state: TransferState,
  sourceCost: (productId: string) => number | null,
): WorkflowEventInsert[] {
  const base = {
    transferId: state.transferId,
    factId: fact.factId,
    fromStoreId: state.fromStoreId,
    toStoreId: state.toStoreId,
    status: state.status,
    actorId: fact.actorId,
  };
  const event = (storeId: string, topic: string, payload: object): WorkflowEventInsert => ({
    storeId,
    key: `${topic}:${fact.factId}`,
    topic,
    payload,
    occurredAt: fact.at,
  });
  const from = state.fromStoreId;
  const to = state.toStoreId;
  const events: WorkflowEventInsert[] = [];
  switch (fact.type) {
    case 'request':
      events.push(
        event(from, 'transfer.requested', {
          ...base,
          lines: state.lines.map((l) => ({ productId: l.productId, qtyBase: l.requestedQtyBase })),
        }),
      );
      break;
    case 'approve':
      events.push(
        event(from, 'transfer.approved', {
          ...base,
          lines: state.lines.map((l) => ({ productId: l.productId, qtyBase: l.approvedQtyBase })),
        }),
      );
      break;
    case 'dispatch':
      events.push(event(from, 'transfer.dispatched', { ...base, lines: fact.lines }));
      break;
    case 'receive':
      events.push(event(to, 'transfer.received', { ...base, lines: fact.lines }));
      break;
    case 'resolve':
      events.push(
        event(to, 'transfer.resolved', {
          ...base,
          reason: fact.reason,
          lines: fact.lines.map((l) => {
            const cost = sourceCost(l.productId);
            return {
              ...l,
              writeOffValueMinor: cost === null ? null : cost * l.writeOffQtyBase,
            };
          }),
        }),
      );
      break;
    case 'cancel':
      events.push(event(from, 'transfer.cancelled', { ...base, reason: fact.reason }));
      break;
  }
  if (state.status === 'closed' && before?.status !== 'closed') {
    events.push(event(to, 'transfer.closed', base));
  }
  return events;
}
