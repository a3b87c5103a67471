import { rxJsonSchemaOf, type SyncCollection } from '@kiryana/shared';
import {
  collectionCreatorOf,
  type BulkFirstLoad,
  type CollectionReplication,
  type FetchLike,
  type HintStream,
  type PushVia,
  type SyncApi,
  createManualNetworkStatus,
  createSyncApi,
  startHintStream,
  startReplication,
} from '@kiryana/sync-client';
import { type RxCollection, type RxDatabase, type RxJsonSchema, createRxDatabase } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import type { Fetcher } from './sync-test-app';

/**
 * A terminal as the protocol tests need it: the sync client the terminal ships
 * (`@kiryana/sync-client`: `startReplication`, `startHintStream`, `createSyncApi`) on RxDB 17 with
 * memory storage, over a test fetcher that already speaks as an enrolled device. Only the database
 * and the knobs differ from a real counter: small pages, a 50 ms retry, and a hook on each push.
 */

type Doc = { id: string } & Record<string, unknown>;

/** How a test may get between RxDB and the network. */
export type TerminalOptions = {
  readonly collections: readonly SyncCollection[];
  readonly pullBatchSize?: number;
  readonly pushBatchSize?: number;
  /** Wraps each push: a test can lose the response after the server committed, for example. */
  readonly pushVia?: PushVia;
  /** Starts with the replication paused (offline) until `goOnline`. */
  readonly offline?: boolean;
  /** The sync API to use instead of one over the fetcher (a terminal with several endpoints). */
  readonly api?: SyncApi;
  /** Loads pull-only collections by snapshot first, as the terminal does. */
  readonly bulkFirstLoad?: BulkFirstLoad;
};

/** A test terminal. */
export type RxTerminal = {
  readonly db: RxDatabase;
  collection(name: SyncCollection): RxCollection<Doc>;
  replication(name: SyncCollection): CollectionReplication;
  /** Opens the event stream (the client reconnects it when it ends, until `disconnectStream`). */
  connectStream(): void;
  disconnectStream(): void;
  goOnline(): Promise<void>;
  /** Waits until every replication is in sync (push queue empty, pulls done). */
  awaitInSync(): Promise<void>;
  docs(name: SyncCollection): Promise<Doc[]>;
  close(): Promise<void>;
};

/** The base URL the client sees; the fetcher answers on the path and query alone. */
const TEST_SERVER_URL = 'http://test';

let terminalCount = 0;

/** The client's fetch over a test fetcher. */
function fetchVia(fetcher: Fetcher): FetchLike {
  return (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    return fetcher(`${url.pathname}${url.search}`, init);
  };
}

/** Opens a terminal over `fetcher` (a device's view of the API). */
export async function openRxTerminal(
  fetcher: Fetcher,
  options: TerminalOptions,
): Promise<RxTerminal> {
  terminalCount += 1;
  const api = options.api ?? createSyncApi(fetchVia(fetcher), TEST_SERVER_URL);
  const network = createManualNetworkStatus(true);
  const db = await createRxDatabase({
    name: `terminal${String(terminalCount)}x${String(Date.now())}`,
    storage: getRxStorageMemory(),
    multiInstance: false,
  });
  await db.addCollections(
    Object.fromEntries(
      options.collections.map((c) => [
        c,
        collectionCreatorOf(rxJsonSchemaOf(c) as unknown as RxJsonSchema<Doc>),
      ]),
    ),
  );
  const collectionOf = (name: SyncCollection) => db.collections[name] as RxCollection<Doc>;
  const replication = startReplication({
    collections: Object.fromEntries(options.collections.map((c) => [c, collectionOf(c)])),
    api,
    network,
    scope: `${TEST_SERVER_URL}-terminal${String(terminalCount)}`,
    replicate: options.collections,
    pullBatchSize: options.pullBatchSize ?? 100,
    pushBatchSize: options.pushBatchSize ?? 100,
    retryTimeMs: 50,
    autoStart: !options.offline,
    pushVia: options.pushVia,
    ...(options.bulkFirstLoad === undefined ? {} : { bulkFirstLoad: options.bulkFirstLoad }),
  });

  let stream: HintStream | undefined;
  const replicationOf = (name: SyncCollection) => {
    const state = replication.states.get(name);
    if (!state) throw new Error(`terminal does not replicate ${name}`);
    return state;
  };
  return {
    db,
    collection: collectionOf,
    replication: replicationOf,
    connectStream() {
      stream ??= startHintStream({
        api,
        network,
        onHint: (hint) => {
          if (hint.kind === 'resync') replication.resyncAll();
          else if (hint.kind === 'poke') replication.resync(hint.collection);
        },
      });
    },
    disconnectStream() {
      stream?.stop();
      stream = undefined;
    },
    async goOnline() {
      await Promise.all([...replication.states.values()].map((state) => state.start()));
    },
    async awaitInSync() {
      for (const state of replication.states.values()) await state.awaitInSync();
    },
    async docs(name) {
      const found = await collectionOf(name).find().exec();
      return found.map((doc) => doc.toJSON() as Doc);
    },
    async close() {
      stream?.stop();
      await replication.cancel();
      await db.close();
    },
  };
}
