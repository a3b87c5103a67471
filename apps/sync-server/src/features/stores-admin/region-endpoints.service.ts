import {
  type Actor,
  AppError,
  type RegionSyncEndpoints,
  type RegionSyncEndpointsSet,
} from '@kiryana/shared';
import { inActorTransaction } from '../../db/actor-transaction';
import type { StoresAdminDeps } from './stores-admin.service';

/** A region's sync endpoints as stored (an empty list: terminals keep their enrolled server). */
export async function getRegionSyncEndpoints(
  deps: StoresAdminDeps,
  regionId: string,
): Promise<RegionSyncEndpointsSet> {
  const { rows } = await deps.db.query<{ sync_endpoints: string[] }>(
    'SELECT sync_endpoints FROM regions WHERE id = $1',
    [regionId],
  );
  const [row] = rows;
  if (row === undefined) throw new AppError('NOT_FOUND', 'No such region.');
  return { regionId, endpoints: row.sync_endpoints };
}

/**
 * Sets a region's sync endpoints (regions.sync_endpoints), attributed to the person in the audit
 * log (regions carry the reference-data audit trigger). Terminals enrolled from now on receive
 * the list with their credential; origins are stored without a trailing slash, as terminals
 * compare them.
 */
export async function setRegionSyncEndpoints(
  deps: StoresAdminDeps,
  actor: Actor,
  regionId: string,
  body: RegionSyncEndpoints,
): Promise<RegionSyncEndpointsSet> {
  const endpoints = body.endpoints.map((url) => new URL(url).origin);
  const updated = await inActorTransaction(deps.db, actor, async (db) => {
    const { rows } = await db.query<{ id: string }>(
      'UPDATE regions SET sync_endpoints = $2 WHERE id = $1 RETURNING id',
      [regionId, endpoints],
    );
    return rows.length;
  });
  if (updated === 0) throw new AppError('NOT_FOUND', 'No such region.');
  return { regionId, endpoints };
}
