import {
  rxJsonSchemaOf,
  type Party,
  type Price,
  type Product,
  type Sale,
  type StockLevel,
  type StockMovement,
  type Store,
  type SyncCollection,
  type TaxRate,
  type WorkflowDocument,
} from '@kiryana/shared';
import { OUTBOX_RX_SCHEMA, type OutboxEntry } from '@kiryana/sync-client';
import type { RxJsonSchema } from 'rxdb/plugins/core';

/**
 * The terminal's collections: the nine replicated ones (transfers and POs share `documents`, one
 * collection with a kind; suppliers, later customers, share `parties`), with schemas derived from
 * the shared zod schemas, a local-only outbox and barcode directory. Eleven collections stay under
 * the 13 RxDB's open-source edition allows per realm; settings, parked bills and the invoice series
 * are local documents.
 */

/** A replicated document as RxDB stores it: RxDB manages `_deleted` itself. */
export type Stored<T extends { _deleted: boolean }> = Omit<T, '_deleted'>;

/** The document type of each collection. */
export type TerminalDocTypes = {
  products: Stored<Product>;
  prices: Stored<Price>;
  'tax-rates': Stored<TaxRate>;
  stores: Stored<Store>;
  'stock-levels': Stored<StockLevel>;
  sales: Stored<Sale>;
  'stock-movements': Stored<StockMovement>;
  documents: Stored<WorkflowDocument>;
  parties: Stored<Party>;
  outbox: OutboxEntry;
  'barcode-directory': BarcodeDirectoryEntry;
};

/**
 * Which product a barcode belongs to: local only, kept by the live catalogue, so a scan in the
 * first seconds after start-up is one primary-key read instead of waiting for the whole catalogue
 * to be in memory (RxDB cannot index the products' `barcodes` array itself).
 */
type BarcodeDirectoryEntry = { id: string; productId: string };

const BARCODE_DIRECTORY_SCHEMA: RxJsonSchema<BarcodeDirectoryEntry> = {
  title: 'barcode-directory',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 32 },
    productId: { type: 'string', maxLength: 64 },
  },
  required: ['id', 'productId'],
};

/** The name of a terminal collection. */
export type TerminalCollectionName = keyof TerminalDocTypes;

function replicated<C extends SyncCollection>(collection: C): RxJsonSchema<TerminalDocTypes[C]> {
  // The shared derivation is typed loosely because packages/shared does not import rxdb.
  return rxJsonSchemaOf(collection) as unknown as RxJsonSchema<TerminalDocTypes[C]>;
}

/** The schema of every terminal collection. */
export const TERMINAL_SCHEMAS: {
  [C in TerminalCollectionName]: RxJsonSchema<TerminalDocTypes[C]>;
} = {
  products: replicated('products'),
  prices: replicated('prices'),
  'tax-rates': replicated('tax-rates'),
  stores: replicated('stores'),
  'stock-levels': replicated('stock-levels'),
  sales: replicated('sales'),
  'stock-movements': replicated('stock-movements'),
  documents: replicated('documents'),
  parties: replicated('parties'),
  // The sync client's outbox (packages/sync-client, outbox.ts), stored here: local, never replicated.
  outbox: OUTBOX_RX_SCHEMA,
  'barcode-directory': BARCODE_DIRECTORY_SCHEMA,
};
