-- The returns of a bill, to cap a pushed return's refund at what the bill was paid minus earlier
-- refunds (features/sync/return-refund.queries.ts, findStoredOriginals). Partial: sales have none.
CREATE INDEX sales_returns_of_idx ON sales (store_id, original_sale_id) WHERE original_sale_id IS NOT NULL;
