import {
  PRICE_SCHEMA_VERSION,
  PRODUCT_SCHEMA_VERSION,
  TAX_RATE_SCHEMA_VERSION,
  type Price,
  type Product,
  type Store,
  type TaxRate,
} from '@kiryana/shared';
import type { Queryable } from '../../db/db';
import type { PulledRow } from '../../db/pulled-row';
import { intOf, isoTimestamp } from '../../db/row-values';
import { type StoreRow, storeDocumentOf } from '../../db/store-document';

/**
 * Pull pages of reference data (scope `ref`), in seq order after a checkpoint. The device's region
 * and store are parameters inside the SQL, before the LIMIT, so a page is never shortened by a
 * filter applied afterwards (RxDB ends its initial sync on the first short page).
 * Each collection's snake_case row is mapped to its shared document shape here and only here.
 */

type ProductRow = {
  seq: string;
  id: string;
  sku: string;
  name_en: string;
  name_hi: string;
  barcodes: string[];
  hsn: string;
  tax_class_id: string;
  category: string;
  unit: Product['unit'];
  price_basis_qty: number;
  sold_loose: boolean;
  mrp_minor: number;
  reorder_level_base: number;
  active: boolean;
  deleted: boolean;
  updated_at: Date | string;
};

/** Products after `afterSeq`: the whole catalogue replicates to every terminal. */
export async function pullProducts(
  q: Queryable,
  afterSeq: string,
  limit: number,
): Promise<PulledRow<Product>[]> {
  const result = await q.query<ProductRow>(
    `SELECT seq::text AS seq, id, sku, name_en, name_hi, barcodes, hsn, tax_class_id, category, unit,
            price_basis_qty, sold_loose, mrp_minor, reorder_level_base, active, deleted, updated_at
       FROM products WHERE seq > $1::bigint ORDER BY products.seq LIMIT $2`,
    [afterSeq, limit],
  );
  return result.rows.map((row) => ({
    seq: row.seq,
    document: {
      id: row.id,
      schemaVersion: PRODUCT_SCHEMA_VERSION,
      sku: row.sku,
      nameEn: row.name_en,
      nameHi: row.name_hi,
      barcodes: row.barcodes,
      hsn: row.hsn,
      taxClassId: row.tax_class_id,
      category: row.category,
      unit: row.unit,
      priceBasisQty: row.price_basis_qty === 1000 ? 1000 : 1,
      soldLoose: row.sold_loose,
      mrpMinor: intOf(row.mrp_minor),
      reorderLevelBase: intOf(row.reorder_level_base),
      active: row.active,
      updatedAt: isoTimestamp(row.updated_at),
      _deleted: row.deleted,
    },
  }));
}

type PriceRow = {
  seq: string;
  id: string;
  product_id: string;
  level: Price['level'];
  region_id: string | null;
  store_id: string | null;
  currency: string;
  price_minor: number;
  mrp_minor: number;
  effective_from: string;
  deleted: boolean;
  updated_at: Date | string;
};

/** Prices after `afterSeq` that apply to the device: HQ prices, its region's, its store's. */
export async function pullPrices(
  q: Queryable,
  scope: { readonly regionId: string; readonly storeId: string },
  afterSeq: string,
  limit: number,
): Promise<PulledRow<Price>[]> {
  const result = await q.query<PriceRow>(
    `SELECT seq::text AS seq, id, product_id, level, region_id, store_id, currency, price_minor,
            mrp_minor, effective_from, deleted, updated_at
       FROM prices
      WHERE seq > $1::bigint
        AND (level = 'hq' OR (level = 'region' AND region_id = $3) OR (level = 'store' AND store_id = $4))
      ORDER BY prices.seq LIMIT $2`,
    [afterSeq, limit, scope.regionId, scope.storeId],
  );
  return result.rows.map((row) => ({
    seq: row.seq,
    document: {
      id: row.id,
      schemaVersion: PRICE_SCHEMA_VERSION,
      productId: row.product_id,
      level: row.level,
      regionId: row.region_id,
      storeId: row.store_id,
      currency: row.currency,
      priceMinor: intOf(row.price_minor),
      mrpMinor: intOf(row.mrp_minor),
      effectiveFrom: row.effective_from,
      updatedAt: isoTimestamp(row.updated_at),
      _deleted: row.deleted,
    },
  }));
}

type TaxRateRow = {
  seq: string;
  id: string;
  tax_class_id: string;
  rate_bp: number;
  cess_bp: number;
  cess_specific_minor: string | number;
  cess_specific_per_qty: number;
  effective_from: string;
  effective_to: string | null;
  description: string;
  deleted: boolean;
  updated_at: Date | string;
};

/** Tax-rate rows after `afterSeq`: the whole GST schedule replicates to every terminal. */
export async function pullTaxRates(
  q: Queryable,
  afterSeq: string,
  limit: number,
): Promise<PulledRow<TaxRate>[]> {
  const result = await q.query<TaxRateRow>(
    `SELECT seq::text AS seq, id, tax_class_id, rate_bp, cess_bp, cess_specific_minor,
            cess_specific_per_qty, effective_from, effective_to, description, deleted, updated_at
       FROM tax_rates WHERE seq > $1::bigint ORDER BY tax_rates.seq LIMIT $2`,
    [afterSeq, limit],
  );
  return result.rows.map((row) => ({
    seq: row.seq,
    document: {
      id: row.id,
      schemaVersion: TAX_RATE_SCHEMA_VERSION,
      taxClassId: row.tax_class_id,
      rateBp: row.rate_bp,
      cessBp: row.cess_bp,
      // Version 2: the specific cess (0 per 1 when the row has none).
      cessSpecificMinor: intOf(row.cess_specific_minor),
      cessSpecificPerQty: row.cess_specific_per_qty,
      effectiveFrom: row.effective_from,
      effectiveTo: row.effective_to,
      description: row.description,
      updatedAt: isoTimestamp(row.updated_at),
      _deleted: row.deleted,
    },
  }));
}

/** The device's own store, when it changed after `afterSeq`; other stores never replicate to it. */
export async function pullStores(
  q: Queryable,
  storeId: string,
  afterSeq: string,
  limit: number,
): Promise<PulledRow<Store>[]> {
  const result = await q.query<StoreRow & { seq: string }>(
    `SELECT seq::text AS seq, id, code, name_en, name_hi, region_id, gstin, state_code, address,
            currency, timezone, legal_name, composition, einvoicing, deleted, updated_at
       FROM stores WHERE id = $3 AND seq > $1::bigint ORDER BY stores.seq LIMIT $2`,
    [afterSeq, limit, storeId],
  );
  return result.rows.map((row) => ({ seq: row.seq, document: storeDocumentOf(row) }));
}
