-- The supplier master (issue 15, features/purchasing-admin): kept by HQ (chain-wide, region_id
-- NULL) or by a region, with the stores that buy from it and the products it sells in its packs.
-- Reference data of the admin API: purchase orders name a supplier, and H1's documents label a PO
-- with the supplier's name. Ids are server-made; nothing here is ever deleted (a supplier that
-- stops trading is made inactive), so old purchase orders keep naming it.
CREATE TABLE suppliers (
  id text PRIMARY KEY,
  name text NOT NULL,
  -- NULL for an unregistered supplier; checked (check character, state) by the shared schema.
  gstin text,
  state_code text NOT NULL,
  payment_terms_days integer NOT NULL CHECK (payment_terms_days BETWEEN 0 AND 365),
  lead_time_days integer NOT NULL CHECK (lead_time_days BETWEEN 0 AND 365),
  region_id text REFERENCES regions (id),
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
-- The supplier list of a region (and chain-wide ones, region_id IS NULL), in name order.
CREATE INDEX suppliers_region_name_idx ON suppliers (region_id, name, id);

-- Which stores buy from a supplier: a store manager lists these, a PO's store must be one of them.
CREATE TABLE supplier_stores (
  supplier_id text NOT NULL REFERENCES suppliers (id),
  store_id text NOT NULL REFERENCES stores (id),
  PRIMARY KEY (supplier_id, store_id)
);
CREATE INDEX supplier_stores_store_idx ON supplier_stores (store_id);

-- What a supplier sells, in its pack (a case of 24), with the cost last paid per order unit
-- (minor units; NULL until the first quote or receipt).
CREATE TABLE supplier_products (
  supplier_id text NOT NULL REFERENCES suppliers (id),
  product_id text NOT NULL REFERENCES products (id),
  order_unit_name text NOT NULL,
  base_units_per_order_unit integer NOT NULL CHECK (base_units_per_order_unit >= 1),
  last_cost_minor_per_order_unit bigint CHECK (last_cost_minor_per_order_unit >= 0),
  PRIMARY KEY (supplier_id, product_id)
);
-- "Who sells this product": the low-stock draft and the product screen.
CREATE INDEX supplier_products_product_idx ON supplier_products (product_id);
