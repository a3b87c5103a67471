import {
  type PurchaseOrderStatus,
  purchaseOrderDetailSchema,
  purchaseOrderListSchema,
} from '@kiryana/shared';
import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import type { ApiClient } from '../../api/api-client';

/**
 * Reads of the purchase-order admin API (packages/shared/src/admin-api/purchasing.ts), parsed with
 * the shared wire schemas.
 */

/** The filters of the PO list, all applied by the server. */
export type PurchaseOrderFilter = {
  storeId: string;
  supplierId: string;
  status: PurchaseOrderStatus | '';
};

/** Purchase orders in reach, page by page. */
export const purchaseOrdersQuery = (api: ApiClient, filter: PurchaseOrderFilter) =>
  infiniteQueryOptions({
    queryKey: ['purchase-orders', filter.storeId, filter.supplierId, filter.status],
    queryFn: async ({ signal, pageParam }) => {
      const params = new URLSearchParams();
      if (filter.storeId) params.set('storeId', filter.storeId);
      if (filter.supplierId) params.set('supplierId', filter.supplierId);
      if (filter.status) params.set('status', filter.status);
      if (pageParam) params.set('cursor', pageParam);
      return purchaseOrderListSchema.parse(
        await api.get(`/v1/admin/purchase-orders?${params.toString()}`, signal),
      );
    },
    initialPageParam: '',
    getNextPageParam: (last) => last.next ?? undefined,
  });

/** One PO with what arrived per line and its receipts. */
export const purchaseOrderQuery = (api: ApiClient, poId: string) =>
  queryOptions({
    queryKey: ['purchase-order', poId],
    queryFn: async ({ signal }) =>
      purchaseOrderDetailSchema.parse(
        await api.get(`/v1/admin/purchase-orders/${encodeURIComponent(poId)}`, signal),
      ),
  });

/** The path of a PO's export for the supplier. */
export const purchaseOrderExportPath = (poId: string, format: 'pdf' | 'csv') =>
  `/v1/admin/purchase-orders/${encodeURIComponent(poId)}/export.${format}`;
