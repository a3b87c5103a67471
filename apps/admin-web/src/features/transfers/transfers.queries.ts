import {
  type TransferStatus,
  inTransitListSchema,
  transferDetailSchema,
  transferListSchema,
} from '@kiryana/shared';
import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import type { ApiClient } from '../../api/api-client';

/**
 * Reads of the transfers admin API (packages/shared/src/admin-api/transfers.ts). Answers are
 * parsed with the shared wire schemas, so a server that drifts from the contract fails loudly here
 * instead of rendering `undefined`.
 */

/** The filters of the transfers board that the server applies. */
export type TransferFilter = { storeId: string; status: TransferStatus | '' };

/** Transfers in reach, newest activity first, page by page (`next` is the server's cursor). */
export const transfersQuery = (api: ApiClient, filter: TransferFilter) =>
  infiniteQueryOptions({
    queryKey: ['transfers', filter.storeId, filter.status],
    queryFn: async ({ signal, pageParam }) => {
      const params = new URLSearchParams();
      if (filter.storeId) params.set('storeId', filter.storeId);
      if (filter.status) params.set('status', filter.status);
      if (pageParam) params.set('cursor', pageParam);
      return transferListSchema.parse(
        await api.get(`/v1/admin/transfers?${params.toString()}`, signal),
      );
    },
    initialPageParam: '',
    getNextPageParam: (last) => last.next ?? undefined,
  });

/** One transfer with its lines, product names and what is in transit. */
export const transferQuery = (api: ApiClient, transferId: string) =>
  queryOptions({
    queryKey: ['transfer', transferId],
    queryFn: async ({ signal }) =>
      transferDetailSchema.parse(
        await api.get(`/v1/admin/transfers/${encodeURIComponent(transferId)}`, signal),
      ),
  });

/** Stock on the road to and from one store, per transfer and product. */
export const inTransitQuery = (api: ApiClient, storeId: string) =>
  queryOptions({
    queryKey: ['in-transit', storeId],
    queryFn: async ({ signal }) =>
      inTransitListSchema.parse(
        await api.get(
          `/v1/admin/stock/in-transit?${new URLSearchParams({ storeId }).toString()}`,
          signal,
        ),
      ),
    enabled: storeId !== '',
  });
