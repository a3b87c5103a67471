import { queryOptions } from '@tanstack/react-query';
import type { ApiClient } from '../../api/api-client';
import type { AdminStore, Region, FleetTerminal } from '../../api/types';

/** Stores in the actor's reach with their active terminal counts. */
export const storesQuery = (api: ApiClient) =>
  queryOptions({
    queryKey: ['stores'],
    queryFn: ({ signal }) => api.get<{ stores: AdminStore[] }>('/v1/admin/stores', signal),
    staleTime: 5 * 60_000,
  });

/** Regions with stores in reach. */
export const regionsQuery = (api: ApiClient) =>
  queryOptions({
    queryKey: ['regions'],
    queryFn: ({ signal }) => api.get<{ regions: Region[] }>('/v1/admin/regions', signal),
    staleTime: 5 * 60_000,
  });

/** Terminals in reach (of one store, or all) with their health. */
export const fleetQuery = (api: ApiClient, storeId = '') =>
  queryOptions({
    queryKey: ['fleet', storeId],
    queryFn: ({ signal }) =>
      api.get<{ serverTime: string; terminals: FleetTerminal[] }>(
        `/v1/admin/fleet${storeId ? `?storeId=${encodeURIComponent(storeId)}` : ''}`,
        signal,
      ),
  });
