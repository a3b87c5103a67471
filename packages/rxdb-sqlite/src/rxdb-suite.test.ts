/**
 * RxDB's own replication base test suite (`runReplicationBaseTestSuite` from
 * rxdb/plugins/test-utils), with our storage on BOTH sides: the clients' collections and the
 * "server", an RxDB collection exposed through RxDB's `rxStorageInstanceToReplicationHandler`.
 * It exercises getChangedDocumentsSince, conflict errors, the change stream and reopening
 * through RxDB itself. (RxDB's storage-implementation test file is not shipped in the npm
 * package; the differential tests cover the storage interface directly.)
 */
import { afterAll, describe, it } from 'vitest';
import {
  addRxPlugin,
  createRxDatabase,
  normalizeMangoQuery,
  prepareQuery,
  randomToken,
  rxStorageInstanceToReplicationHandler,
} from 'rxdb/plugins/core';
import type {
  RxCollection,
  RxDatabase,
  RxReplicationHandler,
  RxStorageDefaultCheckpoint,
} from 'rxdb/plugins/core';
import { RxDBDevModePlugin, disableWarnings } from 'rxdb/plugins/dev-mode';
import { replicateRxCollection } from 'rxdb/plugins/replication';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import {
  runReplicationBaseTestSuite,
  schemas,
  setConfig,
  type HumanDocumentType,
} from 'rxdb/plugins/test-utils';
import { getRxStorageSQLite } from './storage';
import { makeTempDir, TEST_KEY } from './test-support';

// The suite is written for mocha and calls the global describe/it; its helper collections use
// ignoreDuplicate, which RxDB only allows in dev-mode (dev-mode also checks our query results).
Object.assign(globalThis, { describe, it });
disableWarnings();
addRxPlugin(RxDBDevModePlugin);

const temp = makeTempDir('rxdb-suite');
// Dev-mode insists on schema validation; RxDB's ajv wrapper sits on top of our storage.
const storage = wrappedValidateAjvStorage({
  storage: getRxStorageSQLite({ databaseDir: temp.dir, encryptionKey: TEST_KEY }),
});
setConfig({
  storage: {
    name: storage.name,
    getStorage: () => storage,
    getPerformanceStorage: () => ({ storage, description: 'sqlite' }),
    hasPersistence: true,
    hasMultiInstance: false,
    hasAttachments: false,
    hasReplication: true,
  },
});

type Server = {
  db: RxDatabase;
  collection: RxCollection<HumanDocumentType>;
  handler: RxReplicationHandler<HumanDocumentType, RxStorageDefaultCheckpoint>;
};
let server: Server | undefined;

async function freshServer(): Promise<Server> {
  if (server) await server.db.close();
  const db = await createRxDatabase({
    name: 'server' + randomToken(6),
    storage,
    multiInstance: false,
  });
  const { human } = await db.addCollections({ human: { schema: schemas.human } });
  const collection = human as RxCollection<HumanDocumentType>;
  server = {
    db,
    collection,
    handler: rxStorageInstanceToReplicationHandler(
      collection.storageInstance,
      collection.conflictHandler,
      db.token,
    ),
  };
  return server;
}

function currentServer(): Server {
  if (!server) throw new Error('cleanUpServer() runs first in every test of the suite');
  return server;
}

function replicate(collection: RxCollection<HumanDocumentType>, live: boolean) {
  const { handler } = currentServer();
  return replicateRxCollection<HumanDocumentType, RxStorageDefaultCheckpoint>({
    collection,
    replicationIdentifier: 'sqlite-suite',
    live,
    pull: {
      handler: (checkpoint, batchSize) => handler.masterChangesSince(checkpoint, batchSize),
      stream$: handler.masterChangeStream$,
    },
    push: { handler: (rows) => handler.masterWrite(rows) },
  });
}

afterAll(async () => {
  await server?.db.close();
  temp.cleanup();
});

describe('RxDB replication base test suite on the SQLite storage', () => {
  runReplicationBaseTestSuite({
    startReplication: (collection) => replicate(collection, true),
    async syncOnce(collection) {
      const state = replicate(collection, false);
      await state.awaitInitialReplication();
      await state.cancel();
    },
    async getAllServerDocs() {
      const { collection } = currentServer();
      const schema = collection.storageInstance.schema;
      const query = prepareQuery(schema, normalizeMangoQuery(schema, { selector: {} }));
      return (await collection.storageInstance.query(query)).documents;
    },
    async cleanUpServer() {
      await freshServer();
    },
    softDeletes: true,
    isDeleted: (doc: { _deleted: boolean }) => doc._deleted,
    getPrimaryOfServerDoc: (doc: HumanDocumentType) => doc.passportId,
  });
});
