import {
  type PushRow,
  type SyncCheckpoint,
  type SyncCollection,
  rxJsonSchemaOf,
} from '@kiryana/shared';
import { type RxCollection, type RxDatabase, type RxJsonSchema, createRxDatabase } from 'rxdb';
import { type RxReplicationState, replicateRxCollection } from 'rxdb/plugins/replication';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { Subject } from 'rxjs';
import { syncApi } from './sync-api';
import type { Fetcher } from './sync-test-app';

/**
 * A terminal as the tests need it: RxDB 17 with memory storage and RxDB's real
 * `replicateRxCollection` per collection, over the HTTP API. The pull handler calls the pull
 * endpoint with the stored checkpoint and RxDB's batch size; the push handler sends RxDB's rows
 * and returns the server's conflicts; `pull.stream$` emits `'RESYNC'` for every `resync` event of
 * the SSE stream and for every `poke` of the collection, never documents.
 */

type Doc = { id: string } & Record<string, unknown>;
type Replication = RxReplicationState<Doc, SyncCheckpoint>;

/** How a test may get between RxDB and the network. */
export type TerminalOptions = {
  readonly collections: readonly SyncCollection[];
  readonly pullBatchSize?: number;
  readonly pushBatchSize?: number;
  /** Wraps each push: a test can lose the response after the server committed, for example. */
  readonly pushVia?: (rows: PushRow<Doc>[], send: () => Promise<Doc[]>) => Promise<Doc[]>;
  /** Starts with the replication paused (offline) until `goOnline`. */
  readonly offline?: boolean;
};

/** A test terminal. */
export type RxTerminal = {
  readonly db: RxDatabase;
  collection(name: SyncCollection): RxCollection<Doc>;
  replication(name: SyncCollection): Replication;
  /** Opens the event stream (and reopens it when it ends, until `disconnectStream`). */
  connectStream(): void;
  disconnectStream(): void;
  goOnline(): Promise<void>;
  /** Waits until every replication is in sync (push queue empty, pulls done). */
  awaitInSync(): Promise<void>;
  docs(name: SyncCollection): Promise<Doc[]>;
  close(): Promise<void>;
};

let terminalCount = 0;

function rxName(collection: SyncCollection): string {
  return collection.replace('-', '_');
}

/** Opens a terminal over `fetcher` (a device's view of the API). */
export async function openRxTerminal(
  fetcher: Fetcher,
  options: TerminalOptions,
): Promise<RxTerminal> {
  terminalCount += 1;
  const api = syncApi(fetcher);
  const db = await createRxDatabase({
    name: `terminal${String(terminalCount)}x${String(Date.now())}`,
    storage: getRxStorageMemory(),
    multiInstance: false,
  });
  await db.addCollections(
    Object.fromEntries(
      options.collections.map((c) => [
        rxName(c),
        { schema: rxJsonSchemaOf(c) as unknown as RxJsonSchema<Doc> },
      ]),
    ),
  );
  const subjects = new Map(options.collections.map((c) => [c, new Subject<'RESYNC'>()]));
  const replications = new Map<SyncCollection, Replication>();
  for (const collection of options.collections) {
    const replication = replicateRxCollection<Doc, SyncCheckpoint>({
      collection: db.collections[rxName(collection)] as RxCollection<Doc>,
      replicationIdentifier: `kiryana-${collection}`,
      live: true,
      retryTime: 50,
      waitForLeadership: false,
      toggleOnDocumentVisible: false,
      autoStart: !options.offline,
      pull: {
        batchSize: options.pullBatchSize ?? 100,
        stream$: (subjects.get(collection) ?? new Subject<'RESYNC'>()).asObservable(),
        async handler(checkpoint, batchSize) {
          const page = await api.pull<Doc>(collection, checkpoint, batchSize);
          if (page.status !== 200) throw new Error(`pull ${collection}: ${String(page.status)}`);
          return { documents: page.body.documents as never[], checkpoint: page.body.checkpoint };
        },
      },
      push: ['sales', 'stock-movements'].includes(collection)
        ? {
            batchSize: options.pushBatchSize ?? 100,
            async handler(rows) {
              const send = async () => {
                const answer = await api.push<Doc>(collection, rows);
                if (answer.status !== 200)
                  throw new Error(`push ${collection}: ${String(answer.status)}`);
                return answer.body;
              };
              const conflicts = options.pushVia ? await options.pushVia(rows, send) : await send();
              return conflicts as never[];
            },
          }
        : undefined,
    });
    replications.set(collection, replication);
  }

  let stream: Awaited<ReturnType<typeof api.stream>> | undefined;
  let wantStream = false;
  const streaming = () => wantStream;
  const resyncAll = () => {
    for (const subject of subjects.values()) subject.next('RESYNC');
  };
  const runStream = async () => {
    while (streaming()) {
      try {
        stream = await api.stream();
        for await (const event of stream.events) {
          if (event.event === 'resync') resyncAll();
          if (event.event === 'poke') {
            const { collection } = JSON.parse(event.data) as { collection: SyncCollection };
            subjects.get(collection)?.next('RESYNC');
          }
        }
      } catch {
        // A dropped stream is reopened below; the server's opening `resync` covers the gap.
      }
      if (streaming()) await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };

  const replicationOf = (name: SyncCollection) => {
    const replication = replications.get(name);
    if (!replication) throw new Error(`terminal does not replicate ${name}`);
    return replication;
  };
  return {
    db,
    collection: (name) => db.collections[rxName(name)] as RxCollection<Doc>,
    replication: replicationOf,
    connectStream() {
      if (wantStream) return;
      wantStream = true;
      void runStream();
    },
    disconnectStream() {
      wantStream = false;
      stream?.close();
    },
    async goOnline() {
      await Promise.all([...replications.values()].map((r) => r.start()));
    },
    async awaitInSync() {
      for (const replication of replications.values()) await replication.awaitInSync();
    },
    async docs(name) {
      const found = await (db.collections[rxName(name)] as RxCollection<Doc>).find().exec();
      return found.map((doc) => doc.toJSON() as Doc);
    },
    async close() {
      wantStream = false;
      stream?.close();
      for (const replication of replications.values()) await replication.cancel();
      for (const subject of subjects.values()) subject.complete();
      await db.close();
    },
  };
}
