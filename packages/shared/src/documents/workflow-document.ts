import { z } from 'zod';
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
