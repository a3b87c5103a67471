import {
  addRxPlugin,
  createRxDatabase,
  type RxCollection,
  type RxDatabase,
  type RxStorage,
} from 'rxdb/plugins/core';
import { RxDBLocalDocumentsPlugin } from 'rxdb/plugins/local-documents';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { TERMINAL_SCHEMAS, type TerminalDocTypes } from './schemas';

addRxPlugin(RxDBLocalDocumentsPlugin);
addRxPlugin(RxDBMigrationSchemaPlugin);

/**
 * How a terminal's stored documents reach a newer schema version. Every version so far only
 * added optional fields (a version-1 sale is a valid version-2 sale: packages/shared documents),
 * so each step keeps the document as it is; RxDB still needs a strategy per version to reopen a
 * database written by an older release.
 */
function keepAsIs(version: number): Record<number, (doc: unknown) => unknown> {
  const strategies: Record<number, (doc: unknown) => unknown> = {};
  for (let v = 1; v <= version; v++) strategies[v] = (doc) => doc;
  return strategies;
}

function collectionOf<S extends { version: number }>(schema: S) {
  return { schema, migrationStrategies: keepAsIs(schema.version) };
}

/** The terminal's RxDB collections, typed. */
type TerminalCollections = {
  [C in keyof TerminalDocTypes]: RxCollection<TerminalDocTypes[C]>;
};

/** The terminal's RxDB database. */
export type TerminalDatabase = RxDatabase<TerminalCollections>;

/** Where and how to open the terminal database. */
export type OpenDatabaseOptions = {
  /** The storage from the platform (IPC to Electron main, websocket to the Node host, or memory). */
  storage: RxStorage<unknown, unknown>;
  /** Database name; one per bound store, so a re-assigned terminal starts from a clean database. */
  name: string;
};

/**
 * Opens the terminal database with all collections and local documents. One renderer holds it:
 * `multiInstance: false`, because two windows billing from one series would be a bug anyway.
 */
export async function openTerminalDatabase(
  options: OpenDatabaseOptions,
): Promise<TerminalDatabase> {
  const db = await createRxDatabase<TerminalCollections>({
    name: options.name,
    storage: options.storage,
    multiInstance: false,
    localDocuments: true,
    closeDuplicates: true,
  });
  await db.addCollections({
    products: collectionOf(TERMINAL_SCHEMAS.products),
    prices: collectionOf(TERMINAL_SCHEMAS.prices),
    'tax-rates': collectionOf(TERMINAL_SCHEMAS['tax-rates']),
    stores: collectionOf(TERMINAL_SCHEMAS.stores),
    'stock-levels': collectionOf(TERMINAL_SCHEMAS['stock-levels']),
    sales: collectionOf(TERMINAL_SCHEMAS.sales),
    'stock-movements': collectionOf(TERMINAL_SCHEMAS['stock-movements']),
    documents: collectionOf(TERMINAL_SCHEMAS.documents),
    parties: collectionOf(TERMINAL_SCHEMAS.parties),
    outbox: collectionOf(TERMINAL_SCHEMAS.outbox),
    'barcode-directory': collectionOf(TERMINAL_SCHEMAS['barcode-directory']),
  });
  return db;
}
