import type { ScopeFilter, SupplierInput, SupplierProduct } from '@kiryana/shared';
import type { Queryable } from '../../db/db';
import { scopeParams, storeInScope } from '../../db/scope-sql';

/** A supplier as the admin API answers it (`supplierSchema`). */
export type SupplierRow = {
  supplierId: string;
  name: string;
  gstin: string | null;
  stateCode: string;
  paymentTermsDays: number;
  leadTimeDays: number;
  regionId: string | null;
  storeIds: string[];
  products: SupplierProduct[];
  active: boolean;
  updatedAt: string;
};

type Head = {
  id: string;
  name: string;
  gstin: string | null;
  state_code: string;
  payment_terms_days: number;
  lead_time_days: number;
  region_id: string | null;
  active: boolean;
  updated_at: Date | string;
};

/**
 * Whether a supplier row `sp` is visible with the reader's filter (parameters from `first`: all,
 * store ids, region ids): chain-wide suppliers to everyone who reads purchases, a region's to that
 * region, and any supplier to the stores that buy from it.
 */
function supplierVisible(first: number): string {
  return `($${first}::boolean OR sp.region_id IS NULL OR sp.region_id = ANY($${first + 2}::text[])
    OR EXISTS (SELECT 1 FROM supplier_stores ss JOIN stores st ON st.id = ss.store_id
                WHERE ss.supplier_id = sp.id
                  AND (st.id = ANY($${first + 1}::text[]) OR st.region_id = ANY($${first + 2}::text[]))))`;
}

const HEAD_COLUMNS = `sp.id, sp.name, sp.gstin, sp.state_code, sp.payment_terms_days, sp.lead_time_days,
  sp.region_id, sp.active, sp.updated_at`;

/** One page of suppliers the reader sees, in name order after the cursor (`[name, id]`). */
export async function listSuppliers(
  q: Queryable,
  filter: ScopeFilter,
  input: {
    regionId: string | null;
    storeId: string | null;
    after: readonly [string, string] | null;
    limit: number;
  },
): Promise<SupplierRow[]> {
  const { rows } = await q.query<Head>(
    `SELECT ${HEAD_COLUMNS} FROM suppliers sp
      WHERE ${supplierVisible(1)}
        AND ($4::text IS NULL OR sp.region_id = $4)
        AND ($5::text IS NULL OR EXISTS (SELECT 1 FROM supplier_stores ss
                                          WHERE ss.supplier_id = sp.id AND ss.store_id = $5))
        AND ($6::text IS NULL OR (sp.name, sp.id) > ($6, $7::text))
      ORDER BY sp.name, sp.id LIMIT $8`,
    [
      ...scopeParams(filter),
      input.regionId,
      input.storeId,
      input.after?.[0] ?? null,
      input.after?.[1] ?? null,
      input.limit,
    ],
  );
  return withDetails(q, rows, filter);
}

/**
 * One supplier by id, whoever may see it (the caller checks reach), or null. With `filter`, its
 * stores are only those the reader reaches: a chain-wide supplier does not tell a store manager
 * which other stores buy from it.
 */
export async function findSupplier(
  q: Queryable,
  id: string,
  filter: ScopeFilter = { all: true },
): Promise<SupplierRow | null> {
  const { rows } = await q.query<Head>(
    `SELECT ${HEAD_COLUMNS} FROM suppliers sp WHERE sp.id = $1`,
    [id],
  );
  return (await withDetails(q, rows, filter))[0] ?? null;
}

/** Whether the reader sees this supplier (false too when there is none). */
export async function supplierInReach(
  q: Queryable,
  filter: ScopeFilter,
  id: string,
): Promise<boolean> {
  const { rows } = await q.query(
    `SELECT 1 FROM suppliers sp WHERE sp.id = $4 AND ${supplierVisible(1)}`,
    [...scopeParams(filter), id],
  );
  return rows.length > 0;
}

async function withDetails(
  q: Queryable,
  heads: Head[],
  filter: ScopeFilter,
): Promise<SupplierRow[]> {
  if (heads.length === 0) return [];
  const ids = heads.map((h) => h.id);
  const stores = await q.query<{ supplier_id: string; store_id: string }>(
    `SELECT ss.supplier_id, ss.store_id FROM supplier_stores ss JOIN stores s ON s.id = ss.store_id
      WHERE ss.supplier_id = ANY($4) AND ${storeInScope('s', 1)} ORDER BY ss.store_id`,
    [...scopeParams(filter), ids],
  );
  const products = await q.query<{
    supplier_id: string;
    product_id: string;
    order_unit_name: string;
    base_units_per_order_unit: number;
    last_cost_minor_per_order_unit: number | null;
  }>(
    `SELECT supplier_id, product_id, order_unit_name, base_units_per_order_unit,
            last_cost_minor_per_order_unit
       FROM supplier_products WHERE supplier_id = ANY($1) ORDER BY product_id`,
    [ids],
  );
  return heads.map((h) => ({
    supplierId: h.id,
    name: h.name,
    gstin: h.gstin,
    stateCode: h.state_code,
    paymentTermsDays: h.payment_terms_days,
    leadTimeDays: h.lead_time_days,
    regionId: h.region_id,
    storeIds: stores.rows.filter((s) => s.supplier_id === h.id).map((s) => s.store_id),
    products: products.rows
      .filter((p) => p.supplier_id === h.id)
      .map((p) => ({
        productId: p.product_id,
        orderUnitName: p.order_unit_name,
        baseUnitsPerOrderUnit: p.base_units_per_order_unit,
        lastCostMinorPerOrderUnit: p.last_cost_minor_per_order_unit,
      })),
    active: h.active,
    updatedAt: new Date(h.updated_at).toISOString(),
  }));
}

/** Inserts or replaces a supplier with its stores and products (one transaction is the caller's). */
export async function writeSupplier(
  q: Queryable,
  id: string,
  input: SupplierInput & { active: boolean },
): Promise<void> {
  await q.query(
    `INSERT INTO suppliers (id, name, gstin, state_code, payment_terms_days, lead_time_days, region_id, active)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (id) DO UPDATE SET name = $2, gstin = $3, state_code = $4, payment_terms_days = $5,
       lead_time_days = $6, region_id = $7, active = $8, updated_at = now()`,
    [
      id,
      input.name,
      input.gstin === '' ? null : input.gstin,
      input.stateCode,
      input.paymentTermsDays,
      input.leadTimeDays,
      input.regionId,
      input.active,
    ],
  );
  await q.query('DELETE FROM supplier_stores WHERE supplier_id = $1', [id]);
  await q.query(
    'INSERT INTO supplier_stores (supplier_id, store_id) SELECT $1, unnest($2::text[])',
    [id, input.storeIds],
  );
  await q.query('DELETE FROM supplier_products WHERE supplier_id = $1', [id]);
  await q.query(
    `INSERT INTO supplier_products (supplier_id, product_id, order_unit_name, base_units_per_order_unit,
                                    last_cost_minor_per_order_unit)
     SELECT $1, p->>'productId', p->>'orderUnitName', (p->>'baseUnitsPerOrderUnit')::int,
            (p->>'lastCostMinorPerOrderUnit')::bigint
       FROM jsonb_array_elements($2::jsonb) AS p`,
    [id, JSON.stringify(input.products)],
  );
}

/** The stores among `ids` that exist, with their regions. */
export async function storesByIds(
  q: Queryable,
  ids: readonly string[],
): Promise<Map<string, string>> {
  const { rows } = await q.query<{ id: string; region_id: string }>(
    'SELECT id, region_id FROM stores WHERE id = ANY($1) AND NOT deleted',
    [ids],
  );
  return new Map(rows.map((r) => [r.id, r.region_id]));
}

/** The ids among `ids` that are live products. */
export async function liveProductIds(q: Queryable, ids: readonly string[]): Promise<Set<string>> {
  const { rows } = await q.query<{ id: string }>(
    'SELECT id FROM products WHERE id = ANY($1) AND NOT deleted',
    [ids],
  );
  return new Set(rows.map((r) => r.id));
}

/** Whether a region exists. */
export async function regionExists(q: Queryable, id: string): Promise<boolean> {
  const { rows } = await q.query('SELECT 1 FROM regions WHERE id = $1', [id]);
  return rows.length > 0;
}
