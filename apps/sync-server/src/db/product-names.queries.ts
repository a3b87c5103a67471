import type { Queryable } from './db';

/**
 * SKU and names of the products among `ids`, deleted ones too: old transfers and POs still name
 * them (and a writer checks `deleted` to refuse a product no longer sold).
 */
export async function productNames(
  q: Queryable,
  ids: readonly string[],
): Promise<{ productId: string; sku: string; nameEn: string; nameHi: string; deleted: boolean }[]> {
  const { rows } = await q.query<{
    id: string;
    sku: string;
    name_en: string;
    name_hi: string;
    deleted: boolean;
  }>('SELECT id, sku, name_en, name_hi, deleted FROM products WHERE id = ANY($1) ORDER BY id', [
    ids,
  ]);
  return rows.map((r) => ({
    productId: r.id,
    sku: r.sku,
    nameEn: r.name_en,
    nameHi: r.name_hi,
    deleted: r.deleted,
  }));
}
