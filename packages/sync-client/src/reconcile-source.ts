import { businessDate, type PushableCollection } from '@kiryana/shared';
import type { RxCollection } from 'rxdb/plugins/core';
import type { Outbox } from './outbox';
import type { ReconcileFact, ReconcileSource } from './reconcile';

/**
 * The reconciliation source over a client's own RxDB collections (the terminal's SQLite, the
 * server tests' memory storage): its sales and movements with its `terminalId`, minus what its
 * outbox still holds (not confirmed yet, so not the server's to have).
 */

const DAY_MS = 86_400_000;

/** The fields of a sale or movement document reconciliation reads. */
type FactFields = {
  id: string;
  terminalId?: string;
  kind?: string;
  businessDate?: string;
  createdAt?: string;
  totals?: { totalMinor?: number };
};

/** Movements the server derives from sales: checked through their sales, never pushed. */
const DERIVED_KINDS = new Set(['sale', 'return']);

/**
 * A `ReconcileSource` over `outbox.facts` for one terminal; a movement's business date is the
 * calendar day of its `createdAt` in `timeZone` (the store's), as the server counts it.
 * @example
 * reconcile({ ..., source: outboxReconcileSource(outboxOf(db), deviceId, 'Asia/Kolkata') });
 */
export function outboxReconcileSource(
  outbox: Outbox,
  terminalId: string,
  timeZone: string,
): ReconcileSource {
  // The outbox holds each fact collection untyped; these are the fields read here.
  const collectionOf = (collection: PushableCollection) =>
    outbox.facts[collection] as RxCollection<FactFields>;
  const unconfirmed = async (): Promise<Set<string>> =>
    new Set((await outbox.entries.find().exec()).map((entry) => entry.id));
  return {
    async confirmedFacts(from, to) {
      const [queued, sales, movements] = await Promise.all([
        unconfirmed(),
        collectionOf('sales')
          .find({ selector: { terminalId, businessDate: { $gte: from, $lte: to } } })
          .exec(),
        // A day in any zone lies within a day either side of the UTC dates.
        collectionOf('stock-movements')
          .find({
            selector: {
              terminalId,
              createdAt: {
                $gte: new Date(Date.parse(`${from}T00:00:00Z`) - DAY_MS).toISOString(),
                $lt: new Date(Date.parse(`${to}T00:00:00Z`) + 2 * DAY_MS).toISOString(),
              },
            },
          })
          .exec(),
      ]);
      const facts: ReconcileFact[] = [];
      for (const doc of sales) {
        const sale = doc.toJSON();
        if (queued.has(sale.id) || sale.businessDate === undefined) continue;
        facts.push({
          id: sale.id,
          collection: 'sales',
          businessDate: sale.businessDate,
          kind: sale.kind === 'return' ? 'return' : 'sale',
          totalMinor: sale.totals?.totalMinor ?? 0,
        });
      }
      for (const doc of movements) {
        const movement = doc.toJSON();
        if (queued.has(movement.id) || movement.createdAt === undefined) continue;
        if (DERIVED_KINDS.has(movement.kind ?? '')) continue;
        const day = businessDate(new Date(movement.createdAt), timeZone);
        if (day < from || day > to) continue;
        facts.push({
          id: movement.id,
          collection: 'stock-movements',
          businessDate: day,
          kind: 'movement',
          totalMinor: 0,
        });
      }
      return facts;
    },
    async documents(collection: PushableCollection, ids) {
      const found = await collectionOf(collection)
        .findByIds([...ids])
        .exec();
      return [...found.values()].map((doc) => doc.toJSON() as Record<string, unknown>);
    },
  };
}
