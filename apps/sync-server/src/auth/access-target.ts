import type { AccessScope, AccessTarget } from '@kiryana/shared';
import type { Queryable } from '../db/db';

/**
 * The target of a request naming a store: the store with its region. A store that does not exist
 * gets an empty region, so only an `all` grant reaches it and nobody learns from a 403 versus a
 * 404 whether a store outside their reach exists.
 */
export async function storeTarget(q: Queryable, storeId: string): Promise<AccessTarget> {
  const { rows } = await q.query<{ region_id: string }>(
    'SELECT region_id FROM stores WHERE id = $1',
    [storeId],
  );
  return { storeId, regionId: rows[0]?.region_id ?? '' };
}

/** The target of granting something at a scope. */
export async function scopeTarget(q: Queryable, scope: AccessScope): Promise<AccessTarget> {
  if (scope.kind === 'all') return 'global';
  if (scope.kind === 'region') return { regionId: scope.regionId };
  return storeTarget(q, scope.storeId);
}
