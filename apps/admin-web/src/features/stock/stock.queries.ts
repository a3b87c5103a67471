import { queryOptions } from '@tanstack/react-query';
import type { ApiClient } from '../../api/api-client';
import type { Movement, StockRow } from '../../api/types';

/** Stock levels of one store (the first 1,000 matching products in SKU order). */
export const storeStockQuery = (
  api: ApiClient,
  storeId: string,
  search: string,
  lowOnly: boolean,
) =>
  queryOptions({
    queryKey: ['stock', storeId, search, lowOnly],
    queryFn: ({ signal }) =>
      api.get<{ levels: StockRow[]; next: string | null }>(
        `/v1/admin/stock?${new URLSearchParams({ storeId, q: search, low: String(lowOnly), limit: '1000' }).toString()}`,
        signal,
      ),
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
