import {
  PUSHABLE_COLLECTIONS,
  type PushableCollection,
  type SyncCollection,
} from '@kiryana/shared';
import { combineLatest, map, type Observable } from 'rxjs';
import type { RxCollection, RxJsonSchema } from 'rxdb/plugins/core';
import type { ReplicationObserver } from './replication';

/**
 * The outbox: which facts (sales, returns, stock movements) a client made that the server has not
 * confirmed yet. A fact is one insert-only document; its outbox entry is written first and removed
 * when a push succeeds or the fact comes back in a pull, so a crash between the two writes leaves
 * at worst an entry without a fact, which `reconcileOutbox` drops. The count survives reloads and
 * never depends on RxDB's internal replication state. The terminal keeps the entries in a
 * local-only collection of its own database; these functions need only its shape.
 */

/** A fact this client made that the server has not yet confirmed. */
export type OutboxEntry = {
  /** The id of the sale or stock movement. */
  id: string;
  /** Which collection the fact is in (not `collection`: RxDocument reserves that name). */
  factCollection: PushableCollection;
  /** When the fact was made, ISO-8601: the age of the oldest entry is shown to the cashier. */
  createdAt: string;
};

/** The RxDB schema of the outbox collection: local to the device, never replicated. */
export const OUTBOX_RX_SCHEMA: RxJsonSchema<OutboxEntry> = {
  title: 'outbox',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 64 },
    factCollection: { type: 'string', enum: [...PUSHABLE_COLLECTIONS], maxLength: 20 },
    createdAt: { type: 'string', maxLength: 24 },
  },
  required: ['id', 'factCollection', 'createdAt'],
  // The oldest unsynced fact, for the status bar.
  indexes: ['createdAt'],
};

/** What the outbox needs to know of a fact. */
export type Fact = { id: string; createdAt: string };

/** The outbox collection and the fact collections its entries point into. */
export type Outbox = {
  readonly entries: RxCollection<OutboxEntry>;
  // Each fact collection holds its own document type; the outbox reads only ids and writes facts whole.
  readonly facts: Readonly<Record<PushableCollection, RxCollection>>;
};

/**
 * Records one fact: its outbox entry, then the document (one atomic write by the storage). When
 * the document cannot be written its entry goes again and the storage's error is thrown.
 * @example
 * await recordFact(outbox, 'sales', sale);
 */
export async function recordFact(
  outbox: Outbox,
  factCollection: PushableCollection,
  fact: Fact,
): Promise<void> {
  await outbox.entries.insert({ id: fact.id, factCollection, createdAt: fact.createdAt });
  try {
    await outbox.facts[factCollection].insert(fact);
  } catch (error) {
    await outbox.entries.findOne(fact.id).remove();
    throw error;
  }
}

/**
 * Records facts of one collection as one bulk write (a receipt's movements), after their outbox
 * entries. Entries of the documents the storage refused go again, and the call throws.
 * @example
 * await recordFacts(outbox, 'stock-movements', movements);
 */
export async function recordFacts(
  outbox: Outbox,
  factCollection: PushableCollection,
  facts: readonly Fact[],
): Promise<void> {
  await outbox.entries.bulkInsert(
    facts.map((fact) => ({ id: fact.id, factCollection, createdAt: fact.createdAt })),
  );
  const result = await outbox.facts[factCollection].bulkInsert([...facts]);
  if (result.error.length > 0) {
    await outbox.entries.bulkRemove(result.error.map((failure) => failure.documentId));
    throw new Error(`Could not store ${result.error.length} documents in ${factCollection}.`);
  }
}

/** Marks facts as on the server (pushed successfully, or seen in a pull). */
export async function confirmSynced(outbox: Outbox, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const pending = await outbox.entries.findByIds([...ids]).exec();
  if (pending.size > 0) await outbox.entries.bulkRemove([...pending.keys()]);
}

/** Drops outbox entries whose fact was never written (a crash between the two writes). */
export async function reconcileOutbox(outbox: Outbox): Promise<number> {
  const entries = await outbox.entries.find().exec();
  const orphans: string[] = [];
  for (const [collection, facts] of Object.entries(outbox.facts)) {
    const ids = entries
      .filter((entry) => entry.factCollection === collection)
      .map((entry) => entry.id);
    if (ids.length === 0) continue;
    const found = await facts.findByIds(ids).exec();
    orphans.push(...ids.filter((id) => !found.has(id)));
  }
  if (orphans.length > 0) await outbox.entries.bulkRemove(orphans);
  return orphans.length;
}

/**
 * The replication callbacks that keep the outbox: a pushed fact, and a fact of ours that comes
 * back in a pull, is on the server.
 * @example
 * startReplication({ ...options, observer: outboxObserver(outbox) });
 */
export function outboxObserver(outbox: Outbox): Pick<ReplicationObserver, 'onPulled' | 'onPushed'> {
  return {
    async onPulled(collection: SyncCollection, ids: readonly string[]) {
      if (collection in outbox.facts) await confirmSynced(outbox, ids);
    },
    async onPushed(_collection: SyncCollection, ids: readonly string[]) {
      await confirmSynced(outbox, ids);
    },
  };
}

/** How many facts wait for the server, and since when. */
export type UnsyncedSummary = { readonly count: number; readonly oldestCreatedAt: string | null };

/** Watches the outbox: the status bar's unsynced count and the age of the oldest. */
export function watchUnsynced(outbox: Outbox): Observable<UnsyncedSummary> {
  return combineLatest([
    outbox.entries.count().$,
    outbox.entries.findOne({ selector: {}, sort: [{ createdAt: 'asc' }] }).$,
  ]).pipe(map(([count, oldest]) => ({ count, oldestCreatedAt: oldest?.createdAt ?? null })));
}
