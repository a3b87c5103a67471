import {
  type BaseUnit,
  type DashboardDay,
  type ScopeFilter,
  type StoreDay,
  multiplyDivide,
} from '@kiryana/shared';
import type { Queryable } from '../../db/db';
import { scopeParams, storeInScope } from '../../db/scope-sql';

/**
 * The live dashboard: one business date's sales of the stores a manager reaches. Every query
 * filters stores by the reader's scope in SQL ($1–$3) and optionally narrows to one store ($5).
 * Returns count negatively; amounts are integer paise. Net sales leave the round-off out and
 * report it beside them (docs/reports.md): a bill's net is its total less its round-off, which
 * equals the sum of its lines (the push rules check both), so these figures match the reports,
 * which sum lines.
 */

const SIGN = `CASE WHEN x.kind = 'return' THEN -1 ELSE 1 END`;
const SIGNED_NET_OF_BILL = `${SIGN} * (x.total_minor - x.round_off_minor)`;
const SIGNED_ROUND_OFF = `${SIGN} * x.round_off_minor`;
const SIGNED_NET = `CASE WHEN l.kind = 'return' THEN -l.net_minor ELSE l.net_minor END`;
const SIGNED_QTY = `CASE WHEN l.kind = 'return' THEN -l.qty_base ELSE l.qty_base END`;
const ONE_STORE = `($5::text IS NULL OR s.id = $5)`;

/** The average of a total over a count, rounded half up; 0 when there is nothing to average. */
function average(totalMinor: number, count: number): number {
  return count > 0 ? multiplyDivide(totalMinor, 1, count, 'halfUp') : 0;
}

/** A day of sales for the stores in `filter` (and only `storeId`, when given). */
export async function dashboardDay(
  q: Queryable,
  filter: ScopeFilter,
  input: { businessDate: string; storeId?: string | undefined; topLimit?: number },
): Promise<DashboardDay> {
  const params = [...scopeParams(filter), input.businessDate, input.storeId ?? null];
  const stores = await q.query<{
    id: string;
    code: string;
    region_id: string;
    name_en: string;
    name_hi: string;
    net_minor: number;
    round_off_minor: number;
    sale_minor: number;
    bills: number;
    returns: number;
    last_sale_ms: number | null;
  }>(
    `SELECT s.id, s.code, s.region_id, s.name_en, s.name_hi,
            coalesce(sum(${SIGNED_NET_OF_BILL}), 0)::int8 AS net_minor,
            coalesce(sum(${SIGNED_ROUND_OFF}), 0)::int8 AS round_off_minor,
            coalesce(sum(x.total_minor - x.round_off_minor) FILTER (WHERE x.kind = 'sale'), 0)::int8 AS sale_minor,
            count(x.id) FILTER (WHERE x.kind = 'sale')::int8 AS bills,
            count(x.id) FILTER (WHERE x.kind = 'return')::int8 AS returns,
            (extract(epoch FROM max(x.created_at)) * 1000)::int8 AS last_sale_ms
       FROM stores s
       LEFT JOIN sales x ON x.store_id = s.id AND x.business_date = $4::date
      WHERE NOT s.deleted AND ${storeInScope('s', 1)} AND ${ONE_STORE}
      GROUP BY s.id, s.code, s.region_id, s.name_en, s.name_hi
      ORDER BY s.code`,
    params,
  );
  const top = await q.query<{
    product_id: string;
    name_en: string | null;
    name_hi: string | null;
    unit: BaseUnit | null;
    sold_loose: boolean | null;
    qty: number;
    net_minor: number;
  }>(
    `SELECT l.product_id, p.name_en, p.name_hi, p.unit, p.sold_loose,
            sum(${SIGNED_QTY})::int8 AS qty, sum(${SIGNED_NET})::int8 AS net_minor
       FROM sale_lines l
       JOIN stores s ON s.id = l.store_id
       LEFT JOIN products p ON p.id = l.product_id
      WHERE l.business_date = $4::date AND ${storeInScope('s', 1)} AND ${ONE_STORE}
      GROUP BY l.product_id, p.name_en, p.name_hi, p.unit, p.sold_loose
      ORDER BY net_minor DESC, l.product_id
      LIMIT $6`,
    [...params, input.topLimit ?? 10],
  );
  const hours = await q.query<{ hour: number; net_minor: number; bills: number }>(
    `SELECT extract(hour FROM x.created_at AT TIME ZONE s.timezone)::int AS hour,
            sum(${SIGNED_NET_OF_BILL})::int8 AS net_minor,
            count(*) FILTER (WHERE x.kind = 'sale')::int8 AS bills
       FROM sales x
       JOIN stores s ON s.id = x.store_id
      WHERE x.business_date = $4::date AND ${storeInScope('s', 1)} AND ${ONE_STORE}
      GROUP BY 1`,
    params,
  );
  const storeDays: StoreDay[] = stores.rows.map((r) => ({
    storeId: r.id,
    storeCode: r.code,
    regionId: r.region_id,
    nameEn: r.name_en,
    nameHi: r.name_hi,
    netMinor: r.net_minor,
    roundOffMinor: r.round_off_minor,
    bills: r.bills,
    returns: r.returns,
    averageBillMinor: average(r.sale_minor, r.bills),
    lastSaleAt: r.last_sale_ms === null ? null : new Date(r.last_sale_ms).toISOString(),
  }));
  const byHourMap = new Map(hours.rows.map((h) => [h.hour, h]));
  const saleMinor = stores.rows.reduce((sum, r) => sum + r.sale_minor, 0);
  const bills = storeDays.reduce((sum, s) => sum + s.bills, 0);
  const netMinor = storeDays.reduce((sum, s) => sum + s.netMinor, 0);
  const roundOffMinor = storeDays.reduce((sum, s) => sum + s.roundOffMinor, 0);
  return {
    businessDate: input.businessDate,
    totals: {
      netMinor,
      roundOffMinor,
      collectedMinor: netMinor + roundOffMinor,
      bills,
      returns: storeDays.reduce((sum, s) => sum + s.returns, 0),
      averageBillMinor: average(saleMinor, bills),
    },
    stores: storeDays,
    topProducts: top.rows.map((r) => ({
      productId: r.product_id,
      nameEn: r.name_en ?? r.product_id,
      nameHi: r.name_hi ?? '',
      unit: r.unit ?? 'piece',
      soldLoose: r.sold_loose ?? false,
      qtyBase: r.qty,
      netMinor: r.net_minor,
    })),
    byHour: Array.from({ length: 24 }, (_, hour) => ({
      hour,
      netMinor: byHourMap.get(hour)?.net_minor ?? 0,
      bills: byHourMap.get(hour)?.bills ?? 0,
    })),
  };
}

/** Ids of the stores in `filter`, for subscribing to their live hints. */
export async function storeIdsInScope(q: Queryable, filter: ScopeFilter): Promise<string[]> {
  const { rows } = await q.query<{ id: string }>(
    `SELECT s.id FROM stores s WHERE NOT s.deleted AND ${storeInScope('s', 1)} ORDER BY s.id`,
    scopeParams(filter),
  );
  return rows.map((r) => r.id);
}
