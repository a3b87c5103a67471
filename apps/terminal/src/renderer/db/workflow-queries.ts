import type { WorkflowDocument } from '@kiryana/shared';
import { localPurchaseOrders, type LocalPurchaseOrder } from './local-purchase-order';
import { localTransfers, type LocalTransfer } from './local-transfer';
import type { TerminalDatabase } from './database';
import type { Stored } from './schemas';

/**
 * Reading the `documents` collection (transfers, POs and their steps) with the outbox: which of
 * this terminal's steps the server has not confirmed yet, and the documents folded with them.
 */

/** Ids of this terminal's steps still in the outbox. */
async function pendingStepIds(db: TerminalDatabase): Promise<Set<string>> {
  const entries = await db.outbox.find({ selector: { factCollection: 'documents' } }).exec();
  return new Set(entries.map((entry) => entry.id));
}

/**
 * The rows the pending steps need: the steps themselves and the documents they belong to. Only
 * these, so the counter's stock (recomputed on every outbox change) never reads every document.
 */
async function pendingRows(
  db: TerminalDatabase,
  pending: ReadonlySet<string>,
): Promise<Stored<WorkflowDocument>[]> {
  if (pending.size === 0) return [];
  const steps = [...(await db.documents.findByIds([...pending]).exec()).values()].map((doc) =>
    doc.toJSON(),
  );
  const docIds = [...new Set(steps.map((step) => step.docId))];
  const documents = await db.documents.findByIds(docIds).exec();
  return [
    ...steps,
    ...[...documents.values()].map((doc) => doc.toJSON()),
  ] as Stored<WorkflowDocument>[];
}

/**
 * The stock change of this terminal's pending transfer and PO steps on `storeId`'s shelf, by
 * product: what the machine's movements of those steps add (dispatch −, receive +).
 */
export async function pendingStepDeltas(
  db: TerminalDatabase,
  storeId: string,
): Promise<Map<string, number>> {
  const pending = await pendingStepIds(db);
  const rows = await pendingRows(db, pending);
  const deltas = new Map<string, number>();
  const movements = [
    ...localTransfers(rows, pending).flatMap((t) => t.pendingMovements),
    ...localPurchaseOrders(rows, pending).flatMap((po) => po.pendingMovements),
  ];
  for (const movement of movements) {
    if (movement.storeId !== storeId) continue;
    deltas.set(movement.productId, (deltas.get(movement.productId) ?? 0) + movement.qtyDeltaBase);
  }
  return deltas;
}

/** Every transfer and PO of this store, folded with the pending steps. */
export async function localWorkflow(
  db: TerminalDatabase,
): Promise<{ transfers: LocalTransfer[]; purchaseOrders: LocalPurchaseOrder[] }> {
  const pending = await pendingStepIds(db);
  const rows = (await db.documents.find().exec()).map(
    (doc) => doc.toJSON() as Stored<WorkflowDocument>,
  );
  return {
    transfers: localTransfers(rows, pending),
    purchaseOrders: localPurchaseOrders(rows, pending),
  };
}
