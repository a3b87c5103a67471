import type { StockMovement, TaxRateRow } from '@kiryana/shared';
import type { Queryable } from '../../db/db';
import type { SeedPrice, SeedProduct } from './seed-catalogue';
import type { SeedRegion, SeedStore } from './seed-chain';

/**
 * Batched inserts of the demo chain: one statement per table, rows passed as parallel arrays and
 * expanded with unnest, so 24,000 movements cost one round trip (also on PGlite). Every row gets
 * an explicit seq from a block taken under the scope's row lock, so the per-row seq triggers step
 * aside and checkpoint order is insertion order.
 */

/** Takes `count` sequence numbers of `scope`; returns the number before the first. */
export async function takeSeqBlock(q: Queryable, scope: string, count: number): Promise<number> {
  await q.query('INSERT INTO sync_scope (scope) VALUES ($1) ON CONFLICT (scope) DO NOTHING', [
    scope,
  ]);
  const { rows } = await q.query<{ last_seq: number }>(
    'UPDATE sync_scope SET last_seq = last_seq + $2 WHERE scope = $1 RETURNING last_seq',
    [scope, count],
  );
  return (rows[0]?.last_seq ?? count) - count;
}

const seqs = (base: number, count: number) => Array.from({ length: count }, (_, i) => base + i + 1);

export async function insertRegions(q: Queryable, regions: readonly SeedRegion[]): Promise<void> {
  await q.query(
    `INSERT INTO regions (id, code, name_en, name_hi)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])`,
    [
      regions.map((r) => r.id),
      regions.map((r) => r.code),
      regions.map((r) => r.nameEn),
      regions.map((r) => r.nameHi),
    ],
  );
}

export async function insertStores(q: Queryable, stores: readonly SeedStore[], seqBase: number) {
  await q.query(
    `INSERT INTO stores (id, code, region_id, name_en, name_hi, gstin, state_code, address, seq,
                         legal_name, composition, einvoicing)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::int8[],
                          $10::text[], $11::bool[], $12::bool[])`,
    [
      stores.map((s) => s.id),
      stores.map((s) => s.code),
      stores.map((s) => s.regionId),
      stores.map((s) => s.nameEn),
      stores.map((s) => s.nameHi),
      stores.map((s) => s.gstin),
      stores.map((s) => s.stateCode),
      stores.map((s) => s.address),
      seqs(seqBase, stores.length),
      stores.map((s) => s.legalName),
      stores.map((s) => s.composition),
      stores.map((s) => s.einvoicing),
    ],
  );
}

/** Tax rate rows get ids `<class>@<effective from>`. */
export async function insertTaxRates(
  q: Queryable,
  rows: readonly TaxRateRow[],
  descriptionOf: (classId: string) => string,
  seqBase: number,
) {
  await q.query(
    `INSERT INTO tax_rates (id, tax_class_id, rate_bp, cess_bp, effective_from, effective_to, description, seq,
                            cess_specific_minor, cess_specific_per_qty)
     SELECT * FROM unnest($1::text[], $2::text[], $3::int4[], $4::int4[], $5::date[], $6::date[], $7::text[], $8::int8[],
                          $9::int8[], $10::int4[])`,
    [
      rows.map((r) => `${r.taxClassId}@${r.effectiveFrom}`),
      rows.map((r) => r.taxClassId),
      rows.map((r) => r.rateBp),
      rows.map((r) => r.cessBp),
      rows.map((r) => r.effectiveFrom),
      rows.map((r) => r.effectiveTo),
      rows.map((r) => descriptionOf(r.taxClassId)),
      seqs(seqBase, rows.length),
      // Tax-rate v2: the specific (per-unit) cess, none unless the row says.
      rows.map((r) => r.cessSpecificMinor ?? 0),
      rows.map((r) => r.cessSpecificPerQty ?? 1),
    ],
  );
}

export async function insertProducts(
  q: Queryable,
  products: readonly SeedProduct[],
  seqBase: number,
) {
  await q.query(
    `INSERT INTO products (id, sku, name_en, name_hi, barcodes, hsn, tax_class_id, category, unit,
                           price_basis_qty, sold_loose, mrp_minor, reorder_level_base, seq)
     SELECT id, sku, name_en, name_hi, string_to_array(barcodes, ','), hsn, tax_class_id, category, unit,
            price_basis_qty, sold_loose, mrp_minor, reorder_level_base, seq
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                   $8::text[], $9::text[], $10::int4[], $11::bool[], $12::int8[], $13::int8[], $14::int8[])
         AS p(id, sku, name_en, name_hi, barcodes, hsn, tax_class_id, category, unit,
              price_basis_qty, sold_loose, mrp_minor, reorder_level_base, seq)`,
    [
      products.map((p) => p.id),
      products.map((p) => p.sku),
      products.map((p) => p.nameEn),
      products.map((p) => p.nameHi),
      // EAN-13s are digits only, so a comma-joined list is unambiguous (unnest cannot yield arrays).
      products.map((p) => p.barcodes.join(',')),
      products.map((p) => p.hsn),
      products.map((p) => p.taxClassId),
      products.map((p) => p.category),
      products.map((p) => p.unit),
      products.map((p) => p.priceBasisQty),
      products.map((p) => p.soldLoose),
      products.map((p) => p.mrpMinor),
      products.map((p) => p.reorderLevelBase),
      seqs(seqBase, products.length),
    ],
  );
}

export async function insertPrices(q: Queryable, prices: readonly SeedPrice[], seqBase: number) {
  await q.query(
    `INSERT INTO prices (id, product_id, level, region_id, store_id, price_minor, mrp_minor, effective_from, seq)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int8[], $7::int8[], $8::date[], $9::int8[])`,
    [
      prices.map((p) => p.id),
      prices.map((p) => p.productId),
      prices.map((p) => p.level),
      prices.map((p) => p.regionId),
      prices.map((p) => p.storeId),
      prices.map((p) => p.priceMinor),
      prices.map((p) => p.mrpMinor),
      prices.map((p) => p.effectiveFrom),
      seqs(seqBase, prices.length),
    ],
  );
}

/**
 * A store's opening movements and the stock levels they sum to, in one statement. Movements take
 * `seqBase + 1 …`, then each level the next number in product order.
 */
export async function insertOpeningStock(
  q: Queryable,
  storeId: string,
  movements: readonly { doc: StockMovement; hash: string }[],
  seqBase: number,
): Promise<void> {
  await q.query(
    `WITH mov AS (
       INSERT INTO stock_movements (store_id, id, seq, product_id, kind, qty_delta_base, created_at, doc, doc_hash)
       SELECT $1, id, seq, product_id, 'receipt', qty, created_at, doc, hash
         FROM unnest($2::text[], $3::int8[], $4::text[], $5::int8[], $6::timestamptz[], $7::jsonb[], $8::text[])
           AS m(id, seq, product_id, qty, created_at, doc, hash)
       RETURNING product_id, qty_delta_base
     )
     INSERT INTO stock_levels (store_id, product_id, qty_base, seq)
     SELECT $1, product_id, sum(qty_delta_base)::int8, $9::int8 + row_number() OVER (ORDER BY product_id)
       FROM mov GROUP BY product_id`,
    [
      storeId,
      movements.map((m) => m.doc.id),
      seqs(seqBase, movements.length),
      movements.map((m) => m.doc.productId),
      movements.map((m) => m.doc.qtyDeltaBase),
      movements.map((m) => m.doc.createdAt),
      movements.map((m) => JSON.stringify(m.doc)),
      movements.map((m) => m.hash),
      seqBase + movements.length,
    ],
  );
}
