import { businessDate, createUuidV7Generator } from '@kiryana/shared';
import {
  type CatalogueProduct,
  type DeviceCredential,
  type LiveCatalogue,
  type TerminalDatabase,
  completeBill,
  createSerialQueue,
  invoiceSeriesOf,
  receiptMovements,
  recordMovements,
} from '@kiryana/terminal/headless';
import { SIM_BILL_CONTEXT, makeCart } from './bill-maker';
import { type Random, pick, randomInt } from './random';
import type { SimClock } from './sim-clock';

/**
 * The cashier's side of a simulated terminal: bills and goods receipts made with the terminal's
 * own billing code and stored in its database (outbox first), as the screens would.
 */

/** A fact the terminal made. */
export type MadeFact = {
  readonly id: string;
  readonly collection: 'sales' | 'stock-movements';
  readonly businessDate: string;
  readonly totalMinor: number;
};

/** What the counter can do. */
export type Counter = {
  /** Rings up and completes one bill. */
  sellBill(): Promise<MadeFact>;
  /** Receives 1–2 lines of goods from a supplier. */
  receiveGoods(): Promise<MadeFact[]>;
};

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * The products this counter can sell now (active, with a price in its store or region), once the
 * live catalogue, which applies pulled rows in 100 ms batches, has caught up with the database.
 */
async function sellableProducts(
  db: TerminalDatabase,
  catalogue: LiveCatalogue,
  credential: DeviceCredential,
  nowMs: number,
): Promise<CatalogueProduct[]> {
  const at = {
    storeId: credential.storeId,
    regionId: credential.regionId,
    date: businessDate(new Date(nowMs)),
  };
  const stored = (await db.products.find().exec()).map((doc) => doc.toJSON() as CatalogueProduct);
  const deadline = Date.now() + 10_000;
  for (;;) {
    const sellable = stored.filter(
      (product) => product.active && catalogue.catalogue.priceOf(product.id, at) !== undefined,
    );
    if (sellable.length > 0 && catalogue.catalogue.size >= stored.length) {
      return sellable.sort((a, b) => a.id.localeCompare(b.id));
    }
    if (Date.now() > deadline) throw new Error('the catalogue has no product with a price');
    await sleep(100);
  }
}

/** Opens the counter once the catalogue has been pulled. */
export async function openCounter(deps: {
  readonly db: TerminalDatabase;
  readonly catalogue: LiveCatalogue;
  readonly credential: DeviceCredential;
  readonly clock: SimClock;
  readonly random: Random;
}): Promise<Counter> {
  const { db, catalogue, credential, clock, random } = deps;
  const products = await sellableProducts(db, catalogue, credential, clock.now());
  const newId = createUuidV7Generator({
    clock,
    random: (bytes) => {
      crypto.getRandomValues(bytes as Uint8Array<ArrayBuffer>);
    },
  });
  const serially = createSerialQueue();
  const series = invoiceSeriesOf(credential);
  const place = { storeId: credential.storeId, regionId: credential.regionId };
  let receipts = 0;
  return {
    async sellBill() {
      for (let attempt = 1; ; attempt++) {
        const cart = makeCart(random, catalogue.catalogue, products, place, clock.now());
        if (!cart) {
          if (attempt > 100) throw new Error('no sellable cart in 100 draws');
          continue;
        }
        const result = await completeBill(
          {
            db,
            clock,
            newId,
            storeId: credential.storeId,
            terminalId: credential.deviceId,
            seriesCode: series.sale,
            serially,
          },
          cart,
          SIM_BILL_CONTEXT,
        );
        if (!result.ok) throw new Error(`bill refused: ${JSON.stringify(result.errors)}`);
        return {
          id: result.sale.id,
          collection: 'sales',
          businessDate: result.sale.businessDate,
          totalMinor: result.sale.totals.totalMinor,
        };
      }
    },
    async receiveGoods() {
      receipts += 1;
      const createdAt = new Date(clock.now()).toISOString();
      const lines = Array.from({ length: randomInt(random, 1, 2) }, () => ({
        productId: pick(random, products).id,
        qtyBase: randomInt(random, 5, 50),
        unitCostMinor: null,
      }));
      const receipt = receiptMovements(
        { supplier: 'Sim Traders', supplierInvoiceNo: `SIM/${String(receipts)}`, lines },
        { storeId: place.storeId, terminalId: credential.deviceId, createdAt, newId },
      );
      if (!receipt.ok) throw new Error(`receipt refused: ${JSON.stringify(receipt.problems)}`);
      await recordMovements(db, receipt.movements);
      return receipt.movements.map((movement) => ({
        id: movement.id,
        collection: 'stock-movements' as const,
        businessDate: businessDate(new Date(movement.createdAt)),
        totalMinor: 0,
      }));
    },
  };
}
