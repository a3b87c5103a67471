import type { BaseUnit, ScopeFilter, StockRow } from '@kiryana/shared';
import type { Queryable } from '../../db/db';
import { scopeParams, storeInScope } from '../../db/scope-sql';

/** One movement of a product in a store: who, when, why. */
export type MovementRow = {
  id: string;
  kind: string;
  qtyDeltaBase: number;
  createdAt: string;
  receivedAt: string;
  terminalId: string | null;
  cashierId: string | null;
  cashierName: string | null;
  reason: string | null;
  note: string | null;
  refId: string | null;
  supplier: string | null;
};

const IS_LOW = 'p.reorder_level_base > 0 AND coalesce(sl.qty_base, 0) <= p.reorder_level_base';

/**
 * Stock levels of one store (the caller checked the store is within reach), every live product of
 * the catalogue with its level (0 when it never moved), paged by SKU. `lowOnly` keeps those at or
 * below their reorder level.
 */
export async function storeStock(
  q: Queryable,
  input: { storeId: string; search: string; lowOnly: boolean; after: string; limit: number },
): Promise<StockRow[]> {
  const search = input.search.trim().toLowerCase();
  const { rows } = await q.query<{
    id: string;
    sku: string;
    name_en: string;
    name_hi: string;
    unit: BaseUnit;
    sold_loose: boolean;
    qty: number;
    reorder: number;
    low: boolean;
  }>(
    `SELECT p.id, p.sku, p.name_en, p.name_hi, p.unit, p.sold_loose, coalesce(sl.qty_base, 0)::int8 AS qty,
            p.reorder_level_base AS reorder, (${IS_LOW}) AS low
       FROM products p
       LEFT JOIN stock_levels sl ON sl.store_id = $1 AND sl.product_id = p.id
      WHERE NOT p.deleted AND p.sku > $2
        AND ($3 = '' OR lower(p.name_en) LIKE '%' || $3 || '%' OR lower(p.sku) LIKE $3 || '%')
        AND (NOT $4::boolean OR (${IS_LOW}))
      ORDER BY p.sku LIMIT $5`,
    [
      input.storeId,
      input.after,
      search.replace(/[\\%_]/g, (c) => `\\${c}`),
      input.lowOnly,
      input.limit,
    ],
  );
  return rows.map((r) => ({
    productId: r.id,
    sku: r.sku,
    nameEn: r.name_en,
    nameHi: r.name_hi,
    unit: r.unit,
    soldLoose: r.sold_loose,
    qtyBase: r.qty,
    reorderLevelBase: r.reorder,
    isLow: r.low,
  }));
}

/** One product's level in every store the reader reaches (filtered in SQL). */
export async function productAcrossStores(
  q: Queryable,
  filter: ScopeFilter,
  productId: string,
): Promise<
  { storeId: string; storeCode: string; nameEn: string; qtyBase: number; isLow: boolean }[]
> {
  const { rows } = await q.query<{
    id: string;
    code: string;
    name_en: string;
    qty: number;
    low: boolean;
  }>(
    `SELECT s.id, s.code, s.name_en, coalesce(sl.qty_base, 0)::int8 AS qty, (${IS_LOW}) AS low
       FROM stores s
       JOIN products p ON p.id = $4
       LEFT JOIN stock_levels sl ON sl.store_id = s.id AND sl.product_id = p.id
      WHERE NOT s.deleted AND ${storeInScope('s', 1)}
      ORDER BY s.code`,
    [...scopeParams(filter), productId],
  );
  return rows.map((r) => ({
    storeId: r.id,
    storeCode: r.code,
    nameEn: r.name_en,
    qtyBase: r.qty,
    isLow: r.low,
  }));
}

/** The newest movements of a product in a store, with the cashier's name where known. */
export async function movementHistory(
  q: Queryable,
  input: { storeId: string; productId: string; limit: number },
): Promise<MovementRow[]> {
  const { rows } = await q.query<{
    id: string;
    kind: string;
    qty: number;
    created_ms: number;
    received_ms: number;
    doc: Record<string, unknown>;
    cashier_name: string | null;
  }>(
    `SELECT m.id, m.kind, m.qty_delta_base AS qty,
            (extract(epoch FROM m.created_at) * 1000)::int8 AS created_ms,
            (extract(epoch FROM m.received_at) * 1000)::int8 AS received_ms,
            m.doc, u.display_name AS cashier_name
       FROM stock_movements m
       LEFT JOIN users u ON u.id = m.doc->>'cashierId'
      WHERE m.store_id = $1 AND m.product_id = $2
      ORDER BY m.created_at DESC, m.id DESC LIMIT $3`,
    [input.storeId, input.productId, input.limit],
  );
  const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    qtyDeltaBase: r.qty,
    createdAt: new Date(r.created_ms).toISOString(),
    receivedAt: new Date(r.received_ms).toISOString(),
    terminalId: text(r.doc.terminalId),
    cashierId: text(r.doc.cashierId),
    cashierName: r.cashier_name,
    reason: text(r.doc.reason),
    note: text(r.doc.note),
    refId: text(r.doc.refId),
    supplier: text(r.doc.supplier),
  }));
}
