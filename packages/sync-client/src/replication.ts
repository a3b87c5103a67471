import {
  hasSnapshot,
  isPushableCollection,
  type PushRow,
  type PushableCollection,
  type SyncCheckpoint,
  type SyncCollection,
} from '@kiryana/shared';
import { Subject } from 'rxjs';
import type { RxCollection, RxReplicationPullStreamItem, WithDeleted } from 'rxdb/plugins/core';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import type { NetworkStatus } from './network-status';
import { loadSnapshot, type SnapshotProgress } from './snapshot-load';
import type { PushOutcome, SyncApi } from './sync-api';

/**
 * One RxDB replication per collection against the sync server (SYNC.md, "Terminal side"):
 * reference data and stock levels pull-only, sales and stock movements push and pull. Replication
 * never pauses in a hidden window (`toggleOnDocumentVisible: false`), never waits for leadership,
 * and fails fast while offline so RxDB's retry loop does not hammer a dead network. The terminal,
 * the fleet simulator and the server's protocol tests all replicate through this one function.
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
  'documents',
  'parties',
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
  documents: 500,
  parties: 200,
};
const PUSH_BATCH = 50;
const RETRY_MS = 5_000;

/** Callbacks that let a status bar and an outbox follow replication. */
export type ReplicationObserver = {
  onPulled(collection: SyncCollection, ids: readonly string[]): Promise<void> | void;
  onPushed(
    collection: SyncCollection,
    ids: readonly string[],
    outcome: PushOutcome,
  ): Promise<void> | void;
  onError(collection: SyncCollection, error: unknown): void;
};

/**
 * Wraps each push: `send` makes the request. A test can lose the answer after the server committed
 * (call `send`, then throw), or count attempts.
 */
export type PushVia = (
  rows: readonly PushRow<ReplicatedDoc>[],
  send: () => Promise<PushOutcome>,
  collection: PushableCollection,
) => Promise<PushOutcome>;

/** What replication needs to know of a document: every replicated document has a string id. */
export type ReplicatedDoc = { id: string };

/** The replication state of one collection. */
export type CollectionReplication = RxReplicationState<ReplicatedDoc, SyncCheckpoint>;

/** The running replications. */
export type Replication = {
  readonly states: ReadonlyMap<SyncCollection, CollectionReplication>;
  /** Pulls (and pushes) every collection now: on reconnect and on a `resync` hint. */
  resyncAll(): void;
  /** Pulls one collection now: on a `poke` hint. */
  resync(collection: SyncCollection): void;
  /** Resolves when every collection finished its first pull. */
  awaitInitialPull(): Promise<void>;
  cancel(): Promise<void>;
};

/**
 * Where a terminal keeps the end checkpoint of each snapshot it loaded. RxDB stores a checkpoint
 * only with a non-empty page, so a snapshot followed by an empty pull would otherwise be loaded
 * again on the next resync; kept per replication scope by the caller.
 */
export type SnapshotCheckpoints = {
  read(collection: SyncCollection): Promise<SyncCheckpoint | undefined>;
  write(collection: SyncCollection, checkpoint: SyncCheckpoint): Promise<void>;
};

/** The bulk first load (docs/sync.md, "Snapshot"): how to keep its checkpoints and show progress. */
export type BulkFirstLoad = {
  readonly checkpoints: SnapshotCheckpoints;
  readonly onProgress?: (progress: SnapshotProgress) => void;
};

/** How to replicate; only `collections`, `api`, `network` and `scope` are required. */
export type ReplicationOptions = {
  /** The RxDB collection of each replicated collection, named as the sync collection. */
  readonly collections: Readonly<Partial<Record<SyncCollection, RxCollection>>>;
  readonly api: SyncApi;
  readonly network: NetworkStatus;
  /**
   * What tells this replication apart from others of the same database (server and store): RxDB
   * keeps its checkpoints under `kiryana-<collection>-<scope>`, so changing it re-pulls everything.
   */
  readonly scope: string;
  /** The collections to replicate, in start order; `REPLICATION_ORDER` by default. */
  readonly replicate?: readonly SyncCollection[];
  /** Pull page size for every collection; by default large for the catalogue, smaller for sales. */
  readonly pullBatchSize?: number;
  /** Rows per push; 50 by default. */
  readonly pushBatchSize?: number;
  /** Wait before RxDB retries a failed pull or push; 5 s by default. */
  readonly retryTimeMs?: number;
  /** False: nothing runs until each state's `start()` (a terminal that sold offline); true by default. */
  readonly autoStart?: boolean;
  readonly pushVia?: PushVia;
  readonly observer?: Partial<ReplicationObserver>;
  /**
   * With it, a collection that has a snapshot and no checkpoint yet (a new terminal, or a wiped
   * one) loads it as one compressed stream before pulling on from its end; without it, every
   * collection pulls page by page from the start.
   */
  readonly bulkFirstLoad?: BulkFirstLoad;
};

/**
 * The first load of each snapshot collection, one at a time in replication order: the catalogue
 * is complete (and the counter can bill) before the store's stock levels start downloading, and
 * the loads do not compete for one uplink and one CPU.
 */
function firstLoads(
  order: readonly SyncCollection[],
  api: SyncApi,
  collections: ReplicationOptions['collections'],
  bulk: BulkFirstLoad,
): (collection: SyncCollection, stored: SyncCheckpoint | undefined) => Promise<SyncCheckpoint> {
  const finished = new Map<SyncCollection, Promise<void>>();
  const marks = new Map<SyncCollection, () => void>();
  for (const collection of order) {
    if (!hasSnapshot(collection)) continue;
    finished.set(collection, new Promise((resolve) => marks.set(collection, resolve)));
  }
  const earlier = (collection: SyncCollection) =>
    order.slice(0, order.indexOf(collection)).flatMap((c) => {
      const done = finished.get(c);
      return done === undefined ? [] : [done];
    });
  return async (collection, stored) => {
    try {
      // RxDB's own checkpoint (a page after the snapshot) outranks the kept one; either way this
      // collection loads nothing and must not hold up the ones after it (a restart mid-load).
      if (stored !== undefined) return stored;
      const kept = await bulk.checkpoints.read(collection);
      if (kept !== undefined) return kept;
      await Promise.all(earlier(collection));
      const rxCollection = collections[collection];
      if (rxCollection === undefined) throw new Error(`No RxDB collection for ${collection}.`);
      const checkpoint = await loadSnapshot({
        collection,
        rxCollection,
        response: await api.openSnapshot(collection),
        ...(bulk.onProgress === undefined ? {} : { onProgress: bulk.onProgress }),
      });
      await bulk.checkpoints.write(collection, checkpoint);
      return checkpoint;
    } finally {
      // A failed load is retried by RxDB later, without holding up the collections after it.
      marks.get(collection)?.();
    }
  };
}

class OfflineError extends Error {
  override readonly name = 'OfflineError';
}

/**
 * Starts replication of the given collections.
 * @example
 * const replication = startReplication({
 *   collections: db.collections, api, network, scope: `${api.serverUrl}-${storeId}`, observer,
 * });
 */
export function startReplication(options: ReplicationOptions): Replication {
  const { api, network } = options;
  const observer = options.observer ?? {};
  const order = options.replicate ?? REPLICATION_ORDER;
  const streams = new Map<
    SyncCollection,
    Subject<RxReplicationPullStreamItem<ReplicatedDoc, SyncCheckpoint>>
  >();
  const states = new Map<SyncCollection, CollectionReplication>();
  const assertOnline = () => {
    if (!network.isOnline()) throw new OfflineError('The terminal is offline.');
  };
  const pushVia: PushVia = options.pushVia ?? ((_rows, send) => send());
  const bulk = options.bulkFirstLoad;
  const firstLoad =
    bulk === undefined ? undefined : firstLoads(order, api, options.collections, bulk);

  for (const collection of order) {
    const rxCollection = options.collections[collection];
    if (rxCollection === undefined) throw new Error(`No RxDB collection for ${collection}.`);
    const stream$ = new Subject<RxReplicationPullStreamItem<ReplicatedDoc, SyncCheckpoint>>();
    streams.set(collection, stream$);
    const state = replicateRxCollection<ReplicatedDoc, SyncCheckpoint>({
      // The collections' document types differ; replication treats them all as opaque JSON.
      collection: rxCollection as RxCollection<ReplicatedDoc>,
      replicationIdentifier: `kiryana-${collection}-${options.scope}`,
      live: true,
      retryTime: options.retryTimeMs ?? RETRY_MS,
      waitForLeadership: false,
      toggleOnDocumentVisible: false,
      autoStart: options.autoStart ?? true,
      pull: {
        batchSize: options.pullBatchSize ?? PULL_BATCH[collection],
        stream$,
        handler: async (checkpoint, batchSize) => {
          assertOnline();
          const from =
            firstLoad !== undefined && hasSnapshot(collection)
              ? await firstLoad(collection, checkpoint ?? undefined)
              : (checkpoint ?? null);
          const page = await api.pull(collection, from, batchSize);
          const documents = page.documents as WithDeleted<ReplicatedDoc>[];
          await observer.onPulled?.(
            collection,
            page.documents.map((doc) => String(doc.id)),
          );
          return { documents, checkpoint: page.checkpoint };
        },
      },
      ...(isPushableCollection(collection)
        ? {
            push: {
              batchSize: options.pushBatchSize ?? PUSH_BATCH,
              handler: async (rows) => {
                assertOnline();
                const outcome = await pushVia(rows, () => api.push(collection, rows), collection);
                const ids = rows.map((row) => row.newDocumentState.id);
                await observer.onPushed?.(collection, ids, outcome);
                return outcome.conflicts as WithDeleted<ReplicatedDoc>[];
              },
            },
          }
        : {}),
    });
    state.error$.subscribe((error) => {
      observer.onError?.(collection, error);
    });
    states.set(collection, state);
  }

  const resync = (collection: SyncCollection) => {
    streams.get(collection)?.next('RESYNC');
  };
  const resyncAll = () => {
    for (const collection of order) resync(collection);
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
