import type { ScopeFilter } from '@kiryana/shared';
import type { Db } from '../../db/db';
import * as queries from './scoped-reads.queries';

/** What the scoped reads need. */
export type ScopedReadDeps = { readonly db: Db };

/** The stores the reader reaches. */
export function listStores(
  deps: ScopedReadDeps,
  filter: ScopeFilter,
): ReturnType<typeof queries.listStores> {
  return queries.listStores(deps.db, filter);
}

/** Net sales of a period by store, for the stores the reader reaches. */
export function salesByStore(
  deps: ScopedReadDeps,
  filter: ScopeFilter,
  period: Parameters<typeof queries.salesByStore>[2],
): ReturnType<typeof queries.salesByStore> {
  return queries.salesByStore(deps.db, filter, period);
}

/** A page of one store's stock levels by product id. */
export function stockLevelsOfStore(
  deps: ScopedReadDeps,
  storeId: string,
  page: Parameters<typeof queries.stockLevelsOfStore>[2],
): ReturnType<typeof queries.stockLevelsOfStore> {
  return queries.stockLevelsOfStore(deps.db, storeId, page);
}
