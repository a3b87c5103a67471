import type { ScopeFilter } from '@kiryana/shared';
import type { Queryable } from '../../db/db';

/**
 * Minimal reads of the admin and HQ API, each filtered in SQL by the reader's stores and regions
 * (`scopeFilter` of the permission): rows outside the reader's reach are never fetched, so limits
 * and totals stay honest. Parameters $1 (all), $2 (store ids), $3 (region ids).
 */
const STORE_IN_SCOPE = `($1::boolean OR s.id = ANY($2::text[]) OR s.region_id = ANY($3::text[]))`;

function params(filter: ScopeFilter): [boolean, string[], string[]] {
  return filter.all ? [true, [], []] : [false, [...filter.storeIds], [...filter.regionIds]];
}

/** A store as the admin API lists it. */
export type StoreListing = {
  id: string;
  code: string;
  regionId: string;
  nameEn: string;
  nameHi: string;
};

export async function listStores(q: Queryable, filter: ScopeFilter): Promise<StoreListing[]> {
  const { rows } = await q.query<{
    id: string;
    code: string;
    region_id: string;
    name_en: string;
    name_hi: string;
  }>(
    `SELECT s.id, s.code, s.region_id, s.name_en, s.name_hi FROM stores s
      WHERE NOT s.deleted AND ${STORE_IN_SCOPE} ORDER BY s.code`,
    params(filter),
  );
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    regionId: r.region_id,
    nameEn: r.name_en,
    nameHi: r.name_hi,
  }));
}

/**
 * Net sales of a store over a period, in minor units; returns count negatively. Net sales leave
 * the round-off out and report it beside them, as the dashboard and reports do (docs/reports.md).
 */
export type StoreSales = {
  storeId: string;
  storeCode: string;
  regionId: string;
  netMinor: number;
  roundOffMinor: number;
  taxMinor: number;
  lines: number;
};

/**
 * Sales per store between two business dates (inclusive). Reads sale_lines, which is partitioned
 * by month of business date, so the date range prunes to the months asked for.
 */
export async function salesByStore(
  q: Queryable,
  filter: ScopeFilter,
  period: { from: string; to: string },
): Promise<StoreSales[]> {
  const { rows } = await q.query<{
    id: string;
    code: string;
    region_id: string;
    net_minor: number;
    round_off_minor: number;
    tax_minor: number;
    lines: number;
  }>(
    `SELECT s.id, s.code, s.region_id,
            coalesce(sum(CASE WHEN l.kind = 'return' THEN -l.net_minor ELSE l.net_minor END), 0)::int8 AS net_minor,
            coalesce(sum(CASE WHEN l.kind = 'return' THEN -1 ELSE 1 END
                         * (l.cgst_minor + l.sgst_minor + l.igst_minor + l.cess_minor)), 0)::int8 AS tax_minor,
            r.round_off_minor,
            count(l.sale_id)::int8 AS lines
       FROM stores s
       CROSS JOIN LATERAL (
         SELECT coalesce(sum(CASE WHEN x.kind = 'return' THEN -1 ELSE 1 END * x.round_off_minor), 0)::int8 AS round_off_minor
           FROM sales x
          WHERE x.store_id = s.id AND x.business_date BETWEEN $4::date AND $5::date) r
       LEFT JOIN sale_lines l ON l.store_id = s.id AND l.business_date BETWEEN $4::date AND $5::date
      WHERE ${STORE_IN_SCOPE}
      GROUP BY s.id, s.code, s.region_id, r.round_off_minor
      ORDER BY s.code`,
    [...params(filter), period.from, period.to],
  );
  return rows.map((r) => ({
    storeId: r.id,
    storeCode: r.code,
    regionId: r.region_id,
    netMinor: r.net_minor,
    roundOffMinor: r.round_off_minor,
    taxMinor: r.tax_minor,
    lines: r.lines,
  }));
}

/** Stock on hand of one store (the caller has checked the store is within reach). */
export async function stockLevelsOfStore(
  q: Queryable,
  storeId: string,
  page: { afterProductId: string; limit: number },
): Promise<{ productId: string; qtyBase: number }[]> {
  const { rows } = await q.query<{ product_id: string; qty_base: number }>(
    `SELECT product_id, qty_base FROM stock_levels
      WHERE store_id = $1 AND product_id > $2 ORDER BY product_id LIMIT $3`,
    [storeId, page.afterProductId, page.limit],
  );
  return rows.map((r) => ({ productId: r.product_id, qtyBase: r.qty_base }));
}
