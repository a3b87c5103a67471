import type { Queryable } from './db';

/**
 * The ordered sync endpoints of a region (regions.sync_endpoints, migration 0560), handed to a
 * terminal with its credential. An empty list means the terminal keeps only the server it enrolled
 * with, so enrolment answers as it did before regions had endpoints.
 */
export async function regionSyncEndpoints(
  q: Queryable,
  regionId: string,
): Promise<readonly string[]> {
  const { rows } = await q.query<{ sync_endpoints: string[] | null }>(
    'SELECT sync_endpoints FROM regions WHERE id = $1',
    [regionId],
  );
  return rows[0]?.sync_endpoints ?? [];
}
