import type { ScopeFilter } from '@kiryana/shared';

/**
 * The reader's reach as a SQL condition on a stores row, so listings, totals and exports are
 * filtered by the database and never after fetching (LIMIT, sums and CSV rows stay honest).
 * The condition takes three parameters from `first` on: all, store ids, region ids.
 * @example
 * const sql = `SELECT … FROM stores s WHERE ${storeInScope('s', 1)}`;
 * await q.query(sql, scopeParams(filter));
 */
export function storeInScope(alias: string, first: number): string {
  return `($${first}::boolean OR ${alias}.id = ANY($${first + 1}::text[]) OR ${alias}.region_id = ANY($${first + 2}::text[]))`;
}

/** The three parameters of `storeInScope`. */
export function scopeParams(filter: ScopeFilter): [boolean, string[], string[]] {
  return filter.all ? [true, [], []] : [false, [...filter.storeIds], [...filter.regionIds]];
}
