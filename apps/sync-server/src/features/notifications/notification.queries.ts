import type { BaseUnit, Notification, ScopeFilter } from '@kiryana/shared';
import type { Queryable } from '../../db/db';
import { scopeParams, storeInScope } from '../../db/scope-sql';

/** What a `stock.low` event leaves behind. */
type LowStockInput = {
  readonly eventId: string;
  readonly storeId: string;
  readonly productId: string;
  readonly qtyBase: number;
  readonly reorderLevelBase: number;
  readonly occurredAt: string;
};

/**
 * Stores the notification of a `stock.low` event unless it is already stored (the event id is the
 * key: a redelivered event inserts nothing). @returns whether a row was inserted
 */
export async function insertLowStockNotification(
  q: Queryable,
  input: LowStockInput,
): Promise<boolean> {
  const { rowCount } = await q.query(
    `INSERT INTO notifications (store_id, id, kind, product_id, qty_base, reorder_level_base, occurred_at)
     VALUES ($1, $2, 'stock.low', $3, $4, $5, $6)
     ON CONFLICT (store_id, id) DO NOTHING`,
    [
      input.storeId,
      input.eventId,
      input.productId,
      input.qtyBase,
      input.reorderLevelBase,
      input.occurredAt,
    ],
  );
  return rowCount > 0;
}

/** A product's level in a store now (0 when it never moved). */
export async function currentLevel(
  q: Queryable,
  storeId: string,
  productId: string,
): Promise<number> {
  const { rows } = await q.query<{ qty: string }>(
    `SELECT coalesce((SELECT qty_base FROM stock_levels WHERE store_id = $1 AND product_id = $2), 0)::text AS qty`,
    [storeId, productId],
  );
  return Number(rows[0]?.qty ?? 0);
}

/** The newest notifications of the stores in reach, with store and product names. */
export async function listNotifications(
  q: Queryable,
  filter: ScopeFilter,
  input: { readonly unreadOnly: boolean; readonly limit: number },
): Promise<Notification[]> {
  const { rows } = await q.query<{
    id: string;
    store_id: string;
    store_code: string;
    store_name_en: string;
    store_name_hi: string;
    product_id: string;
    sku: string | null;
    name_en: string | null;
    name_hi: string | null;
    sold_loose: boolean | null;
    unit: BaseUnit | null;
    qty: string;
    reorder: string;
    occurred_ms: string;
    read_ms: string | null;
  }>(
    `SELECT n.id::text AS id, n.store_id, s.code AS store_code, s.name_en AS store_name_en,
            s.name_hi AS store_name_hi, n.product_id, p.sku, p.name_en, p.name_hi, p.sold_loose, p.unit,
            n.qty_base::text AS qty, n.reorder_level_base::text AS reorder,
            (extract(epoch FROM n.occurred_at) * 1000)::int8::text AS occurred_ms,
            (extract(epoch FROM n.read_at) * 1000)::int8::text AS read_ms
       FROM notifications n
       JOIN stores s ON s.id = n.store_id
       LEFT JOIN products p ON p.id = n.product_id
      WHERE ${storeInScope('s', 1)} AND (NOT $4::boolean OR n.read_at IS NULL)
      ORDER BY n.occurred_at DESC, n.id DESC LIMIT $5`,
    [...scopeParams(filter), input.unreadOnly, input.limit],
  );
  return rows.map((r) => ({
    id: r.id,
    kind: 'stock.low',
    storeId: r.store_id,
    storeCode: r.store_code,
    storeNameEn: r.store_name_en,
    storeNameHi: r.store_name_hi,
    productId: r.product_id,
    // A product deleted since keeps its alert, named by its id.
    sku: r.sku ?? r.product_id,
    productNameEn: r.name_en ?? r.product_id,
    productNameHi: r.name_hi ?? '',
    soldLoose: r.sold_loose ?? false,
    unit: r.unit ?? 'piece',
    qtyBase: Number(r.qty),
    reorderLevelBase: Number(r.reorder),
    occurredAt: new Date(Number(r.occurred_ms)).toISOString(),
    readAt: r.read_ms === null ? null : new Date(Number(r.read_ms)).toISOString(),
  }));
}

/** How many notifications of the stores in reach are unread. */
export async function countUnread(q: Queryable, filter: ScopeFilter): Promise<number> {
  const { rows } = await q.query<{ n: string }>(
    `SELECT count(*)::text AS n FROM notifications n JOIN stores s ON s.id = n.store_id
      WHERE n.read_at IS NULL AND ${storeInScope('s', 1)}`,
    scopeParams(filter),
  );
  return Number(rows[0]?.n ?? 0);
}

/**
 * Marks unread notifications of the stores in reach as read by `actorId`: the one with `id`, or
 * all of them when `id` is null. @returns how many rows matched in reach (read before or now), and
 * how many it changed
 */
export async function markRead(
  q: Queryable,
  filter: ScopeFilter,
  input: { readonly id: string | null; readonly actorId: string },
): Promise<{ found: number; marked: number }> {
  const { rows } = await q.query<{ found: string; marked: string }>(
    `WITH target AS (
       SELECT n.store_id, n.id, n.read_at FROM notifications n JOIN stores s ON s.id = n.store_id
        WHERE ${storeInScope('s', 1)} AND ($4::uuid IS NULL OR n.id = $4::uuid)
          AND ($4::uuid IS NOT NULL OR n.read_at IS NULL)
     ), marked AS (
       UPDATE notifications n SET read_at = now(), read_by = $5
         FROM target t
        WHERE n.store_id = t.store_id AND n.id = t.id AND n.read_at IS NULL
       RETURNING 1
     )
     SELECT (SELECT count(*) FROM target)::text AS found, (SELECT count(*) FROM marked)::text AS marked`,
    [...scopeParams(filter), input.id, input.actorId],
  );
  return { found: Number(rows[0]?.found ?? 0), marked: Number(rows[0]?.marked ?? 0) };
}
