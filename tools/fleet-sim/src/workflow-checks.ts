import { isDeepStrictEqual } from 'node:util';
import {
  type PurchaseOrderFact,
  type PurchaseOrderMovement,
  type PurchaseOrderState,
  type TransferFact,
  type TransferMovement,
  type TransferState,
  applyPurchaseOrderFact,
  applyTransferFact,
  lineInTransit,
} from '@kiryana/shared';
import type { Db } from '@kiryana/sync-server/operator';
import type { MadeStep } from './step-taker';
import type { WorkflowTally } from './workflow-mix';

/**
 * The verdict on transfers and purchase orders, from the server's tables:
 * - every step made (by a terminal or the manager) is held exactly once, and nothing else is;
 * - every document, folded again from its steps with the shared machine, is what the server holds
 *   (in every participating store's copy), and the movements the fold implies are exactly the
 *   movements held (`${factId}:n`, once each, same store, product and quantity; write-offs in
 *   `transfer_write_offs`);
 * - per transfer and product, Σ movements + write-offs = −(in transit), so 0 once closed, and in
 *   transit = dispatched − received − written off;
 * - per PO line, received = Σ of its receipt movements;
 * - every terminal holds its store's transfers and POs with the server's status (the caller
 *   compares, as it does stock levels, and passes the terminals that do not).
 */

/** What the workflow part of a run is judged by. */
export type WorkflowVerdict = {
  readonly transfers: number;
  readonly closedTransfers: number;
  readonly purchaseOrders: number;
  /** Purchase orders closed short (less arrived than ordered). */
  readonly closedShortPurchaseOrders: number;
  /** Units written off as lost in transit, over all transfers. */
  readonly writtenOffQtyBase: number;
  readonly madeSteps: number;
  /** Made step ids the server does not hold. */
  readonly missingSteps: number;
  /** Steps held in more rows than their stores (one; a manager's transfer step: two). */
  readonly doubledSteps: number;
  /** Step rows no one in the run made. */
  readonly unexpectedSteps: number;
  /** Documents whose rows differ between stores, or from the fold of their steps. */
  readonly documentMismatches: readonly string[];
  /** Movements missing, doubled, extra or different from what the fold implies. */
  readonly movementMismatches: readonly string[];
  /** Transfer lines whose movements do not add up to −(in transit), or closed ones not at 0. */
  readonly transferImbalances: readonly string[];
  /** PO lines whose received quantity is not the sum of their receipt movements. */
  readonly poReceiptMismatches: readonly string[];
  /** Terminals whose transfers and POs (id and status) are not their store's on the server. */
  readonly terminalDocumentMismatches: readonly string[];
  /** Workflows the mix could not finish. */
  readonly unfinished: readonly string[];
};

/** Whether nothing was lost, doubled or out of balance. */
export function isWorkflowClean(v: WorkflowVerdict): boolean {
  return (
    v.missingSteps === 0 &&
    v.doubledSteps === 0 &&
    v.unexpectedSteps === 0 &&
    v.documentMismatches.length === 0 &&
    v.movementMismatches.length === 0 &&
    v.transferImbalances.length === 0 &&
    v.poReceiptMismatches.length === 0 &&
    v.terminalDocumentMismatches.length === 0 &&
    v.unfinished.length === 0
  );
}

type Expected = { storeId: string | null; productId: string; qty: number; kind: string };

const TRANSFER_ORDER = ['request', 'approve', 'dispatch', 'receive', 'resolve', 'cancel'];
const PO_ORDER = ['create', 'revise', 'approve', 'send', 'receive', 'close_short', 'cancel'];

/**
 * Steps in an order the machine accepts: by kind of step (every dispatch before every receipt is
 * always legal, since quantities only accumulate), then by time and id.
 */
function foldOrder<T extends { type: string; at: string; factId: string }>(
  facts: readonly T[],
  order: readonly string[],
): T[] {
  return [...facts].sort(
    (a, b) =>
      order.indexOf(a.type) - order.indexOf(b.type) ||
      a.at.localeCompare(b.at) ||
      a.factId.localeCompare(b.factId),
  );
}

/** What a machine answers for one step (transfer or PO): the next state and movements, or why not. */
type MachineOutcome<S> =
  | { state: S; movements: readonly (TransferMovement | PurchaseOrderMovement)[] }
  | { error: { code: string } };

/**
 * Folds a document's stored steps again through its machine, in `foldOrder`, noting in `expected`
 * every movement they imply. Stops at the first step the machine refuses and says which.
 */
function refold<S, F extends { type: string; at: string; factId: string }>(
  facts: readonly F[],
  order: readonly string[],
  apply: (state: S | null, fact: F) => MachineOutcome<S>,
  expected: Map<string, Expected>,
): { state: S | null; refused?: string } {
  let state: S | null = null;
  for (const fact of foldOrder(facts, order)) {
    const result = apply(state, fact);
    if ('error' in result) {
      return { state, refused: `its ${fact.type} ${fact.factId} refolds as ${result.error.code}` };
    }
    state = result.state;
    for (const m of result.movements) {
      expected.set(m.id, {
        storeId: m.storeId,
        productId: m.productId,
        qty: m.qtyDeltaBase,
        kind: m.kind,
      });
    }
  }
  return { state };
}

/** Judges the workflows of a drained fleet. */
export async function judgeWorkflows(
  db: Db,
  terminalSteps: readonly MadeStep[],
  tally: WorkflowTally | undefined,
  terminalDocumentMismatches: readonly string[] = [],
): Promise<WorkflowVerdict> {
  const made = new Set([
    ...terminalSteps.map((s) => s.id),
    ...(tally?.managerSteps ?? []).map((s) => s.id),
  ]);
  // A terminal's step is held in its own store; a manager's transfer step in both stores' scope.
  const copiesOf = new Map<string, number>(
    (tally?.managerSteps ?? []).map((s) => [s.id, s.kind === 'transfer-step' ? 2 : 1]),
  );
  const stepRows = await db.query<{
    id: string;
    doc_id: string;
    kind: string;
    doc: { body: unknown };
  }>(
    `SELECT id, doc_id, kind, doc FROM workflow_documents WHERE kind IN ('transfer-step', 'po-step')`,
  );
  const heldCount = new Map<string, number>();
  for (const row of stepRows.rows) heldCount.set(row.id, (heldCount.get(row.id) ?? 0) + 1);
  const docRows = await db.query<{
    id: string;
    kind: string;
    store_id: string;
    doc: { body: unknown };
  }>(
    `SELECT id, kind, store_id, doc FROM workflow_documents WHERE kind IN ('transfer', 'purchase-order')
      ORDER BY id, store_id`,
  );
  const factIds = [...heldCount.keys()];
  const movementRows = await db.query<{
    id: string;
    store_id: string;
    product_id: string;
    kind: string;
    qty: number;
  }>(
    `SELECT id, store_id, product_id, kind, qty_delta_base::int8 AS qty FROM stock_movements
      WHERE split_part(id, ':', 1) = ANY($1::text[])`,
    [factIds],
  );
  const writeOffRows = await db.query<{ id: string; product_id: string; qty: number }>(
    'SELECT id, product_id, qty_base::int8 AS qty FROM transfer_write_offs',
  );
  const held = new Map<string, Expected[]>();
  for (const m of movementRows.rows) {
    const list = held.get(m.id) ?? [];
    list.push({ storeId: m.store_id, productId: m.product_id, qty: m.qty, kind: m.kind });
    held.set(m.id, list);
  }
  for (const w of writeOffRows.rows) {
    const list = held.get(w.id) ?? [];
    list.push({
      storeId: null,
      productId: w.product_id,
      qty: w.qty,
      kind: 'transit_write_off',
    });
    held.set(w.id, list);
  }
  // Everything held under a fact's ids (`${factId}:n`), whether or not the fold implies it.
  const heldByFact = new Map<string, Expected[]>();
  for (const [id, list] of held) {
    const factId = id.split(':')[0] ?? id;
    heldByFact.set(factId, [...(heldByFact.get(factId) ?? []), ...list]);
  }

  const stepsOf = new Map<string, unknown[]>();
  const folded = new Set<string>();
  for (const row of stepRows.rows) {
    if (folded.has(row.id)) continue;
    folded.add(row.id);
    const list = stepsOf.get(row.doc_id) ?? [];
    list.push(row.doc.body);
    stepsOf.set(row.doc_id, list);
  }
  const documentMismatches: string[] = [];
  const movementMismatches: string[] = [];
  const transferImbalances: string[] = [];
  const poReceiptMismatches: string[] = [];
  const expected = new Map<string, Expected>();
  const seen = new Set<string>();
  let transfers = 0;
  let closedTransfers = 0;
  let purchaseOrders = 0;
  let closedShortPurchaseOrders = 0;

  for (const row of docRows.rows) {
    if (seen.has(row.id)) {
      continue;
    }
    seen.add(row.id);
    const copies = docRows.rows.filter((r) => r.id === row.id);
    if (copies.some((c) => !isDeepStrictEqual(c.doc.body, row.doc.body))) {
      documentMismatches.push(`${row.kind} ${row.id}: the stores' copies differ`);
    }
    const facts = stepsOf.get(row.id) ?? [];
    if (row.kind === 'transfer') {
      transfers += 1;
      const server = row.doc.body as TransferState;
      if (server.status === 'closed') closedTransfers += 1;
      const { state, refused } = refold(
        facts as TransferFact[],
        TRANSFER_ORDER,
        applyTransferFact,
        expected,
      );
      if (refused !== undefined) documentMismatches.push(`transfer ${row.id}: ${refused}`);
      if (!isDeepStrictEqual(state, server)) {
        documentMismatches.push(
          `transfer ${row.id}: the server's document is not the fold of its steps`,
        );
      }
      // Σ movements + write-offs per product against what is on the road.
      const sum = new Map<string, number>();
      for (const fact of facts as TransferFact[]) {
        for (const m of heldByFact.get(fact.factId) ?? [])
          sum.set(m.productId, (sum.get(m.productId) ?? 0) + m.qty);
      }
      for (const line of server.lines) {
        const inTransit = lineInTransit(line);
        const total = sum.get(line.productId) ?? 0;
        if (total !== -inTransit || inTransit < 0 || (server.status === 'closed' && total !== 0)) {
          transferImbalances.push(
            `transfer ${row.id} ${line.productId}: Σ movements ${String(total)}, in transit ${String(inTransit)} (${server.status})`,
          );
        }
      }
    } else {
      purchaseOrders += 1;
      const server = row.doc.body as PurchaseOrderState;
      if (server.status === 'closed_short') closedShortPurchaseOrders += 1;
      // The mix never over-receives; an over-delivery the server let through shows up here.
      const { state, refused } = refold(
        facts as PurchaseOrderFact[],
        PO_ORDER,
        (s: PurchaseOrderState | null, fact: PurchaseOrderFact) =>
          applyPurchaseOrderFact(s, fact, { overDelivery: false }),
        expected,
      );
      if (refused !== undefined) documentMismatches.push(`PO ${row.id}: ${refused}`);
      const received = new Map<string, number>();
      for (const fact of facts as PurchaseOrderFact[]) {
        for (const h of heldByFact.get(fact.factId) ?? []) {
          if (h.kind === 'receipt')
            received.set(h.productId, (received.get(h.productId) ?? 0) + h.qty);
        }
      }
      if (!isDeepStrictEqual(state, server)) {
        documentMismatches.push(`PO ${row.id}: the server's document is not the fold of its steps`);
      }
      for (const line of server.lines) {
        const sum = received.get(line.productId) ?? 0;
        if (sum !== line.receivedQtyBase) {
          poReceiptMismatches.push(
            `PO ${row.id} ${line.productId}: received ${String(line.receivedQtyBase)}, receipt movements ${String(sum)}`,
          );
        }
      }
    }
  }

  for (const [id, want] of expected) {
    const got = held.get(id) ?? [];
    if (got.length !== 1) {
      movementMismatches.push(`${id}: held ${String(got.length)} times`);
      continue;
    }
    const only = got[0];
    if (!isDeepStrictEqual(only, want)) {
      movementMismatches.push(
        `${id}: held ${JSON.stringify(only)}, the fold says ${JSON.stringify(want)}`,
      );
    }
  }
  for (const id of held.keys()) {
    if (!expected.has(id)) movementMismatches.push(`${id}: held, but no step implies it`);
  }

  return {
    transfers,
    closedTransfers,
    purchaseOrders,
    closedShortPurchaseOrders,
    writtenOffQtyBase: writeOffRows.rows.reduce((sum, w) => sum + w.qty, 0),
    madeSteps: made.size,
    missingSteps: [...made].filter((id) => !heldCount.has(id)).length,
    doubledSteps: [...heldCount].filter(([id, n]) => n > (copiesOf.get(id) ?? 1)).length,
    unexpectedSteps: [...heldCount.keys()].filter((id) => !made.has(id)).length,
    documentMismatches,
    movementMismatches,
    transferImbalances,
    poReceiptMismatches,
    terminalDocumentMismatches,
    unfinished: tally?.failures ?? [],
  };
}
