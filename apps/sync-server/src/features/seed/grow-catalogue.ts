import type { Db, Queryable } from '../../db/db';

/**
 * The demo seed's vocabulary makes at most ~2,700 distinct products. For big-store benchmarks and
 * tests (a supermarket carries 40,000–100,000 SKUs) each seeded product gets `copies` variants
 * ("… 1", "… 2" …) in SQL: the product, all its prices (HQ, regional, store) and, for one store,
 * its opening stock movement and level.
 *
 * Each statement takes one block of sequence numbers for all its rows, as the push does
 * (docs/sync.md): left to the per-row seq triggers, 100,000 rows would update the scope's counter
 * row 100,000 times in one transaction, and every update walks the chain of the earlier ones (a
 * 100,000-product grow took over 15 minutes that way).
 */

/** Inserts `source`'s rows into `table`, numbered from one block of `scope`'s sequence. */
async function insertNumbered(
  q: Queryable,
  options: {
    readonly table: string;
    readonly columns: string;
    /** A SELECT of the new rows' values in `columns` order (parameters $1…). */
    readonly source: string;
    readonly scope: string;
    readonly values: readonly unknown[];
  },
): Promise<void> {
  const scope = `$${String(options.values.length + 1)}`;
  await q.query(
    `WITH src AS (SELECT s.*, row_number() OVER () AS n FROM (${options.source}) s),
          block AS (
            UPDATE sync_scope SET last_seq = last_seq + (SELECT count(*) FROM src)
             WHERE scope = ${scope}
         RETURNING last_seq - (SELECT count(*) FROM src) AS base)
     INSERT INTO ${options.table} (${options.columns}, seq)
     SELECT ${options.columns
       .split(',')
       .map((column) => `src.${column.trim()}`)
       .join(', ')}, block.base + src.n
       FROM src, block`,
    [...options.values, options.scope],
  );
}

/** Grows the catalogue to `copies + 1` times its size, with the prices and `storeId`'s stock. */
export async function growCatalogue(db: Db, copies: number, storeId: string): Promise<void> {
  const store = `store:${storeId}`;
  await db.transaction(async (tx) => {
    await insertNumbered(tx, {
      table: 'products',
      columns:
        'id, sku, name_en, name_hi, barcodes, hsn, tax_class_id, category, unit, price_basis_qty, sold_loose, mrp_minor, reorder_level_base',
      source: `SELECT p.id || '-v' || g AS id, left(p.sku, 32) || 'V' || g AS sku,
                      p.name_en || ' ' || g AS name_en, p.name_hi, '{}'::text[] AS barcodes, p.hsn,
                      p.tax_class_id, p.category, p.unit, p.price_basis_qty, p.sold_loose,
                      p.mrp_minor, p.reorder_level_base
                 FROM products p, generate_series(1, $1::int) AS g`,
      scope: 'ref',
      values: [copies],
    });
    await insertNumbered(tx, {
      table: 'prices',
      columns:
        'id, product_id, level, region_id, store_id, currency, price_minor, mrp_minor, effective_from',
      source: `SELECT pr.id || '-v' || g AS id, pr.product_id || '-v' || g AS product_id, pr.level,
                      pr.region_id, pr.store_id, pr.currency, pr.price_minor, pr.mrp_minor,
                      pr.effective_from
                 FROM prices pr, generate_series(1, $1::int) AS g`,
      scope: 'ref',
      values: [copies],
    });
    await insertNumbered(tx, {
      table: 'stock_movements',
      columns: 'store_id, id, product_id, kind, qty_delta_base, created_at, doc, doc_hash',
      source: `SELECT m.store_id, m.id || '-v' || g AS id, m.product_id || '-v' || g AS product_id,
                      m.kind, m.qty_delta_base, m.created_at,
                      jsonb_set(jsonb_set(m.doc, '{id}', to_jsonb(m.id || '-v' || g)),
                                '{productId}', to_jsonb(m.product_id || '-v' || g)) AS doc,
                      md5(m.doc_hash || g) AS doc_hash
                 FROM stock_movements m, generate_series(1, $1::int) AS g
                WHERE m.store_id = $2`,
      scope: store,
      values: [copies, storeId],
    });
    await insertNumbered(tx, {
      table: 'stock_levels',
      columns: 'store_id, product_id, qty_base',
      source: `SELECT l.store_id, l.product_id || '-v' || g AS product_id, l.qty_base
                 FROM stock_levels l, generate_series(1, $1::int) AS g
                WHERE l.store_id = $2`,
      scope: store,
      values: [copies, storeId],
    });
  });
}
