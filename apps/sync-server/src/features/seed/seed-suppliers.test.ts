import { supplierInputSchema } from '@kiryana/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestClock } from '../../http/test-app';
import { type TestDb, testDatabases } from '../../testing/test-databases';
import { seedDemo } from './seed.service';

/** The demo chain's suppliers are what the supplier master accepts, and cover every store. */
describe.each(testDatabases().slice(-1))('demo suppliers on $name', (database) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await database.open();
    await seedDemo({ db, clock: createTestClock() }, { products: 120 });
  }, 120_000);
  afterAll(async () => {
    await db.close();
  });

  it('seeds three valid suppliers with packs and last costs', async () => {
    const { rows } = await db.query<{
      id: string;
      name: string;
      gstin: string | null;
      state_code: string;
      payment_terms_days: number;
      lead_time_days: number;
      region_id: string | null;
      store_ids: string[];
      products: {
        productId: string;
        orderUnitName: string;
        baseUnitsPerOrderUnit: number;
        lastCostMinorPerOrderUnit: number;
      }[];
    }>(
      `SELECT sp.*, (SELECT array_agg(store_id ORDER BY store_id) FROM supplier_stores WHERE supplier_id = sp.id) AS store_ids,
              (SELECT jsonb_agg(jsonb_build_object('productId', product_id, 'orderUnitName', order_unit_name,
                        'baseUnitsPerOrderUnit', base_units_per_order_unit,
                        'lastCostMinorPerOrderUnit', last_cost_minor_per_order_unit)) FROM supplier_products
                WHERE supplier_id = sp.id) AS products
         FROM suppliers sp ORDER BY sp.name`,
    );
    expect(rows.map((r) => [r.name, r.region_id, r.products.length])).toEqual([
      ['Dakshin Wholesale Traders', 'reg-south', 25],
      ['Hindustan FMCG Distributors', null, 40],
      ['Sharma Kirana Suppliers', 'reg-north', 15],
    ]);
    for (const r of rows) {
      const parsed = supplierInputSchema.safeParse({
        name: r.name,
        gstin: r.gstin,
        stateCode: r.state_code,
        paymentTermsDays: r.payment_terms_days,
        leadTimeDays: r.lead_time_days,
        regionId: r.region_id,
        storeIds: r.store_ids,
        products: r.products,
      });
      expect(parsed.error?.issues ?? [], r.name).toEqual([]);
      expect(r.products.every((p) => p.lastCostMinorPerOrderUnit > 0)).toBe(true);
    }
    // A pack's cost is below what its contents sell for (the MRP per priced quantity): a case
    // counts packs, a bag of loose goods grams, never the other way round.
    const { rows: mrps } = await db.query<{
      id: string;
      mrp_minor: string;
      price_basis_qty: number;
      sold_loose: boolean;
    }>('SELECT id, mrp_minor, price_basis_qty, sold_loose FROM products');
    const mrpOf = new Map(mrps.map((m) => [m.id, m]));
    for (const p of rows.flatMap((r) => r.products)) {
      const product = mrpOf.get(p.productId);
      if (product === undefined) throw new Error(`unknown product ${p.productId}`);
      expect(p.orderUnitName === 'case', p.productId).toBe(!product.sold_loose);
      const mrpOfPack =
        (BigInt(product.mrp_minor) * BigInt(p.baseUnitsPerOrderUnit)) /
        BigInt(product.price_basis_qty);
      expect(BigInt(p.lastCostMinorPerOrderUnit) < mrpOfPack, p.productId).toBe(true);
    }
    const chainWide = rows.find((r) => r.region_id === null);
    // Every store, the franchise included, may buy from a chain-wide supplier.
    expect(chainWide?.store_ids).toHaveLength(13);
  });
});
