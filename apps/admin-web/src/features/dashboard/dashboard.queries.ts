import { queryOptions } from '@tanstack/react-query';
import type { ApiClient } from '../../api/api-client';
import type { DashboardDay } from '../../api/types';

/**
 * Today's figures of the stores in reach (or one store). Kept fresh by the live stream, which
 * invalidates this key when a sale lands; no polling.
 */
export const dashboardQuery = (api: ApiClient, storeId = '') =>
  queryOptions({
    queryKey: ['dashboard', storeId],
    queryFn: ({ signal }) =>
      api.get<DashboardDay>(
        `/v1/admin/dashboard${storeId ? `?storeId=${encodeURIComponent(storeId)}` : ''}`,
        signal,
      ),
    staleTime: Infinity,
  });
