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
  stateCode: string;
  legalName: string;
  composition: boolean;
  einvoicing: boolean;
};

type StoreListingRow = {
  id: string;
  code: string;
  region_id: string;
  name_en: string;
  name_hi: string;
  gstin: string;
  address: string;
  active: number;
  state_code: string;
  legal_name: string;
  composition: boolean;
  einvoicing: boolean;
};

const LISTING_COLUMNS = `s.id, s.code, s.region_id, s.name_en, s.name_hi, s.gstin, s.address,
            s.state_code, s.legal_name, s.composition, s.einvoicing,
            (SELECT count(*) FROM devices d WHERE d.store_id = s.id AND d.status = 'active')::int8 AS active`;

function listingOf(r: StoreListingRow): StoreAdminListing {
  return {
    id: r.id,
    code: r.code,
    regionId: r.region_id,
    nameEn: r.name_en,
    nameHi: r.name_hi,
    gstin: r.gstin,
    address: r.address,
    activeTerminals: r.active,
    stateCode: r.state_code,
    legalName: r.legal_name,
    composition: r.composition,
    einvoicing: r.einvoicing,
  };
}

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
  const { rows } = await q.query<StoreListingRow>(
    `SELECT ${LISTING_COLUMNS}
       FROM stores s
      WHERE NOT s.deleted AND ${storeInScope('s', 1)}
      ORDER BY s.code`,
    scopeParams(filter),
  );
  return rows.map(listingOf);
}

/** One store as the stores screen lists it, or undefined (unknown or retired). */
export async function storeListing(
  q: Queryable,
  storeId: string,
): Promise<StoreAdminListing | undefined> {
  const { rows } = await q.query<StoreListingRow>(
    `SELECT ${LISTING_COLUMNS} FROM stores s WHERE s.id = $1 AND NOT s.deleted`,
    [storeId],
  );
  const row = rows[0];
  return row ? listingOf(row) : undefined;
}

/**
 * Writes a store's GST registration. The row's seq trigger numbers the change, so the store's
 * terminals pull the new settings, and the reference audit trigger records it under the actor.
 */
export async function updateStoreGst(
  q: Queryable,
  storeId: string,
  settings: { gstin: string; legalName: string; composition: boolean; einvoicing: boolean },
  updatedAt: Date,
): Promise<void> {
  await q.query(
    `UPDATE stores SET gstin = $2, legal_name = $3, composition = $4, einvoicing = $5, updated_at = $6
      WHERE id = $1 AND NOT deleted`,
    [
      storeId,
      settings.gstin,
      settings.legalName,
      settings.composition,
      settings.einvoicing,
      updatedAt,
    ],
  );
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

/** Whether a region exists. */
export async function regionExists(q: Queryable, regionId: string): Promise<boolean> {
  const { rows } = await q.query('SELECT 1 FROM regions WHERE id = $1', [regionId]);
  return rows.length > 0;
}

/** Inserts a store; false when its id or code is taken (nothing written). */
export async function insertStore(
  q: Queryable,
  id: string,
  store: {
    code: string;
    regionId: string;
    nameEn: string;
    nameHi: string;
    stateCode: string;
    gstin: string;
    address: string;
    legalName: string;
    composition: boolean;
    einvoicing: boolean;
  },
): Promise<boolean> {
  const result = await q.query(
    `INSERT INTO stores (id, code, region_id, name_en, name_hi, gstin, state_code, address,
                         legal_name, composition, einvoicing)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
     ON CONFLICT DO NOTHING`,
    [
      id,
      store.code,
      store.regionId,
      store.nameEn,
      store.nameHi,
      store.gstin,
      store.stateCode,
      store.address,
      store.legalName,
      store.composition,
      store.einvoicing,
    ],
  );
  return result.rowCount > 0;
}
