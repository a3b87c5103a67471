import {
  addRxPlugin,
  createRxDatabase,
  type RxCollection,
  type RxDatabase,
  type RxStorage,
} from 'rxdb/plugins/core';
import { RxDBLocalDocumentsPlugin } from 'rxdb/plugins/local-documents';
import { collectionCreatorOf } from '@kiryana/sync-client';
import { TERMINAL_SCHEMAS, type TerminalDocTypes } from './schemas';

addRxPlugin(RxDBLocalDocumentsPlugin);

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
    products: collectionCreatorOf(TERMINAL_SCHEMAS.products),
    prices: collectionCreatorOf(TERMINAL_SCHEMAS.prices),
    'tax-rates': collectionCreatorOf(TERMINAL_SCHEMAS['tax-rates']),
    stores: collectionCreatorOf(TERMINAL_SCHEMAS.stores),
    'stock-levels': collectionCreatorOf(TERMINAL_SCHEMAS['stock-levels']),
    sales: collectionCreatorOf(TERMINAL_SCHEMAS.sales),
    'stock-movements': collectionCreatorOf(TERMINAL_SCHEMAS['stock-movements']),
    documents: collectionCreatorOf(TERMINAL_SCHEMAS.documents),
    parties: collectionCreatorOf(TERMINAL_SCHEMAS.parties),
    outbox: collectionCreatorOf(TERMINAL_SCHEMAS.outbox),
    'barcode-directory': collectionCreatorOf(TERMINAL_SCHEMAS['barcode-directory']),
  });
  return db;
}
