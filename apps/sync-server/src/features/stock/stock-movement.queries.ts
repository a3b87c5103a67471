import type { StockMovement } from '@kiryana/shared';
import type { Queryable } from '../../db/db';
import { outboxInsertCtes } from '../../db/outbox-write';
import type { FactInsert, StoredFact } from '../../db/fact-rows';
import type { PulledRow } from '../../db/pulled-row';
import { levelEventSources, levelUpsertCte, movementInsertCte } from '../../db/stock-writes';

/**
 * Inserts pushed movements that no store holds yet, adds them to the stock projection and writes
 * their outbox events (one `stock.moved` each, the level events of `levelEventSources`), in one
 * statement. Ids already stored anywhere are skipped here and
 * classified by the caller (retry, conflict or another store's id).
 * @returns the ids inserted
 */
export async function insertMovementsWithEffects(
  tx: Queryable,
  input: {
    readonly storeId: string;
    readonly deviceId: string;
    readonly movements: readonly FactInsert<StockMovement>[];
    /** Level rows take `levelSeqBase + 1 …`. */
    readonly levelSeqBase: string;
  },
): Promise<string[]> {
  const result = await tx.query<{ id: string }>(
    `WITH ${movementInsertCte('$1', '$2')},
     ${levelUpsertCte('mov', '$1', '$3', "jsonb_build_object('kind', 'movement', 'id', mov.id)")},
     ${outboxInsertCtes('$1', [
       `SELECT 'stock-movement:' || mov.id AS event_key, 'stock.moved' AS topic,
               jsonb_build_object('movementId', mov.id, 'productId', mov.product_id, 'kind', mov.kind,
                                  'qtyDeltaBase', mov.qty_delta_base, 'deviceId', $4::text) AS payload,
               mov.created_at AS occurred_at
          FROM mov`,
       ...levelEventSources(),
     ])}
     SELECT id FROM mov`,
    [input.storeId, JSON.stringify(input.movements), input.levelSeqBase, input.deviceId],
  );
  return result.rows.map((row) => row.id);
}

/** Finds stored movements by id in any store (a pushed id may be taken by another store). */
export async function findMovementsById(
  q: Queryable,
  storeId: string,
  ids: readonly string[],
): Promise<StoredFact[]> {
  const result = await q.query<{ store_id: string; id: string; doc_hash: string; doc: unknown }>(
    `SELECT store_id, id, doc_hash, CASE WHEN store_id = $2 THEN doc END AS doc
       FROM stock_movements WHERE id = ANY($1::text[])`,
    [ids, storeId],
  );
  return result.rows.map((row) => ({
    storeId: row.store_id,
    id: row.id,
    docHash: row.doc_hash,
    doc: row.doc,
  }));
}

/** A store's movements (pushed and derived from sales) after `afterSeq`. */
export async function pullStockMovements(
  q: Queryable,
  storeId: string,
  afterSeq: string,
  limit: number,
): Promise<PulledRow<StockMovement>[]> {
  const result = await q.query<{ seq: string; doc: StockMovement }>(
    `SELECT seq::text AS seq, doc FROM stock_movements
      WHERE store_id = $3 AND seq > $1::bigint ORDER BY stock_movements.seq LIMIT $2`,
    [afterSeq, limit, storeId],
  );
  return result.rows.map((row) => ({ seq: row.seq, document: row.doc }));
}
