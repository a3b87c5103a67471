import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import type { ApiClient } from '../../api/api-client';
import type { Movement, StockRow } from '../../api/types';

/** Stock levels of one store, page by page in SKU order. */
export const storeStockQuery = (
  api: ApiClient,
  storeId: string,
  search: string,
  lowOnly: boolean,
) =>
  infiniteQueryOptions({
    queryKey: ['stock', storeId, search, lowOnly],
    queryFn: ({ signal, pageParam }) =>
      api.get<{ levels: StockRow[]; next: string | null }>(
        `/v1/admin/stock?${new URLSearchParams({ storeId, q: search, low: String(lowOnly), after: pageParam, limit: '500' }).toString()}`,
        signal,
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.next ?? undefined,
    enabled: storeId !== '',
  });

/** Who moved a product in a store, when and why. */
export const movementsQuery = (api: ApiClient, storeId: string, productId: string) =>
  queryOptions({
    queryKey: ['movements', storeId, productId],
    queryFn: ({ signal }) =>
      api.get<{ movements: Movement[] }>(
        `/v1/admin/stock/movements?${new URLSearchParams({ storeId, productId }).toString()}`,
        signal,
      ),
  });

/** One product's level in every store in reach. */
export const productAcrossStoresQuery = (api: ApiClient, productId: string) =>
  queryOptions({
    queryKey: ['stock-by-product', productId],
    queryFn: ({ signal }) =>
      api.get<{
        stores: {
          storeId: string;
          storeCode: string;
          nameEn: string;
          qtyBase: number;
          isLow: boolean;
        }[];
      }>(`/v1/admin/stock/by-product?${new URLSearchParams({ productId }).toString()}`, signal),
  });
