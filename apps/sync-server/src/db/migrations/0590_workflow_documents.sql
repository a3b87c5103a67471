-- Transfers and purchase orders on the server (issue 15, docs/transfers-and-purchasing.md, "Server").
--
-- `workflow_documents` holds the rows of the `documents` sync collection, store-scoped like sales:
-- a transfer or PO document has one row per store that takes part (same id, same body), and every
-- step (a fact) has a row in the scope of the store that took it. Like every store-scoped row a
-- terminal pulls, a row takes a new `seq` from its store's counter (sync_scope, under its row lock)
-- whenever it is written, inserted or updated: the writer passes one from its block, and a
-- statement that does not gets one from the trigger (docs/sync.md, checkpoints).
-- `doc` is the whole `WorkflowDocument` as terminals pull it; the other columns are for queries.
CREATE TABLE workflow_documents (
  store_id text NOT NULL,
  id text NOT NULL,
  seq bigint NOT NULL,
  kind text NOT NULL CHECK (kind IN ('transfer', 'transfer-step', 'purchase-order', 'po-step')),
  doc_id text NOT NULL,
  status text NOT NULL,
  doc jsonb NOT NULL,
  doc_hash text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (store_id, id)
) PARTITION BY HASH (store_id);
-- Store-scoped pull in checkpoint order.
CREATE INDEX workflow_documents_pull_idx ON workflow_documents (store_id, seq);
-- A document's rows in every store (find a transfer or PO, its steps) and pushed ids across stores.
CREATE INDEX workflow_documents_doc_idx ON workflow_documents (doc_id, kind);
CREATE INDEX workflow_documents_id_idx ON workflow_documents (id);
-- Admin lists: open documents of a kind by status.
CREATE INDEX workflow_documents_status_idx ON workflow_documents (kind, status, updated_at);

DO $$
BEGIN
  FOR i IN 0..15 LOOP
    EXECUTE format('CREATE TABLE workflow_documents_h%s PARTITION OF workflow_documents FOR VALUES WITH (MODULUS 16, REMAINDER %s)', i, i);
  END LOOP;
END $$;

CREATE TRIGGER workflow_documents_seq BEFORE INSERT OR UPDATE ON workflow_documents
  FOR EACH ROW EXECUTE FUNCTION store_assign_seq();

-- Pushed step ids are global like sale and movement ids (migration 0420): a step id belongs to the
-- first store that stored it.
ALTER TABLE fact_ids DROP CONSTRAINT fact_ids_collection_check;
ALTER TABLE fact_ids ADD CONSTRAINT fact_ids_collection_check
  CHECK (collection IN ('sales', 'stock-movements', 'documents'));

-- What a manager wrote off as lost between two stores (a transfer's `transit_write_off`): on no
-- store's shelf, so not in stock_movements; kept here for the loss reports. One row per write-off
-- movement (`${factId}:${n}`), valued at the source's moving-average cost when it was written off
-- (null when the source never had a costed receipt of the product).
CREATE TABLE transfer_write_offs (
  id text PRIMARY KEY,
  transfer_id text NOT NULL,
  fact_id text NOT NULL,
  from_store_id text NOT NULL REFERENCES stores (id),
  to_store_id text NOT NULL REFERENCES stores (id),
  product_id text NOT NULL,
  qty_base bigint NOT NULL CHECK (qty_base > 0),
  unit_cost_minor bigint CHECK (unit_cost_minor >= 0),
  value_minor bigint CHECK (value_minor >= 0),
  reason text NOT NULL,
  note text,
  actor_id text NOT NULL,
  written_off_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
-- Loss reports by store and period (either side of the route).
CREATE INDEX transfer_write_offs_from_idx ON transfer_write_offs (from_store_id, written_off_at);
CREATE INDEX transfer_write_offs_to_idx ON transfer_write_offs (to_store_id, written_off_at);
-- A transfer's write-offs.
CREATE INDEX transfer_write_offs_transfer_idx ON transfer_write_offs (transfer_id);

-- Moving-average cost per (store, product), integer minor units per base unit (shared
-- `nextMovingAverageCost`). Re-weighed at each costed receipt (PO goods receipts; transfers in, at
-- the source's average) with the store's stock level just before it; outgoing movements leave the
-- average alone, so sales need not touch this table. `on_hand_qty_base` is the level right after
-- the last re-weighing (the live level is stock_levels); `avg_cost_minor` is null until the first
-- costed receipt. Stock value = stock_levels.qty_base × avg_cost_minor.
CREATE TABLE stock_costs (
  store_id text NOT NULL REFERENCES stores (id),
  product_id text NOT NULL,
  on_hand_qty_base bigint NOT NULL DEFAULT 0,
  avg_cost_minor bigint CHECK (avg_cost_minor >= 0),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (store_id, product_id)
);
