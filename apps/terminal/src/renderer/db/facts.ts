import { combineLatest, map, type Observable } from 'rxjs';
import type { Sale, StockMovement } from '@kiryana/shared';
import type { TerminalDatabase } from './database';
import type { OutboxEntry, Stored } from './schemas';

/**
 * Writing the facts this terminal makes (sales, returns, stock movements) and tracking which of
 * them the server has not confirmed yet. A fact is one insert-only document; its outbox entry is
 * written first and removed when a push succeeds or the fact comes back in a pull, so a crash
 * between the two writes leaves at worst an entry without a fact, which `reconcileOutbox` drops.
 */

type FactCollection = OutboxEntry['factCollection'];

/**
 * Records a sale or return: one document, written atomically by the storage.
 * @example
 * await recordSale(db, sale);
 */
export async function recordSale(db: TerminalDatabase, sale: Stored<Sale>): Promise<void> {
  await db.outbox.insert({ id: sale.id, factCollection: 'sales', createdAt: sale.createdAt });
  try {
    await db.sales.insert(sale);
  } catch (error) {
    await db.outbox.findOne(sale.id).remove();
    throw error;
  }
}

/**
 * Records stock movements (a receipt or an adjustment) as one bulk write.
 * @example
 * await recordMovements(db, [movement]);
 */
export async function recordMovements(
  db: TerminalDatabase,
  movements: readonly Stored<StockMovement>[],
): Promise<void> {
  await db.outbox.bulkInsert(
    movements.map((movement) => ({
      id: movement.id,
      factCollection: 'stock-movements' as const,
      createdAt: movement.createdAt,
    })),
  );
  const result = await db['stock-movements'].bulkInsert([...movements]);
  if (result.error.length > 0) {
    await db.outbox.bulkRemove(result.error.map((failure) => failure.documentId));
    throw new Error(`Could not store ${result.error.length} stock movements.`);
  }
}

/** Marks facts as on the server (pushed successfully, or seen in a pull). */
export async function confirmSynced(db: TerminalDatabase, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const pending = await db.outbox.findByIds([...ids]).exec();
  if (pending.size > 0) await db.outbox.bulkRemove([...pending.keys()]);
}

/** Drops outbox entries whose fact was never written (a crash between the two writes). */
export async function reconcileOutbox(db: TerminalDatabase): Promise<number> {
  const entries = await db.outbox.find().exec();
  const orphans: string[] = [];
  for (const collection of ['sales', 'stock-movements'] as const satisfies FactCollection[]) {
    const ids = entries
      .filter((entry) => entry.factCollection === collection)
      .map((entry) => entry.id);
    if (ids.length === 0) continue;
    const found = await db[collection].findByIds(ids).exec();
    orphans.push(...ids.filter((id) => !found.has(id)));
  }
  if (orphans.length > 0) await db.outbox.bulkRemove(orphans);
  return orphans.length;
}

/** How many facts wait for the server, and since when. */
export type UnsyncedSummary = { readonly count: number; readonly oldestCreatedAt: string | null };

/** Watches the outbox: the status bar's unsynced count and the age of the oldest. */
export function watchUnsynced(db: TerminalDatabase): Observable<UnsyncedSummary> {
  return combineLatest([
    db.outbox.count().$,
    db.outbox.findOne({ selector: {}, sort: [{ createdAt: 'asc' }] }).$,
  ]).pipe(map(([count, oldest]) => ({ count, oldestCreatedAt: oldest?.createdAt ?? null })));
}
