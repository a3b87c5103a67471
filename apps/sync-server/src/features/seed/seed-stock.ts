import {
  STOCK_MOVEMENT_SCHEMA_VERSION,
  type StockMovement,
  createUuidV7Generator,
  multiplyDivide,
} from '@kiryana/shared';
import type { SeedProduct } from './seed-catalogue';
import type { SeedStore } from './seed-chain';
import type { SeedRandom } from './seed-random';

/** The distributor the opening stock is booked from. */
const OPENING_SUPPLIER = 'Opening balance';

/**
 * Opening stock of every store as `receipt` movements: a few dozen packs of most products (some
 * out of stock), loose goods in whole 25 kg or 50 kg sacks. Ids are UUIDv7 made from the seeded
 * random source at the opening time, so they too are identical on every run.
 */
export function buildOpeningStock(
  random: SeedRandom,
  stores: readonly SeedStore[],
  products: readonly SeedProduct[],
  hqPriceOf: ReadonlyMap<string, number>,
  openingMs: number,
): Map<string, StockMovement[]> {
  const nextId = createUuidV7Generator({
    clock: { now: () => openingMs },
    random: (bytes) => {
      random.fill(bytes);
    },
  });
  const createdAt = new Date(openingMs).toISOString();
  const byStore = new Map<string, StockMovement[]>();
  for (const store of stores) {
    const movements: StockMovement[] = [];
    for (const product of products) {
      if (random.chance(6)) continue; // out of stock at opening
      const qty = product.soldLoose ? random.pick([25_000, 50_000, 75_000]) : random.int(3, 60);
      const price = hqPriceOf.get(product.id) ?? product.mrpMinor;
      movements.push({
        id: nextId(),
        schemaVersion: STOCK_MOVEMENT_SCHEMA_VERSION,
        storeId: store.id,
        productId: product.id,
        kind: 'receipt',
        qtyDeltaBase: qty,
        reason: 'opening',
        note: 'Opening stock',
        refId: null,
        // Cost per price basis (a pack, or a kg of loose goods): the distributor's margin below HQ's price.
        unitCostMinor: multiplyDivide(price, random.int(78, 88), 100, 'down'),
        supplier: OPENING_SUPPLIER,
        supplierInvoiceNo: null,
        terminalId: null,
        cashierId: null,
        createdAt,
        _deleted: false,
      });
    }
    byStore.set(store.id, movements);
  }
  return byStore;
}
