import {
  type ErrorCode,
  PUSHABLE_WORKFLOW_KINDS,
  QUARANTINE_CODES,
  type QuarantineCode,
  type WorkflowDocument,
  can,
  parseWorkflowBody,
} from '@kiryana/shared';
import type { Queryable } from '../../db/db';
import { storeScope } from '../../db/sync-scopes';
import { actorOfUser } from '../identity/user.service';
import { takeSeqs } from '../../db/scope-seqs';
import { applyPurchaseOrderStep, applyTransferStep } from './workflow-steps';
import {
  findDocumentRowsById,
  lockWorkflowDocuments,
  storesById,
  storesOfDocuments,
} from './workflow.queries';

/**
 * The `documents` push from terminals (features/sync/documents-adapter.ts): terminals push only
 * their own steps (`transfer-step`, `po-step`), which the server applies to the document with
 * `applyTransferStep` / `applyPurchaseOrderStep`; a refused step is quarantined with the shared
 * code of the refusal and changes nothing, like any refused pushed fact.
 */

/** A refusal of a pushed row, before or after the database is asked. */
export type PushedStepRefusal = { readonly code: QuarantineCode; readonly message: string };

/** The rule a pushed `documents` row breaks without asking the database, or null. */
export function pushedStepRuleBreak(
  doc: WorkflowDocument,
  origin: { readonly storeId: string },
): PushedStepRefusal | null {
  if (!(PUSHABLE_WORKFLOW_KINDS as readonly string[]).includes(doc.kind)) {
    return {
      code: 'FORBIDDEN',
      message: 'Transfers and purchase orders are written by the server; push their steps.',
    };
  }
  if (doc.storeId !== origin.storeId) {
    return { code: 'SCOPE_VIOLATION', message: 'The step names a store other than this one.' };
  }
  const parsed = parseWorkflowBody(doc);
  if (!parsed.ok) return { code: 'VALIDATION_FAILED', message: parsed.message };
  if (parsed.value.kind === 'transfer-step' || parsed.value.kind === 'po-step') {
    if (doc.status !== parsed.value.body.type) {
      return { code: 'VALIDATION_FAILED', message: "A step's status is its type." };
    }
  }
  return null;
}

function docIdOf(doc: WorkflowDocument): string {
  return doc.docId;
}

/**
 * Takes, before the pushing store's scope row, the locks the steps will need: each document's
 * lock in id order, then the scope row of every store taking part, in scope order. Applying the
 * steps then re-takes locks it already holds, and two pushes of two stores acting on the same
 * transfer wait for each other instead of deadlocking.
 */
export async function lockPushedDocuments(
  tx: Queryable,
  storeId: string,
  docs: readonly WorkflowDocument[],
): Promise<void> {
  const docIds = docs.map(docIdOf);
  await lockWorkflowDocuments(tx, docIds);
  const stores = new Set([storeId, ...(await storesOfDocuments(tx, docIds))]);
  for (const doc of docs) {
    const body = doc.body as { type?: unknown; fromStoreId?: unknown; toStoreId?: unknown };
    if (doc.kind === 'transfer-step' && body.type === 'request') {
      if (typeof body.fromStoreId === 'string') stores.add(body.fromStoreId);
      if (typeof body.toStoreId === 'string') stores.add(body.toStoreId);
    }
  }
  const known = await storesById(tx, [...stores]);
  for (const id of [...stores].filter((s) => known.has(s)).sort()) {
    await takeSeqs(tx, storeScope(id), 0);
  }
}

function quarantineCodeOf(code: ErrorCode): QuarantineCode {
  return (QUARANTINE_CODES as readonly string[]).includes(code)
    ? (code as QuarantineCode)
    : 'VALIDATION_FAILED';
}

/** Whether the person who took a receipt may receive more than ordered at the store. */
async function mayOverReceive(q: Queryable, userId: string, storeId: string): Promise<boolean> {
  const stores = await storesById(q, [storeId]);
  const store = stores.get(storeId);
  if (store === undefined) return false;
  const actor = await actorOfUser(q, userId);
  return can(actor, 'purchases:overreceive', { storeId, regionId: store.regionId });
}

/**
 * Applies pushed steps in push order; steps already stored (a retry, a conflict, another store's
 * id) are left to the push's own classification. @returns the ids applied, and the refusals
 */
export async function applyPushedSteps(
  tx: Queryable,
  origin: { readonly storeId: string; readonly deviceId: string },
  rows: readonly { readonly doc: WorkflowDocument; readonly hash: string }[],
): Promise<{ applied: string[]; refused: Map<string, PushedStepRefusal> }> {
  const stored = new Set(
    (
      await findDocumentRowsById(
        tx,
        origin.storeId,
        rows.map((r) => r.doc.id),
      )
    ).map((r) => r.id),
  );
  const applied: string[] = [];
  const refused = new Map<string, PushedStepRefusal>();
  for (const row of rows) {
    if (stored.has(row.doc.id)) continue;
    const parsed = parseWorkflowBody(row.doc);
    if (!parsed.ok) {
      refused.set(row.doc.id, { code: 'VALIDATION_FAILED', message: parsed.message });
      continue;
    }
    const actor = {
      kind: 'device' as const,
      storeId: origin.storeId,
      deviceId: origin.deviceId,
    };
    let result: { ok: true } | { ok: false; code: ErrorCode; message: string };
    if (parsed.value.kind === 'transfer-step') {
      const fact = parsed.value.body;
      result = await applyTransferStep(tx, fact, { ...actor, userId: fact.actorId }, row);
    } else if (parsed.value.kind === 'po-step') {
      const fact = parsed.value.body;
      const overDelivery =
        fact.type === 'receive' && (await mayOverReceive(tx, fact.actorId, origin.storeId));
      result = await applyPurchaseOrderStep(
        tx,
        fact,
        { ...actor, userId: fact.actorId },
        { overDelivery },
        row,
      );
    } else {
      result = { ok: false, code: 'FORBIDDEN', message: 'Only steps may be pushed.' };
    }
    if (result.ok) applied.push(row.doc.id);
    else
      refused.set(row.doc.id, {
        code: quarantineCodeOf(result.code),
        message: result.message,
      });
  }
  return { applied, refused };
}
