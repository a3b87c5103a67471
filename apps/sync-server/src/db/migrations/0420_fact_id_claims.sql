-- Global fact ids (docs/sync.md, "Global ids"). A pushed sale or stock movement belongs to the
-- first store that stored it. Pushes of different stores lock different scopes, so a NOT EXISTS
-- over every store's rows cannot see a concurrent push's uncommitted row: both would store the id.
-- The push therefore claims each id here first, in the same statement and transaction as the fact:
-- the primary key makes a second claimer wait for the first to commit (or roll back) and then
-- skip (ON CONFLICT DO NOTHING), whatever store it comes from. Claims are taken in id order, so
-- two pushes claiming overlapping ids cannot deadlock.
-- Keyed by the id alone (no store_id): on Citus this is a table distributed by `id`, so a claim
-- and the "who holds this id" lookup are single-shard, not a fan-out to every store's shard.
CREATE TABLE fact_ids (
  id text NOT NULL,
  -- The replicated collection: 'sales' or 'stock-movements' (their ids are separate name spaces).
  collection text NOT NULL CHECK (collection IN ('sales', 'stock-movements')),
  store_id text NOT NULL REFERENCES stores (id),
  PRIMARY KEY (id, collection)
);

-- Facts stored before this migration. Derived movements (`${saleId}:${lineNo}`) belong to their
-- sale's claim: a pushed movement id with ':' is refused. Should two stores already hold one id
-- (the race this table closes), the older row keeps it.
INSERT INTO fact_ids (id, collection, store_id)
SELECT id::text, 'sales', store_id FROM sales ORDER BY received_at, seq
ON CONFLICT DO NOTHING;
INSERT INTO fact_ids (id, collection, store_id)
SELECT id, 'stock-movements', store_id FROM stock_movements
 WHERE kind NOT IN ('sale', 'return') AND strpos(id, ':') = 0
 ORDER BY received_at, seq
ON CONFLICT DO NOTHING;
