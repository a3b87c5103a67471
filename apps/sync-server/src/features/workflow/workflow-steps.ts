import {
  type ErrorCode,
  type PurchaseOrderAllowances,
  type PurchaseOrderFact,
  type PurchaseOrderState,
  type TransferFact,
  type TransferState,
  type WorkflowDocument,
  applyPurchaseOrderFact,
  applyTransferFact,
  stepDocument,
} from '@kiryana/shared';
import { documentHash } from '../../db/canonical-hash';
import type { Queryable } from '../../db/db';
import { purchaseOrderPlan } from './purchase-order-plan';
import { transferPlan } from './transfer-plan';
import { writeStep } from './workflow-write';
import {
  claimStepId,
  findPurchaseOrder,
  findTransfer,
  knownProducts,
  lockWorkflowDocuments,
  storesById,
} from './workflow.queries';

/**
 * The server's side of transfers and purchase orders (docs/transfers-and-purchasing.md, "Server"):
 * one step at a time under the document's lock, the shared pure machine decides, and an accepted
 * step is written for every store taking part (workflow-write.ts). Used by the `documents` push
 * (terminal steps) and by the admin routes (steps people take at the admin web). Who may take a
 * step is the caller's to check, except what a device may do, which is checked here too.
 */

/**
 * Who takes a step. `device`: a terminal of `storeId` pushing it (`userId` is the fact's actor);
 * `user`: a person at the admin web, `storeId` their store if they act for one, else null.
 */
export type StepActor = {
  kind: 'user' | 'device';
  userId: string;
  storeId: string | null;
  /** The pushing device's id, for the `stock.moved` events of the step (devices only). */
  deviceId?: string;
};

/** An applied step (`replay`: the fact was applied before; nothing changed) or a refusal. */
export type StepResult<S> =
  { ok: true; state: S; replay: boolean } | { ok: false; code: ErrorCode; message: string };

/** A pushed step row, stored exactly as pushed so that a retry of it hashes the same. */
export type PushedStepRow = { readonly doc: WorkflowDocument; readonly hash: string };

function refuse(code: ErrorCode, message: string): { ok: false; code: ErrorCode; message: string } {
  return { ok: false, code, message };
}

/** Transfer steps a terminal may push; the others are taken by people at the admin web. */
const DEVICE_TRANSFER_STEPS: readonly TransferFact['type'][] = ['request', 'dispatch', 'receive'];

/** The refusal of a transfer step a device may not take, or null. */
function deviceTransferRefusal(fact: TransferFact, actor: StepActor): StepResult<never> | null {
  if (actor.kind !== 'device') return null;
  if (!DEVICE_TRANSFER_STEPS.includes(fact.type)) {
    return refuse('FORBIDDEN', `A terminal cannot ${fact.type} a transfer: a manager does.`);
  }
  const storeOk =
    fact.type === 'request'
      ? fact.fromStoreId === actor.storeId || fact.toStoreId === actor.storeId
      : 'storeId' in fact && fact.storeId === actor.storeId;
  return storeOk ? null : refuse('SCOPE_VIOLATION', 'The step names a store other than this one.');
}

/** The stores to hold the step row: the acting store if it takes part, else every party. */
function stepStoresOf(stores: readonly string[], actor: StepActor): string[] {
  return actor.storeId !== null && stores.includes(actor.storeId) ? [actor.storeId] : [...stores];
}

/** Step rows for the stores, the pushed one as it came. */
function stepRowsOf(
  stores: readonly string[],
  fact: TransferFact | PurchaseOrderFact,
  pushed: PushedStepRow | undefined,
): PushedStepRow[] {
  return stores.map((storeId) => {
    if (pushed !== undefined && pushed.doc.storeId === storeId) return pushed;
    const doc = stepDocument(storeId, fact);
    return { doc, hash: documentHash(doc) };
  });
}

/**
 * Applies a transfer step: locks the transfer, applies `applyTransferFact`, and on success writes
 * both stores' document rows, the step row, the movements (`transfer_out` at the source,
 * `transfer_in` at the destination at the source's average cost), costs, write-offs and events.
 * A fact applied before is a replay: nothing is written and the current state is answered.
 * @example
 * await db.transaction((tx) => applyTransferStep(tx, approveFact, { kind: 'user', userId: 'u-rm', storeId: null }));
 * // { ok: true, state: { status: 'approved', … }, replay: false }
 */
export async function applyTransferStep(
  tx: Queryable,
  fact: TransferFact,
  actor: StepActor,
  pushed?: PushedStepRow,
): Promise<StepResult<TransferState>> {
  const deviceRefusal = deviceTransferRefusal(fact, actor);
  if (deviceRefusal) return deviceRefusal;
  await lockWorkflowDocuments(tx, [fact.transferId]);
  const before = await findTransfer(tx, fact.transferId);
  if (before?.appliedFactIds.includes(fact.factId) === true) {
    return { ok: true, state: before, replay: true };
  }
  if (fact.type === 'request') {
    const problem = await requestProblem(tx, [fact.fromStoreId, fact.toStoreId], fact.lines);
    if (problem !== null) return refuse('VALIDATION_FAILED', problem);
  }
  const result = applyTransferFact(before, fact);
  if ('error' in result) return refuse(result.error.code, result.error.message);
  const stores = [result.state.fromStoreId, result.state.toStoreId];
  const stepStores = stepStoresOf(stores, actor);
  const [claimer] = stepStores;
  if (claimer === undefined || !(await claimStepId(tx, claimer, fact.factId))) {
    return refuse('CONFLICT', 'This step id is already used by another store.');
  }
  const plan = await transferPlan(tx, before, fact, result);
  await writeStep(tx, {
    kind: 'transfer',
    docId: fact.transferId,
    stores,
    status: result.state.status,
    label: plan.label,
    body: result.state,
    stepRows: stepRowsOf(stepStores, fact, pushed),
    movements: plan.movements,
    costs: plan.costs,
    writeOffs: plan.writeOffs,
    events: plan.events,
    deviceId: deviceIdOf(actor),
  });
  return { ok: true, state: result.state, replay: false };
}

/**
 * Applies a purchase-order step: locks the PO, applies `applyPurchaseOrderFact` with the actor's
 * allowances, and on success writes the PO's document row, the step row, `receipt` movements
 * with their cost, the moving-average cost, and events (`po.*`, `goods.received`).
 * @example
 * await applyPurchaseOrderStep(tx, receiveFact, { kind: 'device', userId: 'u-mgr', storeId: 's1' }, { overDelivery: false });
 * // { ok: false, code: 'OVER_DELIVERY_NOT_ALLOWED', message: '…' } when it brings more than ordered
 */
export async function applyPurchaseOrderStep(
  tx: Queryable,
  fact: PurchaseOrderFact,
  actor: StepActor,
  allowances: PurchaseOrderAllowances,
  pushed?: PushedStepRow,
): Promise<StepResult<PurchaseOrderState>> {
  if (actor.kind === 'device') {
    if (fact.type !== 'receive') {
      return refuse('FORBIDDEN', `A terminal cannot ${fact.type} a purchase order.`);
    }
    if (fact.storeId !== actor.storeId) {
      return refuse('SCOPE_VIOLATION', 'The receipt names a store other than this one.');
    }
  }
  await lockWorkflowDocuments(tx, [fact.poId]);
  const before = await findPurchaseOrder(tx, fact.poId);
  if (before?.appliedFactIds.includes(fact.factId) === true) {
    return { ok: true, state: before, replay: true };
  }
  if (fact.type === 'create') {
    const problem = await requestProblem(tx, [fact.storeId], fact.lines);
    if (problem !== null) return refuse('VALIDATION_FAILED', problem);
  }
  if (fact.type === 'revise') {
    const problem = await requestProblem(tx, [], fact.lines);
    if (problem !== null) return refuse('VALIDATION_FAILED', problem);
  }
  const result = applyPurchaseOrderFact(before, fact, allowances);
  if ('error' in result) return refuse(result.error.code, result.error.message);
  const stores = [result.state.storeId];
  if (!(await claimStepId(tx, result.state.storeId, fact.factId))) {
    return refuse('CONFLICT', 'This step id is already used by another store.');
  }
  const plan = await purchaseOrderPlan(tx, before, fact, result);
  await writeStep(tx, {
    kind: 'purchase-order',
    docId: fact.poId,
    stores,
    status: result.state.status,
    label: plan.label,
    body: result.state,
    stepRows: stepRowsOf(stores, fact, pushed),
    movements: plan.movements,
    costs: plan.costs,
    writeOffs: [],
    events: plan.events,
    deviceId: deviceIdOf(actor),
  });
  return { ok: true, state: result.state, replay: false };
}

function deviceIdOf(actor: StepActor): string {
  return actor.kind === 'device' && actor.deviceId !== undefined
    ? actor.deviceId
    : `user:${actor.userId}`;
}

/** Why a new document's stores or products are not acceptable, or null. */
async function requestProblem(
  q: Queryable,
  storeIds: readonly string[],
  lines: readonly { productId: string }[],
): Promise<string | null> {
  if (storeIds.length > 0) {
    const stores = await storesById(q, storeIds);
    const missing = storeIds.find((id) => !stores.has(id));
    if (missing !== undefined) return `Unknown store ${missing}.`;
  }
  const products = await knownProducts(
    q,
    lines.map((l) => l.productId),
  );
  const unknown = lines.find((l) => !products.has(l.productId));
  return unknown === undefined ? null : `Unknown product ${unknown.productId}.`;
}
