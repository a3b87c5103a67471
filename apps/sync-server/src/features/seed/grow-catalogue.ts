import type { Db } from '../../db/db';

/**
 * The demo seed's vocabulary makes at most ~2,700 distinct products. For big-store benchmarks and
 * tests (a supermarket carries 40,000–100,000 SKUs) each seeded product gets `copies` variants ("… 1", "… 2" …) in SQL: the product, all
 * its prices (HQ, regional, store) and, for one store, its opening stock movement and level.
 * Every writer goes through the seq triggers, so the rows are pulled like any other.
 */
export async function growCatalogue(db: Db, copies: number, storeId: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO products (id, sku, name_en, name_hi, barcodes, hsn, tax_class_id, category, unit,
                             price_basis_qty, sold_loose, mrp_minor, reorder_level_base)
       SELECT p.id || '-v' || g, left(p.sku, 32) || 'V' || g, p.name_en || ' ' || g, p.name_hi, '{}',
              p.hsn, p.tax_class_id, p.category, p.unit, p.price_basis_qty, p.sold_loose, p.mrp_minor,
              p.reorder_level_base
         FROM products p, generate_series(1, $1::int) AS g`,
      [copies],
    );
    await tx.query(
      `INSERT INTO prices (id, product_id, level, region_id, store_id, currency, price_minor, mrp_minor,
                           effective_from)
       SELECT pr.id || '-v' || g, pr.product_id || '-v' || g, pr.level, pr.region_id, pr.store_id,
              pr.currency, pr.price_minor, pr.mrp_minor, pr.effective_from
         FROM prices pr, generate_series(1, $1::int) AS g`,
      [copies],
    );
    await tx.query(
      `INSERT INTO stock_movements (store_id, id, product_id, kind, qty_delta_base, created_at, doc, doc_hash)
       SELECT m.store_id, m.id || '-v' || g, m.product_id || '-v' || g, m.kind, m.qty_delta_base,
              m.created_at,
              jsonb_set(jsonb_set(m.doc, '{id}', to_jsonb(m.id || '-v' || g)),
                        '{productId}', to_jsonb(m.product_id || '-v' || g)),
              md5(m.doc_hash || g)
         FROM stock_movements m, generate_series(1, $1::int) AS g
        WHERE m.store_id = $2`,
      [copies, storeId],
    );
    await tx.query(
      `INSERT INTO stock_levels (store_id, product_id, qty_base)
       SELECT l.store_id, l.product_id || '-v' || g, l.qty_base
         FROM stock_levels l, generate_series(1, $1::int) AS g
        WHERE l.store_id = $2`,
      [copies, storeId],
    );
  });
}
