import type { AdminProduct, ProductInput } from '@kiryana/shared';
import type { Queryable } from '../../db/db';
import { priceBasisOf } from './product-input';

/**
 * The catalogue as HQ edits it. Writes are plain INSERT/UPDATE statements: the seq trigger gives
 * every changed row a new number of the `ref` scope (so terminals pull it), the hint trigger tells
 * their streams, and the audit trigger records one entry per statement under the actor of the
 * transaction (set by `inActorTransaction`).
 */

type ProductRow = {
  id: string;
  sku: string;
  name_en: string;
  name_hi: string;
  barcodes: string[];
  hsn: string;
  tax_class_id: string;
  category: string;
  unit: 'piece' | 'g' | 'ml';
  price_basis_qty: number;
  sold_loose: boolean;
  mrp_minor: number;
  reorder_level_base: number;
  active: boolean;
  hq_price_minor: number | null;
  updated_ms: number;
};

const SELECT_PRODUCT = `SELECT p.id, p.sku, p.name_en, p.name_hi, p.barcodes, p.hsn, p.tax_class_id, p.category,
       p.unit, p.price_basis_qty, p.sold_loose, p.mrp_minor, p.reorder_level_base, p.active,
       hq.price_minor AS hq_price_minor, (extract(epoch FROM p.updated_at) * 1000)::int8 AS updated_ms
  FROM products p
  LEFT JOIN prices hq ON hq.product_id = p.id AND hq.level = 'hq' AND NOT hq.deleted`;

function toProduct(r: ProductRow): AdminProduct {
  return {
    id: r.id,
    sku: r.sku,
    nameEn: r.name_en,
    nameHi: r.name_hi,
    barcodes: r.barcodes,
    hsn: r.hsn,
    taxClassId: r.tax_class_id,
    category: r.category,
    unit: r.unit,
    priceBasisQty: r.price_basis_qty === 1000 ? 1000 : 1,
    soldLoose: r.sold_loose,
    mrpMinor: r.mrp_minor,
    reorderLevelBase: r.reorder_level_base,
    active: r.active,
    hqPriceMinor: r.hq_price_minor,
    updatedAt: new Date(r.updated_ms).toISOString(),
  };
}

/** A page of products in SKU order, optionally matching `search` (name, SKU or barcode) and a category. */
export async function listProducts(
  q: Queryable,
  input: {
    search?: string | undefined;
    category?: string | undefined;
    after: string;
    limit: number;
  },
): Promise<AdminProduct[]> {
  const search = input.search?.trim().toLowerCase() ?? '';
  const { rows } = await q.query<ProductRow>(
    `${SELECT_PRODUCT}
      WHERE NOT p.deleted AND p.sku > $1
        AND ($2 = '' OR lower(p.name_en) LIKE $3 OR lower(p.sku) LIKE $3 OR p.name_hi LIKE $4
             OR $2 = ANY(p.barcodes))
        AND ($5::text IS NULL OR p.category = $5)
      ORDER BY p.sku LIMIT $6`,
    [
      input.after,
      search,
      `%${escapeLike(search)}%`,
      `%${escapeLike(input.search?.trim() ?? '')}%`,
      input.category ?? null,
      input.limit,
    ],
  );
  return rows.map(toProduct);
}

/** Every live product in SKU order (CSV export). */
export async function allProducts(q: Queryable): Promise<AdminProduct[]> {
  const { rows } = await q.query<ProductRow>(
    `${SELECT_PRODUCT} WHERE NOT p.deleted ORDER BY p.sku`,
  );
  return rows.map(toProduct);
}

export async function findProduct(q: Queryable, id: string): Promise<AdminProduct | undefined> {
  const { rows } = await q.query<ProductRow>(
    `${SELECT_PRODUCT} WHERE p.id = $1 AND NOT p.deleted`,
    [id],
  );
  return rows[0] && toProduct(rows[0]);
}

/**
 * Inserts or updates (by SKU) products in one statement; returns the ids and whether each was new.
 * The rows take one block of `ref` numbers for the statement (`REF_SEQ_BLOCK_SQL`) instead of one
 * from the seq trigger each: a CSV import of 10,000 products would otherwise update the `ref`
 * counter row 10,000 times in one transaction, each update walking the versions the earlier ones
 * left (docs/sync.md), which took seconds on Postgres and minutes on PGlite.
 */
export async function upsertProducts(
  q: Queryable,
  products: readonly (ProductInput & { id: string })[],
): Promise<{ id: string; sku: string; created: boolean }[]> {
  const { rows } = await q.query<{ id: string; sku: string; created: boolean }>(
    `WITH ${REF_SEQ_BLOCK_SQL}
     INSERT INTO products AS p (id, sku, name_en, name_hi, barcodes, hsn, tax_class_id, category, unit,
                                price_basis_qty, sold_loose, mrp_minor, reorder_level_base, active, deleted,
                                seq, updated_at)
     SELECT r.id, r.sku, r."nameEn", r."nameHi", ARRAY(SELECT jsonb_array_elements_text(r.barcodes)),
            r.hsn, r."taxClassId", r.category, r.unit, r."priceBasisQty", r."soldLoose", r."mrpMinor",
            r."reorderLevelBase", r.active, false, block.base + r.n, clock_timestamp()
       FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS (id text, sku text, "nameEn" text, "nameHi" text,
            barcodes jsonb, hsn text, "taxClassId" text, category text, unit text, "priceBasisQty" int,
            "soldLoose" boolean, "mrpMinor" bigint, "reorderLevelBase" bigint, active boolean))
            WITH ORDINALITY AS r(id, sku, "nameEn", "nameHi", barcodes, hsn, "taxClassId", category, unit,
            "priceBasisQty", "soldLoose", "mrpMinor", "reorderLevelBase", active, n)
      CROSS JOIN block
     ON CONFLICT (sku) DO UPDATE SET
       name_en = EXCLUDED.name_en, name_hi = EXCLUDED.name_hi, barcodes = EXCLUDED.barcodes,
       hsn = EXCLUDED.hsn, tax_class_id = EXCLUDED.tax_class_id, category = EXCLUDED.category,
       unit = EXCLUDED.unit, price_basis_qty = EXCLUDED.price_basis_qty,
       sold_loose = EXCLUDED.sold_loose, mrp_minor = EXCLUDED.mrp_minor,
       reorder_level_base = EXCLUDED.reorder_level_base, active = EXCLUDED.active, deleted = false,
       seq = EXCLUDED.seq, updated_at = EXCLUDED.updated_at
     RETURNING p.id, p.sku, (xmax = 0) AS created`,
    [
      JSON.stringify(products.map((p) => ({ ...p, priceBasisQty: priceBasisOf(p) }))),
      products.length,
    ],
  );
  return rows;
}

/**
 * The `WITH` item `block`: `base`, the number before a block of `$2` numbers of the `ref` sync
 * scope, taken with the scope row's lock held to commit (numbers follow commit order, as the seq
 * trigger's do). A row given `base + n` keeps it: the trigger numbers only rows without a new seq.
 */
export const REF_SEQ_BLOCK_SQL = `block AS (
       UPDATE sync_scope SET last_seq = last_seq + $2 WHERE scope = 'ref' RETURNING last_seq - $2 AS base
     )`;

/** Updates one product by id; returns false when there is none. */
export async function updateProduct(
  q: Queryable,
  id: string,
  input: ProductInput,
): Promise<boolean> {
  const { rowCount } = await q.query(
    `UPDATE products SET sku = $2, name_en = $3, name_hi = $4, barcodes = $5::text[], hsn = $6,
            tax_class_id = $7, category = $8, unit = $9, price_basis_qty = $10, sold_loose = $11,
            mrp_minor = $12, reorder_level_base = $13, active = $14
      WHERE id = $1 AND NOT deleted`,
    [
      id,
      input.sku,
      input.nameEn,
      input.nameHi,
      input.barcodes,
      input.hsn,
      input.taxClassId,
      input.category,
      input.unit,
      priceBasisOf(input),
      input.soldLoose,
      input.mrpMinor,
      input.reorderLevelBase,
      input.active,
    ],
  );
  return rowCount > 0;
}

/** Marks a product deleted: terminals pull the tombstone and stop selling it. */
export async function deleteProduct(q: Queryable, id: string): Promise<boolean> {
  const { rowCount } = await q.query(
    'UPDATE products SET deleted = true, active = false WHERE id = $1 AND NOT deleted',
    [id],
  );
  return rowCount > 0;
}

/** Products (other than `exceptSkus`) already holding any of `barcodes`, for duplicate checks. */
export async function barcodeOwners(
  q: Queryable,
  barcodes: readonly string[],
): Promise<{ barcode: string; sku: string }[]> {
  if (barcodes.length === 0) return [];
  const { rows } = await q.query<{ barcode: string; sku: string }>(
    `SELECT b AS barcode, p.sku FROM products p, unnest(p.barcodes) AS b
      WHERE NOT p.deleted AND p.barcodes && $1::text[] AND b = ANY($1::text[])`,
    [[...barcodes]],
  );
  return rows;
}

/** SKUs among `skus` that exist, with their ids. */
export async function idsOfSkus(
  q: Queryable,
  skus: readonly string[],
): Promise<Map<string, string>> {
  const { rows } = await q.query<{ id: string; sku: string }>(
    'SELECT id, sku FROM products WHERE sku = ANY($1::text[])',
    [[...skus]],
  );
  return new Map(rows.map((r) => [r.sku, r.id]));
}

/** Tax classes with the rate in force on `onDate`, and the catalogue's categories. */
export async function catalogueOptions(
  q: Queryable,
  onDate: string,
): Promise<{
  taxClasses: { id: string; rateBp: number; description: string }[];
  categories: string[];
}> {
  const classes = await q.query<{ id: string; rate_bp: number; description: string }>(
    `SELECT DISTINCT ON (tax_class_id) tax_class_id AS id, rate_bp, description FROM tax_rates
      WHERE NOT deleted AND effective_from <= $1::date AND (effective_to IS NULL OR effective_to >= $1::date)
      ORDER BY tax_class_id, effective_from DESC`,
    [onDate],
  );
  const categories = await q.query<{ category: string }>(
    'SELECT DISTINCT category FROM products WHERE NOT deleted ORDER BY category',
  );
  return {
    taxClasses: classes.rows.map((r) => ({
      id: r.id,
      rateBp: r.rate_bp,
      description: r.description,
    })),
    categories: categories.rows.map((r) => r.category),
  };
}

/** Tax class ids known at all (any period). */
export async function knownTaxClasses(q: Queryable): Promise<Set<string>> {
  const { rows } = await q.query<{ id: string }>(
    'SELECT DISTINCT tax_class_id AS id FROM tax_rates WHERE NOT deleted',
  );
  return new Set(rows.map((r) => r.id));
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}
