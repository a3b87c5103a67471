import {
  STOCK_MOVEMENT_SCHEMA_VERSION,
  type StockMovement,
  WORKFLOW_DOCUMENT_SCHEMA_VERSION,
  type WorkflowDocument,
} from '@kiryana/shared';
import { documentHash } from '../../db/canonical-hash';
import type { Queryable } from '../../db/db';
import { storeScope } from '../../db/sync-scopes';
import { insertMovementsWithEffects } from '../stock/stock.service';
import { takeSeqs } from '../../db/scope-seqs';
import {
  type WorkflowEventInsert,
  type WriteOffInsert,
  insertStepRow,
  insertWorkflowEvents,
  insertWriteOffs,
  notifyHints,
  upsertCosts,
  upsertDocumentRow,
} from './workflow.queries';

/**
 * Writes what an accepted workflow step changed, for every store taking part, in the caller's
 * transaction: the document rows, the step row, stock movements (through the stock path, so levels,
 * `stock.*` events and low-stock alerts follow), costs, write-offs, the step's events, and stream
 * hints for each store whose rows changed (NOTIFY, sent at commit, so also when an admin route
 * applied the step and the other store's terminals must wake).
 */

/** A stock movement of the step and the store whose shelf it moves. */
export type StepMovement = {
  readonly id: string;
  readonly storeId: string;
  readonly productId: string;
  readonly kind: StockMovement['kind'];
  readonly qtyDeltaBase: number;
  readonly unitCostMinor: number | null;
  readonly reason: string;
  readonly refId: string;
  readonly supplier: string | null;
  readonly supplierInvoiceNo: string | null;
  readonly at: string;
};

/** Everything an accepted step writes. */
export type StepWrite = {
  readonly kind: 'transfer' | 'purchase-order';
  readonly docId: string;
  /** The stores that take part, each holding a document row. */
  readonly stores: readonly string[];
  readonly status: string;
  readonly label: string;
  readonly body: Record<string, unknown>;
  /** The step's row per store that holds one (pushed rows are stored exactly as pushed). */
  readonly stepRows: readonly { readonly doc: WorkflowDocument; readonly hash: string }[];
  readonly movements: readonly StepMovement[];
  readonly costs: ReadonlyMap<
    string,
    readonly { productId: string; onHandQtyBase: number; avgCostMinor: number }[]
  >;
  readonly writeOffs: readonly WriteOffInsert[];
  readonly events: readonly WorkflowEventInsert[];
  /** Put on `stock.moved` events: the pushing device, or `user:<id>` for a step from the admin web. */
  readonly deviceId: string;
};

function movementDoc(m: StepMovement): StockMovement {
  return {
    id: m.id,
    schemaVersion: STOCK_MOVEMENT_SCHEMA_VERSION,
    storeId: m.storeId,
    productId: m.productId,
    kind: m.kind,
    qtyDeltaBase: m.qtyDeltaBase,
    reason: m.reason,
    note: null,
    refId: m.refId,
    unitCostMinor: m.unitCostMinor,
    supplier: m.supplier,
    supplierInvoiceNo: m.supplierInvoiceNo,
    terminalId: null,
    cashierId: null,
    createdAt: m.at,
    _deleted: false,
  };
}

/** Writes an accepted step (see the module comment). */
export async function writeStep(tx: Queryable, write: StepWrite): Promise<void> {
  const updatedAt = new Date().toISOString();
  const stores = [...new Set(write.stores)].sort();
  const hints: { scope: string; collection: string; seq: string }[] = [];
  // Every store's numbers first, in store order: two steps touching the same two stores take
  // their scope rows in the same order and cannot deadlock (the push pre-locks the same way).
  const blocks = new Map<string, bigint>();
  for (const storeId of stores) {
    const movements = write.movements.filter((m) => m.storeId === storeId);
    const products = new Set(movements.map((m) => m.productId)).size;
    const steps = write.stepRows.filter((r) => r.doc.storeId === storeId).length;
    const block = await takeSeqs(tx, storeScope(storeId), 1 + steps + movements.length + products);
    blocks.set(storeId, block.first);
  }
  for (const storeId of stores) {
    let seq = blocks.get(storeId) ?? 0n;
    const take = () => (seq++).toString();
    const doc: WorkflowDocument = {
      id: write.docId,
      schemaVersion: WORKFLOW_DOCUMENT_SCHEMA_VERSION,
      kind: write.kind,
      storeId,
      docId: write.docId,
      status: write.status,
      label: write.label,
      body: write.body,
      updatedAt,
      _deleted: false,
    };
    await upsertDocumentRow(tx, { seq: take(), hash: documentHash(doc), doc });
    for (const row of write.stepRows.filter((r) => r.doc.storeId === storeId)) {
      await insertStepRow(tx, { seq: take(), hash: row.hash, doc: row.doc });
    }
    const movements = write.movements
      .filter((m) => m.storeId === storeId)
      .map((m) => {
        const mdoc = movementDoc(m);
        return { seq: take(), hash: documentHash(mdoc), doc: mdoc };
      });
    if (movements.length > 0) {
      await insertMovementsWithEffects(tx, {
        storeId,
        deviceId: write.deviceId,
        movements,
        levelSeqBase: (seq - 1n).toString(),
      });
    }
    await upsertCosts(tx, storeId, write.costs.get(storeId) ?? []);
    const last = (
      seq -
      1n +
      BigInt(new Set(movements.map((m) => m.doc.productId)).size)
    ).toString();
    hints.push({ scope: storeScope(storeId), collection: 'documents', seq: last });
    if (movements.length > 0) {
      hints.push({ scope: storeScope(storeId), collection: 'stock-movements', seq: last });
      hints.push({ scope: storeScope(storeId), collection: 'stock-levels', seq: last });
    }
  }
  await insertWriteOffs(tx, write.writeOffs);
  await insertWorkflowEvents(tx, write.events);
  await notifyHints(tx, hints);
}
