import { gstFilingListSchema, taxClassListSchema } from '@kiryana/shared';
import { queryOptions } from '@tanstack/react-query';
import type { ApiClient } from '../../api/api-client';

/** Every tax class with its rates, newest first (the same for every store). */
export const taxClassesQuery = (api: ApiClient) =>
  queryOptions({
    queryKey: ['tax-classes'],
    queryFn: async ({ signal }) =>
      taxClassListSchema.parse(await api.get('/v1/admin/tax-classes', signal)).taxClasses,
  });

/** The months whose GSTR-1 is marked filed, newest first. */
export const gstFilingsQuery = (api: ApiClient) =>
  queryOptions({
    queryKey: ['gst-filings'],
    queryFn: async ({ signal }) =>
      gstFilingListSchema.parse(await api.get('/v1/admin/gst/filings', signal)).filings,
  });

/** A tax class as the admin API answers it. */
export type TaxClass = ReturnType<typeof taxClassListSchema.parse>['taxClasses'][number];
