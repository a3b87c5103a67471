import { isPushableCollection, type SyncCheckpoint, type SyncCollection } from '@kiryana/shared';
import { Subject } from 'rxjs';
import type { RxReplicationPullStreamItem, WithDeleted } from 'rxdb/plugins/core';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import type { TerminalDatabase } from '../db/database';
import type { NetworkStatus } from './network-status';
import type { PushOutcome, SyncApi } from './sync-api';

/**
 * One RxDB replication per collection against the sync server (SYNC.md, "Terminal side"):
 * reference data and stock levels pull-only, sales and stock movements push and pull. Replication
 * never pauses in a hidden window (`toggleOnDocumentVisible: false`), never waits for leadership,
 * and fails fast while offline so RxDB's retry loop does not hammer a dead network.
 */

/** Catalogue first, then the store's history (SYNC.md: "catalogue first, then history"). */
export const REPLICATION_ORDER: readonly SyncCollection[] = [
  'stores',
  'tax-rates',
  'products',
  'prices',
  'stock-levels',
  'sales',
  'stock-movements',
];

// Big pages for the initial catalogue; the server never caps below what the client asks (≤ 1000).
const PULL_BATCH: Record<SyncCollection, number> = {
  stores: 100,
  'tax-rates': 500,
  products: 1000,
  prices: 1000,
  'stock-levels': 1000,
  sales: 200,
  'stock-movements': 1000,
};
const PUSH_BATCH = 50;
const RETRY_MS = 5_000;

/** Callbacks that let the status bar and the outbox follow replication. */
export type ReplicationObserver = {
  onPulled(collection: SyncCollection, ids: readonly string[]): Promise<void> | void;
  onPushed(
    collection: SyncCollection,
    ids: readonly string[],
    outcome: PushOutcome,
  ): Promise<void> | void;
  onError(collection: SyncCollection, error: unknown): void;
};

/** The running replications. */
export type TerminalReplication = {
  readonly states: ReadonlyMap<SyncCollection, RxReplicationState<ReplicatedDoc, SyncCheckpoint>>;
  /** Pulls (and pushes) every collection now: on reconnect and on a `resync` hint. */
  resyncAll(): void;
  /** Pulls one collection now: on a `poke` hint. */
  resync(collection: SyncCollection): void;
  /** Resolves when every collection finished its first pull. */
  awaitInitialPull(): Promise<void>;
  cancel(): Promise<void>;
};

/** What replication needs to know of a document: every replicated document has a string id. */
type ReplicatedDoc = { id: string };

class OfflineError extends Error {
  override readonly name = 'OfflineError';
}

/**
 * Starts replication of every collection.
 * @example
 * const replication = startReplication({ db, api, network, storeId, observer });
 */
export function startReplication(options: {
  db: TerminalDatabase;
  api: SyncApi;
  network: NetworkStatus;
  storeId: string;
  observer: ReplicationObserver;
}): TerminalReplication {
  const { db, api, network, observer } = options;
  const streams = new Map<
    SyncCollection,
    Subject<RxReplicationPullStreamItem<ReplicatedDoc, SyncCheckpoint>>
  >();
  const states = new Map<SyncCollection, RxReplicationState<ReplicatedDoc, SyncCheckpoint>>();
  const assertOnline = () => {
    if (!network.isOnline()) throw new OfflineError('The terminal is offline.');
  };

  for (const collection of REPLICATION_ORDER) {
    const stream$ = new Subject<RxReplicationPullStreamItem<ReplicatedDoc, SyncCheckpoint>>();
    streams.set(collection, stream$);
    const state = replicateRxCollection<ReplicatedDoc, SyncCheckpoint>({
      // The collections' document types differ; replication treats them all as opaque JSON.
      collection: db.collections[collection] as never,
      replicationIdentifier: `kiryana-${collection}-${api.serverUrl}-${options.storeId}`,
      live: true,
      retryTime: RETRY_MS,
      waitForLeadership: false,
      toggleOnDocumentVisible: false,
      autoStart: true,
      pull: {
        batchSize: PULL_BATCH[collection],
        stream$,
        handler: async (checkpoint, batchSize) => {
          assertOnline();
          const page = await api.pull(collection, checkpoint ?? null, batchSize);
          const documents = page.documents as WithDeleted<ReplicatedDoc>[];
          await observer.onPulled(
            collection,
            page.documents.map((doc) => String(doc.id)),
          );
          return { documents, checkpoint: page.checkpoint };
        },
      },
      ...(isPushableCollection(collection)
        ? {
            push: {
              batchSize: PUSH_BATCH,
              handler: async (rows) => {
                assertOnline();
                const outcome = await api.push(collection, rows);
                const ids = rows.map((row) => row.newDocumentState.id);
                await observer.onPushed(collection, ids, outcome);
                return outcome.conflicts as WithDeleted<ReplicatedDoc>[];
              },
            },
          }
        : {}),
    });
    state.error$.subscribe((error) => {
      observer.onError(collection, error);
    });
    states.set(collection, state);
  }

  const resync = (collection: SyncCollection) => {
    streams.get(collection)?.next('RESYNC');
  };
  const resyncAll = () => {
    for (const collection of REPLICATION_ORDER) resync(collection);
  };
  const onlineSubscription = network.online$.subscribe((online) => {
    if (online) resyncAll();
  });

  return {
    states,
    resync,
    resyncAll,
    awaitInitialPull: async () => {
      await Promise.all([...states.values()].map((state) => state.awaitInitialReplication()));
    },
    cancel: async () => {
      onlineSubscription.unsubscribe();
      await Promise.all([...states.values()].map((state) => state.cancel()));
      for (const stream$ of streams.values()) stream$.complete();
    },
  };
}
