import type { Notification } from '@kiryana/shared';
import { queryOptions } from '@tanstack/react-query';
import type { ApiClient } from '../../api/api-client';

/** The newest low-stock alerts of the stores in reach, and how many are unread. */
export const notificationsQuery = (api: ApiClient) =>
  queryOptions({
    queryKey: ['notifications'],
    queryFn: ({ signal }) =>
      api.get<{ notifications: Notification[]; unread: number }>(
        '/v1/admin/notifications?limit=50',
        signal,
      ),
  });
