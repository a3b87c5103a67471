import type { RegionSyncEndpointsSet } from '@kiryana/shared';
import { queryOptions } from '@tanstack/react-query';
import type { ApiClient } from '../../api/api-client';

/** Where a region's terminals sync, in fail-over order (the region's own server first). */
export const regionEndpointsQuery = (api: ApiClient, regionId: string) =>
  queryOptions({
    queryKey: ['region-endpoints', regionId],
    queryFn: ({ signal }) =>
      api.get<RegionSyncEndpointsSet>(
        `/v1/admin/regions/${encodeURIComponent(regionId)}/sync-endpoints`,
        signal,
      ),
    staleTime: 60_000,
  });
