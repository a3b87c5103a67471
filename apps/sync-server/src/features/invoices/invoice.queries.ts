import { type BaseUnit, type Sale, STORE_SCHEMA_VERSION, type Store } from '@kiryana/shared';
import type { Queryable } from '../../db/db';

/**
 * What an invoice PDF reads: the sale document as the terminal pushed it, the original of a
 * return, the store as a store document, and the base unit of each product. The store columns of
 * issue 19 (legal name, composition) are read through `to_jsonb(s)`, so this runs before and after
 * the migration that adds them and reads a missing column as its default.
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

type StoreRow = {
  id: string;
  code: string;
  name_en: string;
  name_hi: string;
  region_id: string;
  gstin: string;
  state_code: string;
  address: string;
  currency: string;
  timezone: string;
  legal_name: string | null;
  composition: boolean | null;
  deleted: boolean;
  updated_at: Date | string;
};

/** A store as its document (deleted stores too: their sales stay on record). */
export async function storeDocument(q: Queryable, storeId: string): Promise<Store | null> {
  const { rows } = await q.query<StoreRow>(
    `SELECT s.id, s.code, s.name_en, s.name_hi, s.region_id, s.gstin, s.state_code, s.address,
            s.currency, s.timezone, s.deleted, s.updated_at,
            to_jsonb(s) ->> 'legal_name' AS legal_name,
            (to_jsonb(s) ->> 'composition')::boolean AS composition
       FROM stores s WHERE s.id = $1`,
    [storeId],
  );
  const row = rows[0];
  if (row === undefined) return null;
  return {
    id: row.id,
    schemaVersion: STORE_SCHEMA_VERSION,
    code: row.code,
    nameEn: row.name_en,
    nameHi: row.name_hi,
    regionId: row.region_id,
    gstin: row.gstin,
    stateCode: row.state_code,
    address: row.address,
    currency: row.currency,
    timezone: row.timezone,
    legalName: row.legal_name ?? '',
    composition: row.composition ?? false,
    updatedAt: new Date(row.updated_at).toISOString(),
    _deleted: row.deleted,
  };
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
