import type { Sale, StockMovement, WorkflowDocument } from '@kiryana/shared';
import {
  confirmSynced as confirmOutboxSynced,
  reconcileOutbox as reconcileOutboxOf,
  recordFact,
  recordFacts,
  watchUnsynced as watchOutbox,
  type Outbox,
  type UnsyncedSummary,
} from '@kiryana/sync-client';
import type { Observable } from 'rxjs';
import type { TerminalDatabase } from './database';
import type { Stored } from './schemas';

/**
 * Writing the facts this terminal makes (sales, returns, stock movements) and tracking which of
 * them the server has not confirmed yet, through the sync client's outbox (`@kiryana/sync-client`,
 * outbox.ts): a fact's outbox entry is written first and removed when a push succeeds or the fact
 * comes back in a pull, so a crash between the two writes leaves at worst an entry without a fact,
 * which `reconcileOutbox` drops.
 */

/** The terminal's outbox: its local-only `outbox` collection over its sales and movements. */
export function outboxOf(db: TerminalDatabase): Outbox {
  return {
    entries: db.outbox,
    facts: {
      sales: db.sales,
      'stock-movements': db['stock-movements'],
      documents: db.documents,
    },
  };
}

/**
 * Records a sale or return: one document, written atomically by the storage.
 * @example
 * await recordSale(db, sale);
 */
export async function recordSale(db: TerminalDatabase, sale: Stored<Sale>): Promise<void> {
  await recordFact(outboxOf(db), 'sales', sale);
}

/**
 * Records stock movements (a receipt or an adjustment) as one bulk write.
 * @example
 * await recordMovements(db, [movement]);
 */
export async function recordMovements(
  db: TerminalDatabase,
  movements: readonly Stored<StockMovement>[],
): Promise<void> {
  await recordFacts(outboxOf(db), 'stock-movements', movements);
}

/**
 * Records a transfer or PO step (a `transfer-step` / `po-step` row from `stepDocument`) with its
 * outbox entry, as a sale is recorded. A step row has no `createdAt` of its own, so the entry
 * takes the step's time (`updatedAt`, the fact's `at`) and the row is stored exactly as built.
 * @example
 * await recordStep(db, stepDocument(storeId, dispatchFact));
 */
export async function recordStep(db: TerminalDatabase, step: WorkflowDocument): Promise<void> {
  if (step.kind !== 'transfer-step' && step.kind !== 'po-step') {
    throw new Error(`A terminal records steps only, not ${step.kind} rows.`);
  }
  const { _deleted: _, ...stored } = step;
  const outbox = outboxOf(db);
  await outbox.entries.insert({
    id: stored.id,
    factCollection: 'documents',
    createdAt: stored.updatedAt,
  });
  try {
    await db.documents.insert(stored);
  } catch (error) {
    await outbox.entries.findOne(stored.id).remove();
    throw error;
  }
}

/** Marks facts as on the server (pushed successfully, or seen in a pull). */
export async function confirmSynced(db: TerminalDatabase, ids: readonly string[]): Promise<void> {
  await confirmOutboxSynced(outboxOf(db), ids);
}

/** Drops outbox entries whose fact was never written (a crash between the two writes). */
export async function reconcileOutbox(db: TerminalDatabase): Promise<number> {
  return reconcileOutboxOf(outboxOf(db));
}

/** Watches the outbox: the status bar's unsynced count and the age of the oldest. */
export function watchUnsynced(db: TerminalDatabase): Observable<UnsyncedSummary> {
  return watchOutbox(outboxOf(db));
}
