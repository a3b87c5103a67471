import { multiplyDivide } from '@kiryana/shared';
import type { Queryable } from '../../db/db';
import type { SeedProduct } from './seed-catalogue';
import { type SeedStore, gstinFor } from './seed-chain';

/**
 * Three suppliers of the demo chain, so the admin web's supplier and purchase-order screens have
 * data: a chain-wide FMCG distributor (HQ's, every store), a southern wholesaler (the South
 * region's) and a small unregistered northern supplier without a GSTIN. Each sells a slice of the
 * catalogue in its packs (a case of 12 or 24, a 25 kg bag, a carton of 12 litres) at about 80 % of
 * the HQ price, its last cost. Deterministic: derived from the products' order only.
 */

/** A supplier row of the demo seed. */
type SeedSupplier = {
  id: string;
  name: string;
  gstin: string | null;
  stateCode: string;
  paymentTermsDays: number;
  leadTimeDays: number;
  regionId: string | null;
  storeIds: string[];
  products: {
    productId: string;
    orderUnitName: string;
    baseUnitsPerOrderUnit: number;
    lastCostMinorPerOrderUnit: number;
  }[];
};

// Only loose goods are kept in grams or millilitres; a packaged product counts packs, whatever
// its pack holds, so its order unit is a case of packs.
function packOf(p: SeedProduct, n: number): { name: string; base: number } {
  if (p.soldLoose && p.unit === 'g') return { name: 'bag', base: 25_000 };
  if (p.soldLoose && p.unit === 'ml') return { name: 'carton', base: 12_000 };
  return n % 2 === 0 ? { name: 'case', base: 24 } : { name: 'case', base: 12 };
}

/** The demo suppliers over the seeded stores and products. */
export function buildSuppliers(
  stores: readonly SeedStore[],
  products: readonly SeedProduct[],
  hqPriceOf: ReadonlyMap<string, number>,
): SeedSupplier[] {
  const line = (p: SeedProduct, n: number) => {
    const pack = packOf(p, n);
    const price = hqPriceOf.get(p.id) ?? p.mrpMinor;
    return {
      productId: p.id,
      orderUnitName: pack.name,
      baseUnitsPerOrderUnit: pack.base,
      // 80 % of the HQ price, per pack of the price basis (per kg for loose goods), in whole paise.
      lastCostMinorPerOrderUnit: multiplyDivide(
        price,
        pack.base * 4,
        5 * p.priceBasisQty,
        'halfUp',
      ),
    };
  };
  const slice = (from: number, count: number) => products.slice(from, from + count).map(line);
  const inRegion = (regionId: string) =>
    stores.filter((s) => s.regionId === regionId).map((s) => s.id);
  return [
    {
      id: 'sup-hindustan-fmcg',
      name: 'Hindustan FMCG Distributors',
      gstin: gstinFor('27', 'AABCH5821Q', '1'),
      stateCode: '27',
      paymentTermsDays: 30,
      leadTimeDays: 4,
      regionId: null,
      storeIds: stores.map((s) => s.id),
      products: slice(0, 40),
    },
    {
      id: 'sup-dakshin-wholesale',
      name: 'Dakshin Wholesale Traders',
      gstin: gstinFor('29', 'AAFFD7310B', '1'),
      stateCode: '29',
      paymentTermsDays: 15,
      leadTimeDays: 2,
      regionId: 'reg-south',
      storeIds: inRegion('reg-south'),
      products: slice(40, 25),
    },
    {
      id: 'sup-sharma-kirana',
      name: 'Sharma Kirana Suppliers',
      gstin: null,
      stateCode: '07',
      paymentTermsDays: 0,
      leadTimeDays: 1,
      regionId: 'reg-north',
      storeIds: inRegion('reg-north'),
      products: slice(65, 15),
    },
  ];
}

/** Writes the demo suppliers with their stores and products (three statements). */
export async function insertSuppliers(
  q: Queryable,
  suppliers: readonly SeedSupplier[],
): Promise<void> {
  const json = JSON.stringify(suppliers);
  await q.query(
    `INSERT INTO suppliers (id, name, gstin, state_code, payment_terms_days, lead_time_days, region_id)
     SELECT s.id, s.name, s.gstin, s."stateCode", s."paymentTermsDays", s."leadTimeDays", s."regionId"
       FROM jsonb_to_recordset($1::jsonb) AS s(id text, name text, gstin text, "stateCode" text,
            "paymentTermsDays" int, "leadTimeDays" int, "regionId" text)`,
    [json],
  );
  await q.query(
    `INSERT INTO supplier_stores (supplier_id, store_id)
     SELECT s->>'id', st FROM jsonb_array_elements($1::jsonb) AS s,
            jsonb_array_elements_text(s->'storeIds') AS st`,
    [json],
  );
  await q.query(
    `INSERT INTO supplier_products (supplier_id, product_id, order_unit_name, base_units_per_order_unit,
                                    last_cost_minor_per_order_unit)
     SELECT s->>'id', p->>'productId', p->>'orderUnitName', (p->>'baseUnitsPerOrderUnit')::int,
            (p->>'lastCostMinorPerOrderUnit')::bigint
       FROM jsonb_array_elements($1::jsonb) AS s, jsonb_array_elements(s->'products') AS p`,
    [json],
  );
}
