import {
  applyPurchaseOrderFact,
  parseWorkflowBody,
  type PurchaseOrderFact,
  type PurchaseOrderMovement,
  type PurchaseOrderState,
  type WorkflowDocument,
} from '@kiryana/shared';
import type { Stored } from '../../db/schemas';
import { byTakenOrder, type RefusedStep } from '../transfers/local-transfer';

/**
 * A purchase order as this terminal sees it: the server's row folded with this terminal's goods
 * receipts the server has not confirmed yet (see local-transfer.ts for why only pending steps).
 */

/** One PO as the goods-receipt screen shows it. */
export type LocalPurchaseOrder = {
  readonly state: PurchaseOrderState;
  /** The supplier's name, filled by the server. */
  readonly label: string;
  readonly pendingFactIds: readonly string[];
  /** `receipt` movements of the pending receipts. */
  readonly pendingMovements: readonly PurchaseOrderMovement[];
  readonly refused: readonly RefusedStep[];
};

type Row = Stored<WorkflowDocument> | WorkflowDocument;

/**
 * Folds PO rows (`purchase-order`, `po-step`) with the pending steps among them. Over-delivery is
 * allowed in the fold: the terminal only offers it to a role that may, and the server decides.
 * @example
 * localPurchaseOrders(rows, new Set(outboxIds)); // [{ state: { status: 'partly_received', … }, … }]
 */
export function localPurchaseOrders(
  rows: readonly Row[],
  pendingIds: ReadonlySet<string>,
): LocalPurchaseOrder[] {
  const documents = new Map<string, { state: PurchaseOrderState; label: string }>();
  const steps = new Map<string, { id: string; updatedAt: string; fact: PurchaseOrderFact }[]>();
  for (const row of rows) {
    if (row.kind !== 'purchase-order' && row.kind !== 'po-step') continue;
    const parsed = parseWorkflowBody(row);
    if (!parsed.ok) continue;
    if (parsed.value.kind === 'purchase-order') {
      documents.set(row.docId, { state: parsed.value.body, label: row.label });
    } else if (parsed.value.kind === 'po-step' && pendingIds.has(row.id)) {
      const list = steps.get(row.docId) ?? [];
      list.push({ id: row.id, updatedAt: row.updatedAt, fact: parsed.value.body });
      steps.set(row.docId, list);
    }
  }
  const result: LocalPurchaseOrder[] = [];
  for (const docId of new Set([...documents.keys(), ...steps.keys()])) {
    const base = documents.get(docId);
    let state: PurchaseOrderState | null = base?.state ?? null;
    const pendingFactIds: string[] = [];
    const pendingMovements: PurchaseOrderMovement[] = [];
    const refused: RefusedStep[] = [];
    for (const step of (steps.get(docId) ?? []).sort(byTakenOrder)) {
      const outcome = applyPurchaseOrderFact(state, step.fact, { overDelivery: true });
      if ('error' in outcome) {
        refused.push({ factId: step.id, ...outcome.error });
        continue;
      }
      state = outcome.state;
      pendingFactIds.push(step.id);
      pendingMovements.push(...outcome.movements);
    }
    if (state === null) continue;
    result.push({ state, label: base?.label ?? '', pendingFactIds, pendingMovements, refused });
  }
  return result.sort((a, b) => (a.state.created.at < b.state.created.at ? 1 : -1));
}

/** Whether goods can be received against the PO now (sent, or partly received). */
export function isOpenForReceipt(po: LocalPurchaseOrder): boolean {
  return po.state.status === 'sent' || po.state.status === 'partly_received';
}
