import {
  applyTransferFact,
  parseWorkflowBody,
  type TransferFact,
  type TransferMovement,
  type TransferState,
  type WorkflowDocument,
} from '@kiryana/shared';
import type { Stored } from '../../db/schemas';

/**
 * A transfer as this terminal sees it: the server's document row folded with this terminal's own
 * steps the server has not confirmed yet (in the outbox), through the same pure machine the server
 * uses, so a step taken offline shows at once. A pending step the server's document already holds
 * is a no-op of the machine (its fact id is applied), so nothing is counted twice once confirmed.
 */

/** A pending step the machine refuses against the document as the terminal has it. */
export type RefusedStep = {
  readonly factId: string;
  readonly code: string;
  readonly message: string;
};

/** One transfer as the counter shows it. */
export type LocalTransfer = {
  readonly state: TransferState;
  /** The server's list label ('' for a transfer requested here and not pulled back yet). */
  readonly label: string;
  /** This terminal's unconfirmed steps folded into `state`, oldest first. */
  readonly pendingFactIds: readonly string[];
  /** The stock movements those pending steps cause (dispatch −, receive +). */
  readonly pendingMovements: readonly TransferMovement[];
  readonly refused: readonly RefusedStep[];
};

type Row = Stored<WorkflowDocument> | WorkflowDocument;

/** Steps in the order they were taken: by time, then id (UUIDv7 ids sort by time too). */
export function byTakenOrder<T extends { updatedAt: string; id: string }>(a: T, b: T): number {
  if (a.updatedAt !== b.updatedAt) return a.updatedAt < b.updatedAt ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Folds transfer rows (documents of kind `transfer` and `transfer-step`) into the transfers this
 * terminal shows. Only steps whose id is in `pendingIds` are folded: a confirmed step is already in
 * the server's document. Rows that do not parse are left out.
 * @example
 * localTransfers(rows, new Set(outboxIds)); // [{ state: { status: 'in_transit', … }, pendingFactIds: ['…'], … }]
 */
export function localTransfers(
  rows: readonly Row[],
  pendingIds: ReadonlySet<string>,
): LocalTransfer[] {
  const documents = new Map<string, { state: TransferState; label: string }>();
  const steps = new Map<string, { id: string; updatedAt: string; fact: TransferFact }[]>();
  for (const row of rows) {
    if (row.kind !== 'transfer' && row.kind !== 'transfer-step') continue;
    const parsed = parseWorkflowBody(row);
    if (!parsed.ok) continue;
    if (parsed.value.kind === 'transfer') {
      documents.set(row.docId, { state: parsed.value.body, label: row.label });
    } else if (parsed.value.kind === 'transfer-step' && pendingIds.has(row.id)) {
      const list = steps.get(row.docId) ?? [];
      list.push({ id: row.id, updatedAt: row.updatedAt, fact: parsed.value.body });
      steps.set(row.docId, list);
    }
  }
  const result: LocalTransfer[] = [];
  for (const docId of new Set([...documents.keys(), ...steps.keys()])) {
    const base = documents.get(docId);
    let state: TransferState | null = base?.state ?? null;
    const pendingFactIds: string[] = [];
    const pendingMovements: TransferMovement[] = [];
    const refused: RefusedStep[] = [];
    for (const step of (steps.get(docId) ?? []).sort(byTakenOrder)) {
      const outcome = applyTransferFact(state, step.fact);
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
  return result.sort((a, b) => byTakenOrder(timeOf(b), timeOf(a)));
}

const timeOf = (t: LocalTransfer) => ({ updatedAt: t.state.requested.at, id: t.state.transferId });
