import {
  applyTransferFact,
  type TransferMovement,
  type TransferState,
  type WorkflowDocument,
} from '@kiryana/shared';
import type { Stored } from './schemas';
import { byTakenOrder, foldPendingSteps, type FoldedDocument } from './fold-pending-steps';

/**
 * A transfer as this terminal sees it: the server's document row folded with this terminal's own
 * unconfirmed steps (see fold-pending-steps.ts for how and why only pending steps).
 */

/** One transfer as the counter shows it; its pending movements are dispatch −, receive +. */
export type LocalTransfer = FoldedDocument<TransferState, TransferMovement>;

type Row = Stored<WorkflowDocument> | WorkflowDocument;

/**
 * Folds transfer rows (documents of kind `transfer` and `transfer-step`) into the transfers this
 * terminal shows, newest request first.
 * @example
 * localTransfers(rows, new Set(outboxIds)); // [{ state: { status: 'in_transit', … }, pendingFactIds: ['…'], … }]
 */
export function localTransfers(
  rows: readonly Row[],
  pendingIds: ReadonlySet<string>,
): LocalTransfer[] {
  return foldPendingSteps(
    rows,
    pendingIds,
    { document: 'transfer', step: 'transfer-step' },
    applyTransferFact,
  ).sort((a, b) => byTakenOrder(timeOf(b), timeOf(a)));
}

const timeOf = (t: LocalTransfer) => ({ updatedAt: t.state.requested.at, id: t.state.transferId });
