import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import type { ApiClient } from '../../api/api-client';
import type { CatalogueOptions, Price, Product } from '../../api/types';

const PAGE = 200;

/** Products matching a search, page by page in SKU order. */
export const productsQuery = (api: ApiClient, search: string) =>
  infiniteQueryOptions({
    queryKey: ['products', search],
    queryFn: ({ signal, pageParam }) =>
      api.get<{ products: Product[]; next: string | null }>(
        `/v1/admin/products?${new URLSearchParams({ q: search, after: pageParam, limit: String(PAGE) }).toString()}`,
        signal,
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.next ?? undefined,
  });

/** One product with the prices the actor may see. */
export const productQuery = (api: ApiClient, productId: string) =>
  queryOptions({
    queryKey: ['product', productId],
    queryFn: ({ signal }) =>
      api.get<{ product: Product; prices: Price[] }>(
        `/v1/admin/products/${encodeURIComponent(productId)}`,
        signal,
      ),
  });

/** Tax classes and categories for the product form. */
export const catalogueOptionsQuery = (api: ApiClient) =>
  queryOptions({
    queryKey: ['catalogue-options'],
    queryFn: ({ signal }) => api.get<CatalogueOptions>('/v1/admin/catalogue-options', signal),
    staleTime: 10 * 60_000,
  });
