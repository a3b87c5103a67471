import { claimIdsCte } from './fact-id.queries';

/**
 * The SQL pieces that write stock: pushed movements, movements derived from sales, and the level
 * projection they move, in the one statement of a push (sales and movements both compose them).
 */

/**
 * The `WITH` item inserting movements from a jsonb array of `{seq, hash, doc}` (one statement for
 * the whole push). Columns are read from the document in SQL, in this one place. Derived
 * movements pass the condition that keeps only those of sales really inserted.
 */
export function movementInsertCte(
  storeParam: string,
  rowsParam: string,
  filter: { readonly kind: 'pushed' } | { readonly kind: 'derived'; readonly where: string } = {
    kind: 'pushed',
  },
): string {
  // A pushed id may belong to another store, or be pushed by another store at this very moment:
  // only ids this statement claimed are stored. A derived id (`${saleId}:${lineNo}`) belongs to a
  // sale this very statement claimed and stored, and pushed ids with a `:` are refused, so the
  // primary key of the store's own partition is enough.
  const claim =
    filter.kind === 'pushed'
      ? `${claimIdsCte({ collection: 'stock-movements', storeParam, rowsParam })},\n    `
      : '';
  const where = filter.kind === 'pushed' ? `m.doc->>'id' IN (SELECT id FROM claim)` : filter.where;
  return `${claim}mov AS (
    INSERT INTO stock_movements (store_id, id, seq, product_id, kind, qty_delta_base, created_at, doc, doc_hash)
    SELECT ${storeParam}, m.doc->>'id', m.seq, m.doc->>'productId', m.doc->>'kind',
           (m.doc->>'qtyDeltaBase')::bigint, (m.doc->>'createdAt')::timestamptz, m.doc, m.hash
      FROM jsonb_to_recordset(${rowsParam}::jsonb) AS m(seq bigint, hash text, doc jsonb)
     WHERE ${where}
    ON CONFLICT (store_id, id) DO NOTHING
    RETURNING id, product_id, kind, qty_delta_base, created_at
  )`;
}

/**
 * The `WITH` items `lev_delta` (each product's net change, with the documents that caused it) and
 * `lev`, which adds the movements of CTE `source` (columns product_id, qty_delta_base) to the
 * projection. Numbers come from the caller's block: `$seqBase + 1 …` in product order, one per
 * product, so a push never updates a level row twice (ON CONFLICT would refuse). `causeSql` is a
 * jsonb `{kind, id}` of a `source` row (the bill, return or movement it stands for).
 */
export function levelUpsertCte(
  source: string,
  storeParam: string,
  seqBaseParam: string,
  causeSql: string,
): string {
  return `lev_delta AS (
    SELECT product_id, sum(qty_delta_base)::bigint AS delta,
           jsonb_agg(DISTINCT ${causeSql} ORDER BY ${causeSql}) AS causes
      FROM ${source} GROUP BY product_id
  ),
  lev AS (
    INSERT INTO stock_levels AS sl (store_id, product_id, qty_base, seq, updated_at)
    SELECT ${storeParam}, product_id, delta,
           ${seqBaseParam}::bigint + row_number() OVER (ORDER BY product_id), now()
      FROM lev_delta
    ON CONFLICT (store_id, product_id) DO UPDATE
      SET qty_base = sl.qty_base + EXCLUDED.qty_base, seq = EXCLUDED.seq, updated_at = EXCLUDED.updated_at
    RETURNING product_id, qty_base, seq
  )`;
}

/**
 * The outbox sources (for `outboxInsertCtes`, after the writer's own) of the level changes of
 * `levelUpsertCte`: one `stock.level_changed` per product whose level moved, and a `stock.low`
 * where it crossed from above the product's reorder level to at or below it. Crossing is decided
 * by this statement's before and after, so a level that stays low raises nothing more and one that
 * went back above raises again. Keys carry the level row's new sync number, which no other
 * statement of the store can take: a retried push changes no level and so writes no event.
 */
export function levelEventSources(): readonly string[] {
  return [
    `SELECT 'stock-level:' || lev.product_id || ':' || lev.seq AS event_key,
            'stock.level_changed' AS topic,
            jsonb_build_object('productId', lev.product_id, 'qtyBase', lev.qty_base,
                               'deltaBase', d.delta, 'previousQtyBase', lev.qty_base - d.delta,
                               'causes', d.causes) AS payload,
            now() AS occurred_at
       FROM lev JOIN lev_delta d ON d.product_id = lev.product_id
      WHERE d.delta <> 0`,
    `SELECT 'stock-low:' || lev.product_id || ':' || lev.seq AS event_key, 'stock.low' AS topic,
            jsonb_build_object('productId', lev.product_id, 'qtyBase', lev.qty_base,
                               'reorderLevelBase', p.reorder_level_base,
                               'previousQtyBase', lev.qty_base - d.delta) AS payload,
            now() AS occurred_at
       FROM lev JOIN lev_delta d ON d.product_id = lev.product_id
       JOIN products p ON p.id = lev.product_id
      WHERE p.reorder_level_base > 0 AND lev.qty_base <= p.reorder_level_base
        AND lev.qty_base - d.delta > p.reorder_level_base`,
  ];
}
