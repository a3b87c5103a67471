import { supplierListSchema, supplierSchema } from '@kiryana/shared';
import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import type { ApiClient } from '../../api/api-client';

/** Suppliers in reach (chain-wide and the actor's regions'), optionally those of one store. */
export const suppliersQuery = (api: ApiClient, storeId = '') =>
  infiniteQueryOptions({
    queryKey: ['suppliers', storeId],
    queryFn: async ({ signal, pageParam }) => {
      const params = new URLSearchParams();
      if (storeId) params.set('storeId', storeId);
      if (pageParam) params.set('cursor', pageParam);
      return supplierListSchema.parse(
        await api.get(`/v1/admin/suppliers?${params.toString()}`, signal),
      );
    },
    initialPageParam: '',
    getNextPageParam: (last) => last.next ?? undefined,
  });

/** One supplier with its stores and products. */
export const supplierQuery = (api: ApiClient, supplierId: string) =>
  queryOptions({
    queryKey: ['supplier', supplierId],
    queryFn: async ({ signal }) =>
      supplierSchema.parse(
        await api.get(`/v1/admin/suppliers/${encodeURIComponent(supplierId)}`, signal),
      ),
  });
