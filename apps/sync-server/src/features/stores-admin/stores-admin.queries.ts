import type { AccessTarget, ScopeFilter } from '@kiryana/shared';
import type { Queryable } from '../../db/db';
import { scopeParams, storeInScope } from '../../db/scope-sql';

/** A region with its stores in the reader's scope. */
export type RegionListing = { id: string; code: string; nameEn: string; nameHi: string };

/** A store as the stores screen lists it. */
export type StoreAdminListing = {
  id: string;
  code: string;
  regionId: string;
  nameEn: string;
  nameHi: string;
  gstin: string;
  address: string;
  activeTerminals: number;
};

/** Regions holding at least one store in the reader's scope. */
export async function regionsInScope(q: Queryable, filter: ScopeFilter): Promise<RegionListing[]> {
  const { rows } = await q.query<{ id: string; code: string; name_en: string; name_hi: string }>(
    `SELECT r.id, r.code, r.name_en, r.name_hi FROM regions r
      WHERE EXISTS (SELECT 1 FROM stores s WHERE s.region_id = r.id AND NOT s.deleted
                      AND ${storeInScope('s', 1)})
      ORDER BY r.code`,
    scopeParams(filter),
  );
  return rows.map((r) => ({ id: r.id, code: r.code, nameEn: r.name_en, nameHi: r.name_hi }));
}

/** Stores in the reader's scope with their count of active terminals. */
export async function storesInScope(
  q: Queryable,
  filter: ScopeFilter,
): Promise<StoreAdminListing[]> {
  const { rows } = await q.query<{
    id: string;
    code: string;
    region_id: string;
    name_en: string;
    name_hi: string;
    gstin: string;
    address: string;
    active: number;
  }>(
    `SELECT s.id, s.code, s.region_id, s.name_en, s.name_hi, s.gstin, s.address,
            (SELECT count(*) FROM devices d WHERE d.store_id = s.id AND d.status = 'active')::int8 AS active
       FROM stores s
      WHERE NOT s.deleted AND ${storeInScope('s', 1)}
      ORDER BY s.code`,
    scopeParams(filter),
  );
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    regionId: r.region_id,
    nameEn: r.name_en,
    nameHi: r.name_hi,
    gstin: r.gstin,
    address: r.address,
    activeTerminals: r.active,
  }));
}

/** The store code of a store id, or undefined. */
export async function storeCodeOf(q: Queryable, storeId: string): Promise<string | undefined> {
  const { rows } = await q.query<{ code: string }>(
    'SELECT code FROM stores WHERE id = $1 AND NOT deleted',
    [storeId],
  );
  return rows[0]?.code;
}

/**
 * The target of an action on a device: its store with the store's region. An unknown device gets
 * empty ids, so only an `all` grant passes and nobody learns whether a device outside their reach
 * exists (403 either way).
 */
export async function deviceTarget(q: Queryable, deviceId: string): Promise<AccessTarget> {
  const { rows } = await q.query<{ store_id: string; region_id: string }>(
    `SELECT d.store_id, s.region_id FROM devices d JOIN stores s ON s.id = d.store_id WHERE d.id = $1`,
    [deviceId],
  );
  const row = rows[0];
  return row ? { storeId: row.store_id, regionId: row.region_id } : { storeId: '', regionId: '' };
}
