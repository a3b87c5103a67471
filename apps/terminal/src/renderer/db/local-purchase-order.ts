import {
  applyPurchaseOrderFact,
  type PurchaseOrderMovement,
  type PurchaseOrderState,
  type WorkflowDocument,
} from '@kiryana/shared';
import type { Stored } from './schemas';
import { foldPendingSteps, type FoldedDocument } from './fold-pending-steps';

/**
 * A purchase order as this terminal sees it: the server's row folded with this terminal's goods
 * receipts the server has not confirmed yet (see fold-pending-steps.ts for why only pending steps).
 */

/**
 * One PO as the goods-receipt screen shows it: its label is the supplier's name (filled by the
 * server), its pending movements the `receipt` movements of the pending receipts.
 */
export type LocalPurchaseOrder = FoldedDocument<PurchaseOrderState, PurchaseOrderMovement>;

type Row = Stored<WorkflowDocument> | WorkflowDocument;

/**
 * Folds PO rows (`purchase-order`, `po-step`) with the pending steps among them, newest PO first.
 * Over-delivery is allowed in the fold: the terminal only offers it to a role that may, and the
 * server decides.
 * @example
 * localPurchaseOrders(rows, new Set(outboxIds)); // [{ state: { status: 'partly_received', … }, … }]
 */
export function localPurchaseOrders(
  rows: readonly Row[],
  pendingIds: ReadonlySet<string>,
): LocalPurchaseOrder[] {
  return foldPendingSteps(
    rows,
    pendingIds,
    { document: 'purchase-order', step: 'po-step' },
    (state: PurchaseOrderState | null, fact) =>
      applyPurchaseOrderFact(state, fact, { overDelivery: true }),
  ).sort((a, b) => (a.state.created.at < b.state.created.at ? 1 : -1));
}

/** Whether goods can be received against the PO now (sent, or partly received). */
export function isOpenForReceipt(po: LocalPurchaseOrder): boolean {
  return po.state.status === 'sent' || po.state.status === 'partly_received';
}
