import { parseWorkflowBody, type WorkflowBody, type WorkflowDocument } from '@kiryana/shared';
import type { Stored } from './schemas';

/**
 * A workflow document (transfer or PO) as this terminal sees it: the server's document row folded
 * with this terminal's own steps the server has not confirmed yet (in the outbox), through the same
 * pure machine the server uses, so a step taken offline shows at once. A pending step the server's
 * document already holds is a no-op of the machine (its fact id is applied), so nothing is counted
 * twice once confirmed. Transfers and POs fold the same way; only the machine differs.
 */

/** A pending step the machine refuses against the document as the terminal has it. */
type RefusedStep = {
  readonly factId: string;
  readonly code: string;
  readonly message: string;
};

/** One document folded with its pending steps. */
export type FoldedDocument<State, Movement> = {
  readonly state: State;
  /** The server's list label ('' for a document started here and not pulled back yet). */
  readonly label: string;
  /** This terminal's unconfirmed steps folded into `state`, oldest first. */
  readonly pendingFactIds: readonly string[];
  /** The stock movements those pending steps cause. */
  readonly pendingMovements: readonly Movement[];
  readonly refused: readonly RefusedStep[];
};

type Row = Stored<WorkflowDocument> | WorkflowDocument;
/** The two document kinds a terminal folds, each with the kind of its steps. */
type Kinds =
  | { readonly document: 'transfer'; readonly step: 'transfer-step' }
  | { readonly document: 'purchase-order'; readonly step: 'po-step' };

/** The fact a step row of `K` holds. */
type StepOf<K extends Kinds> = Extract<WorkflowBody, { kind: K['step'] }>['body'];

/** What a machine answers for one step: the next state and its movements, or a refusal. */
type StepOutcome<State, Movement> =
  { state: State; movements: readonly Movement[] } | { error: { code: string; message: string } };

/** Steps in the order they were taken: by time, then id (UUIDv7 ids sort by time too). */
export function byTakenOrder<T extends { updatedAt: string; id: string }>(a: T, b: T): number {
  if (a.updatedAt !== b.updatedAt) return a.updatedAt < b.updatedAt ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Folds the rows of one document kind (and its step kind) through `apply`. Only steps whose id is
 * in `pendingIds` are folded: a confirmed step is already in the server's document. Rows that do
 * not parse are left out; the result is unordered (each caller orders its list).
 * @example
 * foldPendingSteps(rows, outbox, { document: 'transfer', step: 'transfer-step' }, applyTransferFact);
 * // [{ state: { status: 'in_transit', … }, pendingFactIds: ['…'], … }]
 */
export function foldPendingSteps<K extends Kinds, State, Movement>(
  rows: readonly Row[],
  pendingIds: ReadonlySet<string>,
  kinds: K,
  apply: (state: State | null, fact: StepOf<K>) => StepOutcome<State, Movement>,
): FoldedDocument<State, Movement>[] {
  type Fact = StepOf<K>;
  const documents = new Map<string, { state: State; label: string }>();
  const steps = new Map<string, { id: string; updatedAt: string; fact: Fact }[]>();
  for (const row of rows) {
    if (row.kind !== kinds.document && row.kind !== kinds.step) continue;
    const parsed = parseWorkflowBody(row);
    if (!parsed.ok) continue;
    // The kind checks pick the body type; TypeScript cannot narrow the union by a generic kind.
    if (parsed.value.kind === kinds.document) {
      documents.set(row.docId, { state: parsed.value.body as State, label: row.label });
    } else if (parsed.value.kind === kinds.step && pendingIds.has(row.id)) {
      const list = steps.get(row.docId) ?? [];
      list.push({ id: row.id, updatedAt: row.updatedAt, fact: parsed.value.body as Fact });
      steps.set(row.docId, list);
    }
  }
  const result: FoldedDocument<State, Movement>[] = [];
  for (const docId of new Set([...documents.keys(), ...steps.keys()])) {
    const base = documents.get(docId);
    let state: State | null = base?.state ?? null;
    const pendingFactIds: string[] = [];
    const pendingMovements: Movement[] = [];
    const refused: RefusedStep[] = [];
    for (const step of (steps.get(docId) ?? []).sort(byTakenOrder)) {
      const outcome = apply(state, step.fact);
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
  return result;
}
