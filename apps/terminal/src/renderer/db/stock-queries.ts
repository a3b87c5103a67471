import { stockEffectOf, stockLevel, type StockDelta } from '@kiryana/shared';
import type { TerminalDatabase } from './database';
import { pendingStepDeltas } from './workflow-queries';

/**
 * Stock at the counter: the server's level (the pulled stock-levels projection) plus this
 * terminal's facts the server has not confirmed yet (SYNC.md: never replicate counters).
 */

/** The stock of one product as the counter sees it. */
export type CounterStock = {
  readonly productId: string;
  /** Level in the server's projection (0 when the server has none yet). */
  readonly serverQtyBase: number;
  /** Sum of this terminal's unsynced movements and sale/return lines. */
  readonly unsyncedDeltaBase: number;
  /** serverQtyBase + unsyncedDeltaBase. */
  readonly qtyBase: number;
};

/** The signed deltas of this terminal's unsynced facts, by product. */
async function unsyncedDeltas(
  db: TerminalDatabase,
  storeId: string,
): Promise<Map<string, StockDelta[]>> {
  const pending = await db.outbox.find().exec();
  const ids = (collection: 'sales' | 'stock-movements') =>
    pending.filter((entry) => entry.factCollection === collection).map((entry) => entry.id);
  const deltas = new Map<string, StockDelta[]>();
  const add = (productId: string, qtyDeltaBase: number) => {
    const list = deltas.get(productId) ?? [];
    list.push({ qtyDeltaBase });
    deltas.set(productId, list);
  };
  const sales = await db.sales.findByIds(ids('sales')).exec();
  // The same signed quantity the server's derived sale and return movements will carry.
  for (const sale of sales.values()) {
    for (const line of sale.lines) add(line.productId, stockEffectOf(line, sale.kind));
  }
  const movements = await db['stock-movements'].findByIds(ids('stock-movements')).exec();
  for (const movement of movements.values()) add(movement.productId, movement.qtyDeltaBase);
  // Transfer dispatches and receipts, PO receipts: the movements the machine gives the pending
  // steps, which the server will make when it applies them (a step it already applied gives none).
  for (const [productId, qtyDeltaBase] of await pendingStepDeltas(db, storeId)) {
    add(productId, qtyDeltaBase);
  }
  return deltas;
}

/** Counter stock of every product that has a server level or unsynced facts. */
export async function counterStock(db: TerminalDatabase, storeId: string): Promise<CounterStock[]> {
  const levels = await db['stock-levels'].find({ selector: { storeId } }).exec();
  const deltas = await unsyncedDeltas(db, storeId);
  const server = new Map(levels.map((level) => [level.productId, level.qtyBase]));
  const productIds = new Set([...server.keys(), ...deltas.keys()]);
  return [...productIds].map((productId) => {
    const serverQtyBase = server.get(productId) ?? 0;
    const unsyncedDeltaBase = stockLevel(deltas.get(productId) ?? []);
    return {
      productId,
      serverQtyBase,
      unsyncedDeltaBase,
      qtyBase: stockLevel([{ qtyDeltaBase: serverQtyBase }, { qtyDeltaBase: unsyncedDeltaBase }]),
    };
  });
}
