-- The `parties` sync collection (issue 15): the suppliers a store buys from, replicated to that
-- store's terminals (goods receipt pickers, the supplier's GSTIN and terms on a PO receipt).
--
-- The supplier master (0600) is reference data, but which suppliers a terminal sees depends on its
-- store, and a supplier unlinked from a store must still reach that store once, as deleted. So each
-- (store, party) pair ever linked has a row here, numbered in the store's scope like every
-- store-scoped row (store_assign_seq, docs/sync.md): the pull reads these rows in seq order and
-- joins the supplier's current fields. Triggers on the master tables re-number a pair whenever
-- what its terminals see of it changes; nothing else writes this table.
CREATE TABLE store_parties (
  store_id text NOT NULL REFERENCES stores (id),
  party_id text NOT NULL,
  kind text NOT NULL DEFAULT 'supplier' CHECK (kind IN ('supplier')),
  -- False once the supplier is unlinked from the store: the terminal receives it as deleted.
  linked boolean NOT NULL DEFAULT true,
  seq bigint NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (store_id, party_id)
);
-- Store-scoped pull in checkpoint order.
CREATE INDEX store_parties_pull_idx ON store_parties (store_id, seq);
-- The stores of a party, for re-numbering after an edit.
CREATE INDEX store_parties_party_idx ON store_parties (party_id);

CREATE TRIGGER store_parties_seq BEFORE INSERT OR UPDATE ON store_parties
  FOR EACH ROW EXECUTE FUNCTION store_assign_seq();

-- Stream hint to the store's terminals (NOTIFY is sent at commit), as the push path sends for its
-- rows: an admin edit of a supplier reaches an online counter without waiting for a poll.
CREATE FUNCTION store_parties_hint() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('kiryana_sync_hints', json_build_object(
    'scope', 'store:' || NEW.store_id, 'collection', 'parties', 'seq', NEW.seq::text)::text);
  RETURN NULL;
END $$;
CREATE TRIGGER store_parties_hint AFTER INSERT OR UPDATE ON store_parties
  FOR EACH ROW EXECUTE FUNCTION store_parties_hint();

-- Re-numbers every store row of a supplier, once per transaction (updated_at = now() marks a row
-- already re-numbered by this transaction: the pull joins the master's fields as they are at
-- commit, so one new seq is enough). The stores' counters are locked in scope order first, so two
-- edits of suppliers sharing stores cannot lock them in opposite orders and deadlock.
CREATE FUNCTION store_parties_touch(p_party_id text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM sync_scope
    WHERE scope IN (SELECT 'store:' || store_id FROM store_parties
                     WHERE party_id = p_party_id AND updated_at <> now())
    ORDER BY scope FOR UPDATE;
  UPDATE store_parties SET updated_at = now()
   WHERE party_id = p_party_id AND updated_at <> now();
END $$;

-- A link made (again) or removed: the pair's row says so, with a new seq.
CREATE FUNCTION supplier_stores_to_parties() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    UPDATE store_parties SET linked = false, updated_at = now()
     WHERE store_id = OLD.store_id AND party_id = OLD.supplier_id;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO store_parties (store_id, party_id, kind, linked)
    VALUES (NEW.store_id, NEW.supplier_id, 'supplier', true)
    ON CONFLICT (store_id, party_id) DO UPDATE SET linked = true, updated_at = now();
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER supplier_stores_parties AFTER INSERT OR UPDATE OR DELETE ON supplier_stores
  FOR EACH ROW EXECUTE FUNCTION supplier_stores_to_parties();

-- The supplier's own fields (name, GSTIN, terms, retired) changed.
CREATE FUNCTION suppliers_to_parties() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM store_parties_touch(NEW.id);
  RETURN NULL;
END $$;
CREATE TRIGGER suppliers_parties AFTER UPDATE ON suppliers
  FOR EACH ROW EXECUTE FUNCTION suppliers_to_parties();

-- Its products or packs changed (an admin edit). A last cost written by a goods receipt (0601) is
-- left out on purpose: that receipt runs inside a store's push, and re-numbering the supplier's
-- other stores there would take their counters' locks inside another store's push (deadlocks
-- between pushes). The receiving store's own row is re-numbered below instead; other stores see
-- the new cost with the supplier's next edit.
CREATE FUNCTION supplier_products_to_parties() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM store_parties_touch(CASE WHEN TG_OP = 'DELETE' THEN OLD.supplier_id ELSE NEW.supplier_id END);
  RETURN NULL;
END $$;
CREATE TRIGGER supplier_products_parties AFTER INSERT OR DELETE ON supplier_products
  FOR EACH ROW EXECUTE FUNCTION supplier_products_to_parties();
CREATE TRIGGER supplier_products_parties_edit
  AFTER UPDATE OF supplier_id, product_id, order_unit_name, base_units_per_order_unit ON supplier_products
  FOR EACH ROW EXECUTE FUNCTION supplier_products_to_parties();

-- A receipt against a PO in a store: that store's row of the PO's supplier carries the new last
-- cost (the store's counter is already the push's own lock).
CREATE FUNCTION store_parties_from_receipt() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE store_parties sp SET updated_at = now()
    FROM workflow_documents d
   WHERE d.id = NEW.doc_id AND d.kind = 'purchase-order' AND d.store_id = NEW.store_id
     AND sp.store_id = NEW.store_id AND sp.party_id = d.doc->'body'->>'supplierId'
     AND sp.updated_at <> now();
  RETURN NULL;
END $$;
CREATE TRIGGER workflow_documents_parties_cost AFTER INSERT ON workflow_documents
  FOR EACH ROW WHEN (NEW.kind = 'po-step' AND NEW.status = 'receive')
  EXECUTE FUNCTION store_parties_from_receipt();

-- Suppliers linked before this migration.
INSERT INTO store_parties (store_id, party_id, kind, linked)
SELECT store_id, supplier_id, 'supplier', true FROM supplier_stores;
