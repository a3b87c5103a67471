import type { ScopeFilter } from '@kiryana/shared';
import type { Db } from '../../db/db';
import * as queries from './stock-admin.queries';

/** What the stock screens' services need. */
export type StockAdminDeps = { readonly db: Db };

/** A page of one store's stock levels, optionally only those at or below their reorder level. */
export function storeStock(
  deps: StockAdminDeps,
  input: Parameters<typeof queries.storeStock>[1],
): ReturnType<typeof queries.storeStock> {
  return queries.storeStock(deps.db, input);
}

/** One product's level in every store the reader reaches. */
export function productAcrossStores(
  deps: StockAdminDeps,
  filter: ScopeFilter,
  productId: string,
): ReturnType<typeof queries.productAcrossStores> {
  return queries.productAcrossStores(deps.db, filter, productId);
}

/** The latest movements of a product in a store. */
export function movementHistory(
  deps: StockAdminDeps,
  input: Parameters<typeof queries.movementHistory>[1],
): ReturnType<typeof queries.movementHistory> {
  return queries.movementHistory(deps.db, input);
}
