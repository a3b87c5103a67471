import type { Sale, StockMovement } from '@kiryana/shared';
import type { Queryable } from '../../db/db';
import { outboxInsertCtes } from '../../db/outbox-write';
import type { FactInsert, StoredFact } from '../../db/fact-rows';
import { levelEventSources, levelUpsertCte, movementInsertCte } from '../../db/stock-writes';
import { claimIdsCte } from '../../db/fact-id.queries';
import type { PulledRow } from '../../db/pulled-row';

/** A derived movement's cause: its bill or return (`${saleId}:${lineNo}`, kind `sale`/`return`). */
const DERIVED_CAUSE = "jsonb_build_object('kind', mov.kind, 'id', split_part(mov.id, ':', 1))";

/**
 * Inserts pushed sales that no store holds yet (their ids claimed first, see `claimIdsCte`), with
 * every side effect in the same statement and keyed by what was really inserted: the reporting rows in `sale_lines`, the derived movements
 * (`${saleId}:${lineNo}`), the stock projection and the outbox events: one per sale, one
 * `stock.level_changed` per product whose level moved and a `stock.low` per reorder crossing. A sale skipped
 * because its id exists (a retry, a conflict, another store's id) has no effect at all, so a
 * retried push can never move stock twice. Columns are read from the document in SQL, here only.
 * @returns the ids inserted
 */
export async function insertSalesWithEffects(
  tx: Queryable,
  input: {
    readonly storeId: string;
    readonly deviceId: string;
    readonly sales: readonly FactInsert<Sale>[];
    /** The derived movements of all those sales; only those of inserted sales are stored. */
    readonly movements: readonly FactInsert<StockMovement>[];
    /** Level rows take `levelSeqBase + 1 …`. */
    readonly levelSeqBase: string;
  },
): Promise<string[]> {
  const result = await tx.query<{ id: string }>(
    `WITH ${claimIdsCte({ collection: 'sales', storeParam: '$1', rowsParam: '$2' })},
     ins AS (
       INSERT INTO sales (store_id, id, seq, kind, terminal_id, cashier_id, invoice_no,
                          original_sale_id, business_date, created_at, total_minor, currency, doc, doc_hash)
       SELECT $1, (r.doc->>'id')::uuid, r.seq, r.doc->>'kind', r.doc->>'terminalId', r.doc->>'cashierId',
              r.doc->>'invoiceNo', (r.doc->>'originalSaleId')::uuid, (r.doc->>'businessDate')::date,
              (r.doc->>'createdAt')::timestamptz, (r.doc->'totals'->>'totalMinor')::bigint,
              r.doc->>'currency', r.doc, r.hash
         FROM jsonb_to_recordset($2::jsonb) AS r(seq bigint, hash text, doc jsonb)
        WHERE (r.doc->>'id')::uuid::text IN (SELECT id FROM claim)
       ON CONFLICT (store_id, id) DO NOTHING
       RETURNING store_id, id, kind, business_date, doc
     ),
     lines AS (
       INSERT INTO sale_lines (store_id, business_date, sale_id, line_no, kind, product_id, qty_base,
                               net_minor, taxable_minor, cgst_minor, sgst_minor, igst_minor, cess_minor,
                               gst_rate_bp, hsn)
       SELECT ins.store_id, ins.business_date, ins.id, (l->>'lineNo')::int, ins.kind, l->>'productId',
              (l->>'qtyBase')::bigint, (l->>'netMinor')::bigint, (l->>'taxableMinor')::bigint,
              (l->>'cgstMinor')::bigint, (l->>'sgstMinor')::bigint, (l->>'igstMinor')::bigint,
              (l->>'cessMinor')::bigint, (l->>'gstRateBp')::int, l->>'hsn'
         FROM ins CROSS JOIN LATERAL jsonb_array_elements(ins.doc->'lines') AS l
       ON CONFLICT DO NOTHING
     ),
     ${movementInsertCte('$1', '$3', {
       kind: 'derived',
       where: "(m.doc->>'refId')::uuid IN (SELECT id FROM ins)",
     })},
     ${levelUpsertCte('mov', '$1', '$4', DERIVED_CAUSE)},
     ${outboxInsertCtes('$1', [
       `SELECT 'sale:' || ins.id AS event_key,
               CASE ins.kind WHEN 'return' THEN 'sale.returned' ELSE 'sale.recorded' END AS topic,
               CASE ins.kind WHEN 'return'
                 THEN jsonb_build_object('originalSaleId', coalesce(ins.doc->'originalSaleId', 'null'))
                 ELSE '{}' END
               || jsonb_build_object('saleId', ins.id, 'invoiceNo', ins.doc->'invoiceNo',
                                     'terminalId', ins.doc->'terminalId', 'deviceId', $5::text,
                                     'cashierId', ins.doc->'cashierId', 'businessDate', ins.business_date,
                                     'totalMinor', ins.doc->'totals'->'totalMinor', 'currency', ins.doc->'currency',
                                     'lineCount', jsonb_array_length(ins.doc->'lines')) AS payload,
               (ins.doc->>'createdAt')::timestamptz AS occurred_at
          FROM ins`,
       ...levelEventSources(),
     ])}
     SELECT id::text AS id FROM ins`,
    [
      input.storeId,
      JSON.stringify(input.sales),
      JSON.stringify(input.movements),
      input.levelSeqBase,
      input.deviceId,
    ],
  );
  return result.rows.map((row) => row.id);
}

/** Finds stored sales by id in any store (a pushed id may be taken by another store). */
export async function findSalesById(
  q: Queryable,
  storeId: string,
  ids: readonly string[],
): Promise<StoredFact[]> {
  const result = await q.query<{ store_id: string; id: string; doc_hash: string; doc: unknown }>(
    `SELECT store_id, id::text AS id, doc_hash, CASE WHEN store_id = $2 THEN doc END AS doc
       FROM sales WHERE id = ANY($1::uuid[])`,
    [ids, storeId],
  );
  return result.rows.map((row) => ({
    storeId: row.store_id,
    id: row.id,
    docHash: row.doc_hash,
    doc: row.doc,
  }));
}

/** A store's sales and returns after `afterSeq`. */
export async function pullSales(
  q: Queryable,
  storeId: string,
  afterSeq: string,
  limit: number,
): Promise<PulledRow<Sale>[]> {
  const result = await q.query<{ seq: string; doc: Sale }>(
    `SELECT seq::text AS seq, doc FROM sales
      WHERE store_id = $3 AND seq > $1::bigint ORDER BY sales.seq LIMIT $2`,
    [afterSeq, limit, storeId],
  );
  return result.rows.map((row) => ({ seq: row.seq, document: row.doc }));
}
