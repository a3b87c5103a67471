import type { BaseUnit, Sale } from '@kiryana/shared';
import type { Queryable } from '../../db/db';

/**
 * The rows GSTR-1 and e-invoices read: stores with their GST settings (migration 0640), the
 * sale documents of a month, originals of returns, and products' base units.
 */

/** A store as GST returns see it. */
export type GstStoreRow = {
  id: string;
  regionId: string;
  gstin: string;
  stateCode: string;
  nameEn: string;
  address: string;
  legalName: string;
  composition: boolean;
  einvoicing: boolean;
};

const STORE_COLUMNS = `s.id, s.region_id, s.gstin, s.state_code, s.name_en, s.address,
  s.legal_name, s.composition, s.einvoicing`;

type StoreDbRow = {
  id: string;
  region_id: string;
  gstin: string;
  state_code: string;
  name_en: string;
  address: string;
  legal_name: string;
  composition: boolean;
  einvoicing: boolean;
};

function storeOf(r: StoreDbRow): GstStoreRow {
  return {
    id: r.id,
    regionId: r.region_id,
    gstin: r.gstin,
    stateCode: r.state_code,
    nameEn: r.name_en,
    address: r.address,
    legalName: r.legal_name,
    composition: r.composition,
    einvoicing: r.einvoicing,
  };
}

/** Every live store, by GSTIN then id (the GSTIN list is grouped from it). */
export async function gstStores(q: Queryable, gstin: string | null = null): Promise<GstStoreRow[]> {
  const { rows } = await q.query<StoreDbRow>(
    `SELECT ${STORE_COLUMNS} FROM stores s
      WHERE NOT s.deleted AND ($1::text IS NULL OR s.gstin = $1)
      ORDER BY s.gstin, s.id`,
    [gstin],
  );
  return rows.map(storeOf);
}

/** One store by id (deleted ones too: their sales stay on record). */
export async function gstStore(q: Queryable, storeId: string): Promise<GstStoreRow | null> {
  const { rows } = await q.query<StoreDbRow>(
    `SELECT ${STORE_COLUMNS} FROM stores s WHERE s.id = $1`,
    [storeId],
  );
  const row = rows[0];
  return row ? storeOf(row) : null;
}

/** The sales and returns of the stores whose business date lies in [from, to]. */
export async function salesOfMonth(
  q: Queryable,
  storeIds: readonly string[],
  from: string,
  to: string,
): Promise<Sale[]> {
  const { rows } = await q.query<{ doc: Sale }>(
    `SELECT doc FROM sales
      WHERE store_id = ANY($1::text[]) AND business_date BETWEEN $2::date AND $3::date
      ORDER BY business_date, invoice_no`,
    [storeIds, from, to],
  );
  return rows.map((r) => r.doc);
}

/** Sales by id within the stores (the originals of returns, whatever their month). */
export async function salesById(
  q: Queryable,
  storeIds: readonly string[],
  ids: readonly string[],
): Promise<Map<string, Sale>> {
  if (ids.length === 0) return new Map();
  const { rows } = await q.query<{ doc: Sale }>(
    `SELECT doc FROM sales WHERE store_id = ANY($1::text[]) AND id = ANY($2::uuid[])`,
    [storeIds, ids],
  );
  return new Map(rows.map((r) => [r.doc.id, r.doc]));
}

/** A sale by id in any store, with its store id. */
export async function saleById(q: Queryable, saleId: string): Promise<Sale | null> {
  const { rows } = await q.query<{ doc: Sale }>(`SELECT doc FROM sales WHERE id = $1::uuid`, [
    saleId,
  ]);
  return rows[0]?.doc ?? null;
}

/** The base unit of each product id (HSN and e-invoice quantities). */
export async function unitsOf(
  q: Queryable,
  productIds: readonly string[],
): Promise<Map<string, BaseUnit>> {
  if (productIds.length === 0) return new Map();
  const { rows } = await q.query<{ id: string; unit: BaseUnit }>(
    `SELECT id, unit FROM products WHERE id = ANY($1::text[])`,
    [productIds],
  );
  return new Map(rows.map((r) => [r.id, r.unit]));
}
