import { type BaseUnit, type Sale, type Store } from '@kiryana/shared';
import type { Queryable } from '../../db/db';
import { storeDocumentOf, type StoreRow } from '../../db/store-document';

/**
 * What an invoice PDF reads: the sale document as the terminal pushed it, the original of a
 * return, the store as a store document (the stores pull's mapping), and the base unit of each
 * product.
 */

/** A sale (or return) by id, in any store. */
export async function saleById(q: Queryable, saleId: string): Promise<Sale | null> {
  const { rows } = await q.query<{ doc: Sale }>('SELECT doc FROM sales WHERE id = $1::uuid', [
    saleId,
  ]);
  return rows[0]?.doc ?? null;
}

/** A sale of one store by id (the original of a return is always of the return's store). */
export async function saleOfStore(
  q: Queryable,
  storeId: string,
  saleId: string,
): Promise<Sale | null> {
  const { rows } = await q.query<{ doc: Sale }>(
    'SELECT doc FROM sales WHERE store_id = $1 AND id = $2::uuid',
    [storeId, saleId],
  );
  return rows[0]?.doc ?? null;
}

/** A store as its document (deleted stores too: their sales stay on record). */
export async function storeDocument(q: Queryable, storeId: string): Promise<Store | null> {
  const { rows } = await q.query<StoreRow>(
    `SELECT id, code, name_en, name_hi, region_id, gstin, state_code, address, currency, timezone,
            legal_name, composition, einvoicing, deleted, updated_at
       FROM stores WHERE id = $1`,
    [storeId],
  );
  const row = rows[0];
  return row === undefined ? null : storeDocumentOf(row);
}

/** The base unit of each product of a sale (the UQC of its lines). */
export async function unitsOfProducts(
  q: Queryable,
  productIds: readonly string[],
): Promise<Record<string, BaseUnit>> {
  if (productIds.length === 0) return {};
  const { rows } = await q.query<{ id: string; unit: BaseUnit }>(
    'SELECT id, unit FROM products WHERE id = ANY($1::text[])',
    [productIds],
  );
  return Object.fromEntries(rows.map((r) => [r.id, r.unit]));
}
