import {
  type PurchaseOrderState,
  type TransferState,
  type WorkflowDocument,
  purchaseOrderStateSchema,
  transferStateSchema,
} from '@kiryana/shared';
import type { Queryable } from '../../db/db';
import { parseInt8 } from '../../db/db';
import { ADVISORY_LOCKS } from '../../db/advisory-locks';
import { LIVE_CHANNEL } from '../../live/live-hub';

/**
 * SQL of the `documents` collection on the server (`workflow_documents`, migration 0590), the
 * moving-average costs and the transfer write-offs. A transfer or PO has one document row per
 * store that takes part, all with the same body, so any one of them is the document.
 */

/** A workflow document's kind as stored. */
type DocumentKind = 'transfer' | 'purchase-order';

async function findDocumentBody(q: Queryable, kind: DocumentKind, docId: string): Promise<unknown> {
  const result = await q.query<{ body: unknown }>(
    `SELECT doc->'body' AS body FROM workflow_documents
      WHERE doc_id = $1 AND kind = $2 AND id = $1 ORDER BY store_id LIMIT 1`,
    [docId, kind],
  );
  return result.rows[0]?.body ?? null;
}

/**
 * The transfer document (the fold of its applied steps), or null if no such transfer.
 * @example
 * await findTransfer(db, transferId); // { transferId, status: 'in_transit', lines: […], … }
 */
export async function findTransfer(
  q: Queryable,
  transferId: string,
): Promise<TransferState | null> {
  const body = await findDocumentBody(q, 'transfer', transferId);
  return body === null ? null : transferStateSchema.parse(body);
}

/**
 * The purchase order document, or null if no such PO.
 * @example
 * await findPurchaseOrder(db, poId); // { poId, status: 'partly_received', lines: […], … }
 */
export async function findPurchaseOrder(
  q: Queryable,
  poId: string,
): Promise<PurchaseOrderState | null> {
  const body = await findDocumentBody(q, 'purchase-order', poId);
  return body === null ? null : purchaseOrderStateSchema.parse(body);
}

/**
 * Holds a transfer's or PO's lock until the transaction ends, so its steps apply one at a time
 * (two terminals dispatching at once read the document one after the other). Taking it again in
 * the same transaction is a no-op. Callers taking several take them in id order.
 */
export async function lockWorkflowDocuments(
  tx: Queryable,
  docIds: readonly string[],
): Promise<void> {
  for (const docId of [...new Set(docIds)].sort()) {
    await tx.query('SELECT pg_advisory_xact_lock($1::int, hashtext($2))', [
      ADVISORY_LOCKS.workflowDocument,
      docId,
    ]);
  }
}

/** The stores whose terminals hold rows of these documents (the stores taking part). */
export async function storesOfDocuments(
  q: Queryable,
  docIds: readonly string[],
): Promise<string[]> {
  const result = await q.query<{ store_id: string }>(
    `SELECT DISTINCT store_id FROM workflow_documents
      WHERE doc_id = ANY($1::text[]) AND kind IN ('transfer', 'purchase-order') AND id = doc_id
      ORDER BY store_id`,
    [docIds],
  );
  return result.rows.map((row) => row.store_id);
}

/** A `documents` row to write with its canonical hash and the seq it takes. */
export type DocumentRowWrite = {
  readonly seq: string;
  readonly hash: string;
  readonly doc: WorkflowDocument;
};

/** Writes a document row (insert or replace: the document moved on) with a new seq. */
export async function upsertDocumentRow(tx: Queryable, row: DocumentRowWrite): Promise<void> {
  await tx.query(
    `INSERT INTO workflow_documents (store_id, id, seq, kind, doc_id, status, doc, doc_hash, updated_at)
     VALUES ($1, $2, $3::bigint, $4, $5, $6, $7::jsonb, $8, $9::timestamptz)
     ON CONFLICT (store_id, id) DO UPDATE
       SET seq = EXCLUDED.seq, status = EXCLUDED.status, doc = EXCLUDED.doc,
           doc_hash = EXCLUDED.doc_hash, updated_at = EXCLUDED.updated_at`,
    [
      row.doc.storeId,
      row.doc.id,
      row.seq,
      row.doc.kind,
      row.doc.docId,
      row.doc.status,
      JSON.stringify(row.doc),
      row.hash,
      row.doc.updatedAt,
    ],
  );
}

/**
 * Claims a step's fact id for a store (fact_ids, like sale and movement ids): false when another
 * store holds it already. A second claim by the same store is true.
 */
export async function claimStepId(tx: Queryable, storeId: string, id: string): Promise<boolean> {
  await tx.query(
    `INSERT INTO fact_ids (id, collection, store_id) VALUES ($1, 'documents', $2)
     ON CONFLICT DO NOTHING`,
    [id, storeId],
  );
  const holder = await tx.query<{ store_id: string }>(
    `SELECT store_id FROM fact_ids WHERE id = $1 AND collection = 'documents'`,
    [id],
  );
  return holder.rows[0]?.store_id === storeId;
}

/** Inserts a step row (insert-only: a step stored before stays as it was). */
export async function insertStepRow(tx: Queryable, row: DocumentRowWrite): Promise<void> {
  await tx.query(
    `INSERT INTO workflow_documents (store_id, id, seq, kind, doc_id, status, doc, doc_hash, updated_at)
     VALUES ($1, $2, $3::bigint, $4, $5, $6, $7::jsonb, $8, $9::timestamptz)
     ON CONFLICT (store_id, id) DO NOTHING`,
    [
      row.doc.storeId,
      row.doc.id,
      row.seq,
      row.doc.kind,
      row.doc.docId,
      row.doc.status,
      JSON.stringify(row.doc),
      row.hash,
      row.doc.updatedAt,
    ],
  );
}

/** Stored `documents` rows by id in any store (a pushed step id may be another store's). */
export async function findDocumentRowsById(
  q: Queryable,
  storeId: string,
  ids: readonly string[],
): Promise<{ storeId: string; id: string; docHash: string; doc: unknown }[]> {
  const result = await q.query<{ store_id: string; id: string; doc_hash: string; doc: unknown }>(
    `SELECT store_id, id, doc_hash, CASE WHEN store_id = $2 THEN doc END AS doc
       FROM workflow_documents WHERE id = ANY($1::text[])`,
    [ids, storeId],
  );
  return result.rows.map((row) => ({
    storeId: row.store_id,
    id: row.id,
    docHash: row.doc_hash,
    doc: row.doc,
  }));
}

/** A store's `documents` rows after `afterSeq`, in seq order (the pull). */
export async function pullWorkflowDocuments(
  q: Queryable,
  storeId: string,
  afterSeq: string,
  limit: number,
): Promise<{ seq: string; document: WorkflowDocument }[]> {
  const result = await q.query<{ seq: string; doc: WorkflowDocument }>(
    `SELECT seq::text AS seq, doc FROM workflow_documents
      WHERE store_id = $3 AND seq > $1::bigint ORDER BY workflow_documents.seq LIMIT $2`,
    [afterSeq, limit, storeId],
  );
  return result.rows.map((row) => ({ seq: row.seq, document: row.doc }));
}

/** Store codes by id (transfer labels "S01 → S02"), and each store's region. */
export async function storesById(
  q: Queryable,
  storeIds: readonly string[],
): Promise<Map<string, { code: string; regionId: string }>> {
  const result = await q.query<{ id: string; code: string; region_id: string }>(
    'SELECT id, code, region_id FROM stores WHERE id = ANY($1::text[]) AND NOT deleted',
    [storeIds],
  );
  return new Map(result.rows.map((r) => [r.id, { code: r.code, regionId: r.region_id }]));
}

/**
 * The supplier's name for a PO's label. The supplier master (migration 0600) may be absent on a
 * database migrated before it: then, and for an unknown id, null.
 */
export async function supplierName(q: Queryable, supplierId: string): Promise<string | null> {
  const table = await q.query<{ present: boolean }>(
    "SELECT to_regclass('suppliers') IS NOT NULL AS present",
  );
  if (table.rows[0]?.present !== true) return null;
  const result = await q.query<{ name: string }>('SELECT name FROM suppliers WHERE id = $1', [
    supplierId,
  ]);
  return result.rows[0]?.name ?? null;
}

/** The products of `productIds` that are in the catalogue and not deleted. */
export async function knownProducts(
  q: Queryable,
  productIds: readonly string[],
): Promise<Set<string>> {
  const result = await q.query<{ id: string }>(
    'SELECT id FROM products WHERE id = ANY($1::text[]) AND NOT deleted',
    [productIds],
  );
  return new Set(result.rows.map((row) => row.id));
}

/** Stock on hand and moving-average cost of products in a store, before a receipt. */
export type CostRow = { readonly onHandQtyBase: number; readonly avgCostMinor: number | null };

/**
 * Each product's level (stock_levels, 0 when none) and average cost (stock_costs, null before
 * the first costed receipt) in a store.
 */
export async function costPositions(
  q: Queryable,
  storeId: string,
  productIds: readonly string[],
): Promise<Map<string, CostRow>> {
  const result = await q.query<{
    product_id: string;
    qty_base: string | null;
    avg_cost_minor: string | null;
  }>(
    `SELECT p.id AS product_id, sl.qty_base::text AS qty_base, sc.avg_cost_minor::text AS avg_cost_minor
       FROM unnest($2::text[]) AS p(id)
       LEFT JOIN stock_levels sl ON sl.store_id = $1 AND sl.product_id = p.id
       LEFT JOIN stock_costs sc ON sc.store_id = $1 AND sc.product_id = p.id`,
    [storeId, productIds],
  );
  return new Map(
    result.rows.map((r) => [
      r.product_id,
      {
        onHandQtyBase: r.qty_base === null ? 0 : parseInt8(r.qty_base),
        avgCostMinor: r.avg_cost_minor === null ? null : parseInt8(r.avg_cost_minor),
      },
    ]),
  );
}

/** Writes products' new average cost and the level it was weighed to. */
export async function upsertCosts(
  tx: Queryable,
  storeId: string,
  rows: readonly { productId: string; onHandQtyBase: number; avgCostMinor: number }[],
): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO stock_costs AS sc (store_id, product_id, on_hand_qty_base, avg_cost_minor, updated_at)
     SELECT $1, r."productId", r."onHandQtyBase", r."avgCostMinor", now()
       FROM jsonb_to_recordset($2::jsonb) AS r("productId" text, "onHandQtyBase" bigint, "avgCostMinor" bigint)
     ON CONFLICT (store_id, product_id) DO UPDATE
       SET on_hand_qty_base = EXCLUDED.on_hand_qty_base, avg_cost_minor = EXCLUDED.avg_cost_minor,
           updated_at = EXCLUDED.updated_at`,
    [storeId, JSON.stringify(rows)],
  );
}

/** A transfer write-off to record for the loss reports. */
export type WriteOffInsert = {
  readonly id: string;
  readonly transferId: string;
  readonly factId: string;
  readonly fromStoreId: string;
  readonly toStoreId: string;
  readonly productId: string;
  readonly qtyBase: number;
  readonly unitCostMinor: number | null;
  readonly valueMinor: number | null;
  readonly reason: string;
  readonly note: string | null;
  readonly actorId: string;
  readonly writtenOffAt: string;
};

/** Records write-offs; one recorded before (same movement id) stays as it was. */
export async function insertWriteOffs(
  tx: Queryable,
  rows: readonly WriteOffInsert[],
): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO transfer_write_offs (id, transfer_id, fact_id, from_store_id, to_store_id, product_id,
                                      qty_base, unit_cost_minor, value_minor, reason, note, actor_id,
                                      written_off_at)
     SELECT r.id, r."transferId", r."factId", r."fromStoreId", r."toStoreId", r."productId",
            r."qtyBase", r."unitCostMinor", r."valueMinor", r.reason, r.note, r."actorId",
            r."writtenOffAt"
       FROM jsonb_to_recordset($1::jsonb) AS r(id text, "transferId" text, "factId" text,
            "fromStoreId" text, "toStoreId" text, "productId" text, "qtyBase" bigint,
            "unitCostMinor" bigint, "valueMinor" bigint, reason text, note text, "actorId" text,
            "writtenOffAt" timestamptz)
     ON CONFLICT (id) DO NOTHING`,
    [JSON.stringify(rows)],
  );
}

/** An outbox event of a workflow step. */
export type WorkflowEventInsert = {
  readonly storeId: string;
  readonly key: string;
  readonly topic: string;
  readonly payload: object;
  readonly occurredAt: string;
};

/**
 * Writes events to the stores' outboxes; a key a store already holds is skipped (a retry). Rows
 * without a seq are numbered by the outbox trigger (migration 0500): a step writes a handful.
 */
export async function insertWorkflowEvents(
  tx: Queryable,
  events: readonly WorkflowEventInsert[],
): Promise<void> {
  if (events.length === 0) return;
  await tx.query(
    `INSERT INTO outbox (store_id, event_key, topic, payload, occurred_at)
     SELECT e."storeId", e.key, e.topic, e.payload, e."occurredAt"
       FROM jsonb_to_recordset($1::jsonb)
            AS e("storeId" text, key text, topic text, payload jsonb, "occurredAt" timestamptz)
     ON CONFLICT (store_id, event_key) DO NOTHING`,
    [JSON.stringify(events)],
  );
}

/** Stream hints sent when the transaction commits (NOTIFY is transactional), for any scope. */
export async function notifyHints(
  tx: Queryable,
  hints: readonly { scope: string; collection: string; seq: string }[],
): Promise<void> {
  if (hints.length === 0) return;
  await tx.query('SELECT pg_notify($1, payload) FROM unnest($2::text[]) AS payload', [
    LIVE_CHANNEL,
    hints.map((h) => JSON.stringify(h)),
  ]);
}
