import type { InfiniteData, QueryClient } from '@tanstack/react-query';
import type { StockRow } from '../../api/types';

/** A `stock` hint of the admin stream: a product's level in a store as stored when it left. */
export type StockHint = { storeId: string; productId: string; level: number };

type StockPage = { levels: StockRow[]; next: string | null };

/**
 * Puts a level from the stream into every cached stock page of its store (the stock screen's
 * `['stock', storeId, search, lowOnly]` queries), so the figure moves without a refetch. A
 * low-only list may gain or lose the row, which only the server can say: that list is refetched.
 * The product's movements and its levels across stores are refetched when someone looks at them.
 */
export function applyStockHint(queryClient: QueryClient, hint: StockHint): void {
  const isLowOnly = (key: readonly unknown[]) => key[3] === true;
  queryClient.setQueriesData<InfiniteData<StockPage>>(
    { queryKey: ['stock', hint.storeId], predicate: (q) => !isLowOnly(q.queryKey) },
    (data) =>
      data && {
        ...data,
        pages: data.pages.map((page) => ({
          ...page,
          levels: page.levels.map((row) =>
            row.productId === hint.productId
              ? {
                  ...row,
                  qtyBase: hint.level,
                  isLow: row.reorderLevelBase > 0 && hint.level <= row.reorderLevelBase,
                }
              : row,
          ),
        })),
      },
  );
  void queryClient.invalidateQueries({
    queryKey: ['stock', hint.storeId],
    predicate: (q) => isLowOnly(q.queryKey),
  });
  void queryClient.invalidateQueries({ queryKey: ['movements', hint.storeId, hint.productId] });
  void queryClient.invalidateQueries({ queryKey: ['stock-by-product', hint.productId] });
}
