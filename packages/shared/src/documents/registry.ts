import type { z } from 'zod';
import type { SyncCollection } from '../sync/collections';
import { PARTY_SCHEMA_VERSION, partySchema } from './party';
import { PRICE_SCHEMA_VERSION, priceSchema } from './price';
import { PRODUCT_SCHEMA_VERSION, productSchema } from './product';
import { SALE_SCHEMA_VERSION, saleSchema } from './sale';
import { STOCK_LEVEL_SCHEMA_VERSION, stockLevelSchema } from './stock-level';
import { STOCK_MOVEMENT_SCHEMA_VERSION, stockMovementSchema } from './stock-movement';
import { STORE_SCHEMA_VERSION, storeSchema } from './store';
import { TAX_RATE_SCHEMA_VERSION, taxRateSchema } from './tax-rate';
import { WORKFLOW_DOCUMENT_SCHEMA_VERSION, workflowDocumentSchema } from './workflow-document';

/** What a replicated collection's documents look like and how a terminal indexes them. */
export type DocumentDefinition = {
  readonly schema: z.ZodObject;
  readonly schemaVersion: number;
  /** Compound indexes for the terminal's RxDB collection; each serves a query named beside it. */
  readonly indexes: readonly (readonly string[])[];
};

/** The document definition of every replicated collection. */
export const DOCUMENT_DEFINITIONS = {
  // Search-as-you-type ranges over nameEn; category browsing.
  products: {
    schema: productSchema,
    schemaVersion: PRODUCT_SCHEMA_VERSION,
    indexes: [['nameEn'], ['category', 'nameEn']],
  },
  // The price list of one product.
  prices: { schema: priceSchema, schemaVersion: PRICE_SCHEMA_VERSION, indexes: [['productId']] },
  // The schedule of one tax class.
  'tax-rates': {
    schema: taxRateSchema,
    schemaVersion: TAX_RATE_SCHEMA_VERSION,
    indexes: [['taxClassId']],
  },
  stores: { schema: storeSchema, schemaVersion: STORE_SCHEMA_VERSION, indexes: [] },
  // Stock of one product.
  'stock-levels': {
    schema: stockLevelSchema,
    schemaVersion: STOCK_LEVEL_SCHEMA_VERSION,
    indexes: [['productId']],
  },
  // Recent bills first; find a bill by invoice number for a return.
  sales: {
    schema: saleSchema,
    schemaVersion: SALE_SCHEMA_VERSION,
    indexes: [['createdAt'], ['invoiceNo']],
  },
  // Movement history of one product; recent movements.
  'stock-movements': {
    schema: stockMovementSchema,
    schemaVersion: STOCK_MOVEMENT_SCHEMA_VERSION,
    indexes: [['productId', 'createdAt'], ['createdAt']],
  },
  // Transfers and POs with their steps: one document's rows; open documents of a kind by status.
  documents: {
    schema: workflowDocumentSchema,
    schemaVersion: WORKFLOW_DOCUMENT_SCHEMA_VERSION,
    indexes: [
      ['docId', 'kind'],
      ['kind', 'status', 'updatedAt'],
    ],
  },
  // The store's suppliers by name (pickers at goods receipt).
  parties: {
    schema: partySchema,
    schemaVersion: PARTY_SCHEMA_VERSION,
    indexes: [['kind', 'name']],
  },
} as const satisfies Record<SyncCollection, DocumentDefinition>;

/** The zod schema of a collection's documents. */
export function documentSchemaOf<C extends SyncCollection>(
  collection: C,
): (typeof DOCUMENT_DEFINITIONS)[C]['schema'] {
  return DOCUMENT_DEFINITIONS[collection].schema;
}
