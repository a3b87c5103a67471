import { STORE_SCHEMA_VERSION, type Store } from '@kiryana/shared';
import { isoTimestamp } from './row-values';

/** A `stores` row as the queries select it. */
export type StoreRow = {
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
  legal_name: string;
  composition: boolean;
  einvoicing: boolean;
  deleted: boolean;
  updated_at: Date | string;
};

/** A `stores` row as the store document (v2): the pull's and the invoice PDF's one mapping. */
export function storeDocumentOf(row: StoreRow): Store {
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
    // Version 2: the GST settings a counter needs for the kind of invoice and its header.
    legalName: row.legal_name,
    composition: row.composition,
    einvoicing: row.einvoicing,
    updatedAt: isoTimestamp(row.updated_at),
    _deleted: row.deleted,
  };
}
