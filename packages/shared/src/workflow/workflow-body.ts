import type { PurchaseOrderFact } from '../purchasing/purchase-order-facts';
import { purchaseOrderFactSchema } from '../purchasing/purchase-order-facts';
import type { PurchaseOrderState } from '../purchasing/purchase-order-state';
import { purchaseOrderStateSchema } from '../purchasing/purchase-order-state';
import type { TransferFact } from '../transfers/transfer-facts';
import { transferFactSchema } from '../transfers/transfer-facts';
import type { TransferState } from '../transfers/transfer-state';
import { transferStateSchema } from '../transfers/transfer-state';
import {
  WORKFLOW_DOCUMENT_SCHEMA_VERSION,
  type WorkflowDocument,
} from '../documents/workflow-document';

// Above documents/, transfers/ and purchasing/: a `documents` row's body is one of their schemas,
// while the row's own shape (documents/workflow-document.ts) needs none of them.

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
