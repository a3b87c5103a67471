import { z } from 'zod';
import {
  type PurchaseOrderFact,
  purchaseOrderFactSchema,
} from '../purchasing/purchase-order-facts';
import {
  type PurchaseOrderState,
  purchaseOrderStateSchema,
} from '../purchasing/purchase-order-state';
import { type TransferFact, transferFactSchema } from '../transfers/transfer-facts';
import { type TransferState, transferStateSchema } from '../transfers/transfer-state';
import { deletedSchema, factIdSchema, isoTimestampSchema, refIdSchema } from './common';

/** Version of the `documents` row shape. */
export const WORKFLOW_DOCUMENT_SCHEMA_VERSION = 1;

/**
 * What a row of the `documents` collection holds (ARCHITECTURE.md, collection budget): workflow
 * documents share one collection with a `kind`.
 * - `transfer`, `purchase-order`: the document itself, the fold of its steps. Server-owned: the
 *   server writes one row per store that takes part (a transfer's source and destination each pull
 *   their own copy, with the same id); terminals pull it and never push it.
 * - `transfer-step`, `po-step`: one step (a fact with its own id). Insert-only, pushed by the
 *   terminal that took it, like a sale; the server applies it to the document with the pure
 *   machine in `transfers/` or `purchasing/` and quarantines it if refused.
 */
export const workflowKindSchema = z.enum([
  'transfer',
  'transfer-step',
  'purchase-order',
  'po-step',
]);

/** A kind of `documents` row. */
export type WorkflowKind = z.infer<typeof workflowKindSchema>;

/** Kinds a terminal may push (its own steps); the others are the server's. */
export const PUSHABLE_WORKFLOW_KINDS = [
  'transfer-step',
  'po-step',
] as const satisfies readonly WorkflowKind[];

export const workflowDocumentSchema = z.object({
  /** Document kinds: the transfer or PO id. Step kinds: the fact id. */
  id: factIdSchema,
  schemaVersion: z.literal(WORKFLOW_DOCUMENT_SCHEMA_VERSION),
  kind: workflowKindSchema,
  /** The store whose terminals see this row (for a step: the store that took it). */
  storeId: refIdSchema,
  /** The transfer or PO the row belongs to (equal to `id` for document kinds). */
  docId: factIdSchema,
  /** Document kinds: the derived status (`transferStatusOf`, `purchaseOrderStatusOf`); steps: the step type. */
  status: z.string().min(1).max(40),
  /**
   * Documents: what lists show, filled by the server ("S01 → S02" for a transfer, the supplier's
   * name for a PO), so a terminal needs no supplier or store collection to show them. Steps: ''.
   */
  label: z.string().max(200),
  /** `TransferState` / `PurchaseOrderState` for documents, `TransferFact` / `PurchaseOrderFact` for steps. */
  body: z.record(z.string(), z.unknown()),
  /** Documents: when the last step was applied (server clock); steps: the fact's `at`. */
  updatedAt: isoTimestampSchema,
  _deleted: deletedSchema,
});

/** A row of the `documents` collection. */
export type WorkflowDocument = z.infer<typeof workflowDocumentSchema>;

/** The typed body of a `documents` row, by kind. */
export type WorkflowBody =
  | { readonly kind: 'transfer'; readonly body: TransferState }
  | { readonly kind: 'transfer-step'; readonly body: TransferFact }
  | { readonly kind: 'purchase-order'; readonly body: PurchaseOrderState }
  | { readonly kind: 'po-step'; readonly body: PurchaseOrderFact };

const BODY_SCHEMAS = {
  transfer: transferStateSchema,
  'transfer-step': transferFactSchema,
  'purchase-order': purchaseOrderStateSchema,
  'po-step': purchaseOrderFactSchema,
} as const;

/**
 * Validates a row's body against its kind's schema, and that the row's ids agree with it.
 * @example
 * parseWorkflowBody(row); // { ok: true, value: { kind: 'transfer-step', body: { type: 'dispatch', … } } }
 */
export function parseWorkflowBody(
  row: Pick<WorkflowDocument, 'id' | 'kind' | 'docId' | 'body'>,
): { ok: true; value: WorkflowBody } | { ok: false; message: string } {
  const parsed = BODY_SCHEMAS[row.kind].safeParse(row.body);
  if (!parsed.success)
    return { ok: false, message: parsed.error.issues[0]?.message ?? 'invalid body' };
  const value = { kind: row.kind, body: parsed.data } as WorkflowBody;
  const ids = workflowIdsOf(value);
  if (ids.id !== row.id || ids.docId !== row.docId)
    return { ok: false, message: 'id and docId must match the body' };
  return { ok: true, value };
}

/** The row ids a body implies: documents are keyed by their own id, steps by their fact id. */
export function workflowIdsOf(value: WorkflowBody): { id: string; docId: string } {
  switch (value.kind) {
    case 'transfer':
      return { id: value.body.transferId, docId: value.body.transferId };
    case 'purchase-order':
      return { id: value.body.poId, docId: value.body.poId };
    case 'transfer-step':
      return { id: value.body.factId, docId: value.body.transferId };
    case 'po-step':
      return { id: value.body.factId, docId: value.body.poId };
  }
}

/**
 * The `documents` row of a step a terminal took, ready to write locally and push.
 * @example
 * stepDocument('s1', dispatchFact); // { id: fact.factId, kind: 'transfer-step', docId: fact.transferId, status: 'dispatch', … }
 */
export function stepDocument(
  storeId: string,
  step: TransferFact | PurchaseOrderFact,
): WorkflowDocument {
  const isTransfer = 'transferId' in step;
  return {
    id: step.factId,
    schemaVersion: WORKFLOW_DOCUMENT_SCHEMA_VERSION,
    kind: isTransfer ? 'transfer-step' : 'po-step',
    storeId,
    docId: isTransfer ? step.transferId : step.poId,
    status: step.type,
    label: '',
    body: step,
    updatedAt: step.at,
    _deleted: false,
  };
}
