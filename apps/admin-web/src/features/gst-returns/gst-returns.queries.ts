import { type Gstr1Json, gstinListSchema } from '@kiryana/shared';
import { queryOptions } from '@tanstack/react-query';
import type { ApiClient } from '../../api/api-client';

/** The GSTINs whose stores are all in reach. */
export const gstinsQuery = (api: ApiClient) =>
  queryOptions({
    queryKey: ['gst', 'gstins'],
    queryFn: async ({ signal }) =>
      gstinListSchema.parse(await api.get('/v1/admin/gst/gstins', signal)).gstins,
  });

/** The path of a month's GSTR-1 (JSON), or of one table as CSV. */
export function gstr1Path(gstin: string, period: string, section?: string): string {
  return `/v1/admin/gst/gstr1?${new URLSearchParams({
    gstin,
    period,
    ...(section ? { format: 'csv', section } : {}),
  }).toString()}`;
}

/** A month's GSTR-1 of a GSTIN. */
export const gstr1Query = (api: ApiClient, gstin: string, period: string) =>
  queryOptions({
    queryKey: ['gst', 'gstr1', gstin, period],
    queryFn: ({ signal }) => api.get<Gstr1Json>(gstr1Path(gstin, period), signal),
    enabled: gstin !== '' && /^\d{4}-\d{2}$/.test(period),
  });
