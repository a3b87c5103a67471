-- Core schema: reference data, sync scopes, facts, projections, outbox.
-- Facts are partitioned one level only (Citus cannot distribute multi-level partitioning):
-- HASH on store_id where access is per store (sync), RANGE by month where it is by time (reports).
-- Every key of a store-owned table includes store_id so Citus can distribute on it (docs/scaling.md).

-- Sequence numbers for pull checkpoints. A writer takes its numbers with
-- UPDATE sync_scope SET last_seq = last_seq + n ... RETURNING inside its transaction: the row lock
-- makes numbers follow commit order, so a pull never skips a late-committing row (docs/sync.md).
-- Scopes: 'ref' (all reference data) and 'store:<store_id>' (a store's facts and projections).
CREATE TABLE sync_scope (
  scope text PRIMARY KEY,
  epoch text NOT NULL DEFAULT md5(random()::text || clock_timestamp()::text),
  last_seq bigint NOT NULL DEFAULT 0
);
INSERT INTO sync_scope (scope) VALUES ('ref');

-- Hands out one sequence number for a row whose writer did not take one (back-office SQL, seeds),
-- so no writer can bypass the commit-ordered counter.
CREATE FUNCTION sync_next_seq(p_scope text) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE v bigint;
BEGIN
  INSERT INTO sync_scope (scope) VALUES (p_scope) ON CONFLICT (scope) DO NOTHING;
  UPDATE sync_scope SET last_seq = last_seq + 1 WHERE scope = p_scope RETURNING last_seq INTO v;
  RETURN v;
END $$;

CREATE FUNCTION ref_assign_seq() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' AND NEW.seq IS NOT NULL THEN RETURN NEW; END IF;
  IF TG_OP = 'UPDATE' AND NEW.seq IS DISTINCT FROM OLD.seq THEN RETURN NEW; END IF;
  NEW.seq := sync_next_seq('ref');
  NEW.updated_at := clock_timestamp();
  RETURN NEW;
END $$;

CREATE FUNCTION store_assign_seq() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' AND NEW.seq IS NOT NULL THEN RETURN NEW; END IF;
  IF TG_OP = 'UPDATE' AND NEW.seq IS DISTINCT FROM OLD.seq THEN RETURN NEW; END IF;
  NEW.seq := sync_next_seq('store:' || NEW.store_id);
  RETURN NEW;
END $$;

CREATE TABLE regions (
  id text PRIMARY KEY,
  code text NOT NULL UNIQUE,
  name_en text NOT NULL,
  name_hi text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE stores (
  id text PRIMARY KEY,
  code text NOT NULL UNIQUE,
  region_id text NOT NULL REFERENCES regions (id),
  name_en text NOT NULL,
  name_hi text NOT NULL DEFAULT '',
  gstin text NOT NULL,
  state_code text NOT NULL,
  address text NOT NULL DEFAULT '',
  currency text NOT NULL DEFAULT 'INR',
  timezone text NOT NULL DEFAULT 'Asia/Kolkata',
  deleted boolean NOT NULL DEFAULT false,
  updated_at timestamptz NOT NULL DEFAULT now(),
  seq bigint
);
-- Pull of the stores collection (a terminal's own store) and region listings.
CREATE INDEX stores_region_idx ON stores (region_id);
CREATE TRIGGER stores_seq BEFORE INSERT OR UPDATE ON stores FOR EACH ROW EXECUTE FUNCTION ref_assign_seq();

CREATE TABLE tax_rates (
  id text PRIMARY KEY,
  tax_class_id text NOT NULL,
  rate_bp integer NOT NULL CHECK (rate_bp BETWEEN 0 AND 100000),
  cess_bp integer NOT NULL DEFAULT 0 CHECK (cess_bp BETWEEN 0 AND 100000),
  effective_from date NOT NULL,
  effective_to date,
  description text NOT NULL DEFAULT '',
  deleted boolean NOT NULL DEFAULT false,
  updated_at timestamptz NOT NULL DEFAULT now(),
  seq bigint
);
-- Pull of tax-rates in checkpoint order.
CREATE INDEX tax_rates_seq_idx ON tax_rates (seq);
CREATE TRIGGER tax_rates_seq BEFORE INSERT OR UPDATE ON tax_rates FOR EACH ROW EXECUTE FUNCTION ref_assign_seq();

CREATE TABLE products (
  id text PRIMARY KEY,
  sku text NOT NULL UNIQUE,
  name_en text NOT NULL,
  name_hi text NOT NULL DEFAULT '',
  barcodes text[] NOT NULL DEFAULT '{}',
  hsn text NOT NULL,
  tax_class_id text NOT NULL,
  category text NOT NULL,
  unit text NOT NULL CHECK (unit IN ('piece', 'g', 'ml')),
  price_basis_qty integer NOT NULL CHECK (price_basis_qty IN (1, 1000)),
  sold_loose boolean NOT NULL DEFAULT false,
  mrp_minor bigint NOT NULL CHECK (mrp_minor >= 0),
  reorder_level_base bigint NOT NULL DEFAULT 0,
  active boolean NOT NULL DEFAULT true,
  deleted boolean NOT NULL DEFAULT false,
  updated_at timestamptz NOT NULL DEFAULT now(),
  seq bigint
);
-- Pull of products in checkpoint order.
CREATE INDEX products_seq_idx ON products (seq);
-- Barcode lookup from the HQ API and CSV import duplicate checks.
CREATE INDEX products_barcodes_idx ON products USING gin (barcodes);
CREATE TRIGGER products_seq BEFORE INSERT OR UPDATE ON products FOR EACH ROW EXECUTE FUNCTION ref_assign_seq();

CREATE TABLE prices (
  id text PRIMARY KEY,
  product_id text NOT NULL REFERENCES products (id),
  level text NOT NULL CHECK (level IN ('hq', 'region', 'store')),
  region_id text REFERENCES regions (id),
  store_id text REFERENCES stores (id),
  currency text NOT NULL DEFAULT 'INR',
  price_minor bigint NOT NULL CHECK (price_minor >= 0),
  mrp_minor bigint NOT NULL CHECK (mrp_minor >= 0),
  effective_from date NOT NULL,
  deleted boolean NOT NULL DEFAULT false,
  updated_at timestamptz NOT NULL DEFAULT now(),
  seq bigint,
  CHECK (price_minor <= mrp_minor),
  CHECK ((level = 'hq' AND region_id IS NULL AND store_id IS NULL)
      OR (level = 'region' AND region_id IS NOT NULL AND store_id IS NULL)
      OR (level = 'store' AND store_id IS NOT NULL))
);
-- Pull of prices in checkpoint order, filtered to the device's region and store.
CREATE INDEX prices_seq_idx ON prices (seq);
-- Price resolution for one product.
CREATE INDEX prices_product_idx ON prices (product_id, level);
CREATE TRIGGER prices_seq BEFORE INSERT OR UPDATE ON prices FOR EACH ROW EXECUTE FUNCTION ref_assign_seq();

-- Sales: one document per bill or return, lines and payments inside. HASH on store_id: a device
-- pulls and pushes only its own store, so each sync query touches one partition.
CREATE TABLE sales (
  store_id text NOT NULL,
  id uuid NOT NULL,
  seq bigint NOT NULL,
  kind text NOT NULL CHECK (kind IN ('sale', 'return')),
  terminal_id text NOT NULL,
  cashier_id text,
  invoice_no text NOT NULL,
  original_sale_id uuid,
  business_date date NOT NULL,
  created_at timestamptz NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  total_minor bigint NOT NULL,
  currency text NOT NULL,
  doc jsonb NOT NULL,
  doc_hash text NOT NULL,
  PRIMARY KEY (store_id, id)
) PARTITION BY HASH (store_id);
-- Store-scoped pull in checkpoint order.
CREATE INDEX sales_pull_idx ON sales (store_id, seq);
-- Lookup of pushed ids across stores (a pushed id owned by another store is refused, never echoed).
CREATE INDEX sales_id_idx ON sales (id);
-- Find a bill by invoice number (returns, audits).
CREATE INDEX sales_invoice_idx ON sales (store_id, invoice_no);

-- Sale lines for reporting: RANGE by month of business date, so a date-range report reads only its
-- months; partitions are created ahead by the application (ensure_month_partitions).
CREATE TABLE sale_lines (
  store_id text NOT NULL,
  business_date date NOT NULL,
  sale_id uuid NOT NULL,
  line_no integer NOT NULL,
  kind text NOT NULL,
  product_id text NOT NULL,
  qty_base bigint NOT NULL,
  net_minor bigint NOT NULL,
  taxable_minor bigint NOT NULL,
  cgst_minor bigint NOT NULL,
  sgst_minor bigint NOT NULL,
  igst_minor bigint NOT NULL,
  cess_minor bigint NOT NULL,
  gst_rate_bp integer NOT NULL,
  hsn text NOT NULL,
  PRIMARY KEY (store_id, business_date, sale_id, line_no)
) PARTITION BY RANGE (business_date);
-- Store + date-range reports (sales by day/product for a store).
CREATE INDEX sale_lines_store_date_idx ON sale_lines (store_id, business_date);
CREATE TABLE sale_lines_default PARTITION OF sale_lines DEFAULT;

-- Stock movements: insert-only, HASH on store_id like sales.
CREATE TABLE stock_movements (
  store_id text NOT NULL,
  id text NOT NULL,
  seq bigint NOT NULL,
  product_id text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('sale', 'return', 'receipt', 'adjustment', 'count', 'transfer_out', 'transfer_in')),
  qty_delta_base bigint NOT NULL,
  created_at timestamptz NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  doc jsonb NOT NULL,
  doc_hash text NOT NULL,
  PRIMARY KEY (store_id, id)
) PARTITION BY HASH (store_id);
-- Store-scoped pull in checkpoint order.
CREATE INDEX stock_movements_pull_idx ON stock_movements (store_id, seq);
-- Movement history of a product in a store; projection rebuilds.
CREATE INDEX stock_movements_product_idx ON stock_movements (store_id, product_id, created_at);
-- Lookup of pushed ids across stores.
CREATE INDEX stock_movements_id_idx ON stock_movements (id);

-- Projection: stock on hand per (store, product) = sum of movements, updated in the same
-- transaction as the movements that change it. Pull-only on terminals.
CREATE TABLE stock_levels (
  store_id text NOT NULL,
  product_id text NOT NULL,
  qty_base bigint NOT NULL DEFAULT 0,
  seq bigint NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (store_id, product_id)
) PARTITION BY HASH (store_id);
-- Store-scoped pull in checkpoint order.
CREATE INDEX stock_levels_pull_idx ON stock_levels (store_id, seq);

-- Rows that broke a business rule: accepted here so the terminal's queue drains, reported, fixable.
CREATE TABLE quarantine (
  store_id text NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  collection text NOT NULL,
  document_id text NOT NULL,
  device_id text,
  code text NOT NULL,
  message text NOT NULL,
  doc jsonb NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  resolved_at timestamptz,
  PRIMARY KEY (store_id, id)
);
-- One quarantine entry per pushed document, so a retried poison row is recorded once.
CREATE UNIQUE INDEX quarantine_doc_idx ON quarantine (store_id, collection, document_id);

-- Domain events written in the same transaction as the change (transactional outbox); keyed by
-- document id so a retried push never emits an event twice.
CREATE TABLE outbox (
  store_id text NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  event_key text NOT NULL,
  topic text NOT NULL,
  payload jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz,
  PRIMARY KEY (store_id, id)
);
CREATE UNIQUE INDEX outbox_key_idx ON outbox (store_id, event_key);
-- Publisher scan of unpublished events.
CREATE INDEX outbox_unpublished_idx ON outbox (created_at) WHERE published_at IS NULL;

-- 16 hash partitions per store-sharded table: enough to keep each small, few enough to plan fast.
DO $$
BEGIN
  FOR i IN 0..15 LOOP
    EXECUTE format('CREATE TABLE sales_h%s PARTITION OF sales FOR VALUES WITH (MODULUS 16, REMAINDER %s)', i, i);
    EXECUTE format('CREATE TABLE stock_movements_h%s PARTITION OF stock_movements FOR VALUES WITH (MODULUS 16, REMAINDER %s)', i, i);
    EXECUTE format('CREATE TABLE stock_levels_h%s PARTITION OF stock_levels FOR VALUES WITH (MODULUS 16, REMAINDER %s)', i, i);
  END LOOP;
END $$;

-- Creates the monthly partition of sale_lines holding p_day, if missing. Rows that landed in the
-- default partition for that month (a terminal with a far-off clock) are moved into it, because
-- Postgres refuses to attach a partition whose rows still sit in the default one.
CREATE FUNCTION ensure_sale_lines_partition(p_day date) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  m date := date_trunc('month', p_day)::date;
  part text := 'sale_lines_' || to_char(m, 'YYYYMM');
BEGIN
  IF to_regclass(part) IS NOT NULL THEN RETURN part; END IF;
  CREATE TEMP TABLE IF NOT EXISTS sale_lines_moving (LIKE sale_lines) ON COMMIT DROP;
  WITH moved AS (
    DELETE FROM sale_lines_default WHERE business_date >= m AND business_date < (m + interval '1 month')::date RETURNING *
  ) INSERT INTO sale_lines_moving SELECT * FROM moved;
  EXECUTE format('CREATE TABLE %I PARTITION OF sale_lines FOR VALUES FROM (%L) TO (%L)', part, m, (m + interval '1 month')::date);
  INSERT INTO sale_lines SELECT * FROM sale_lines_moving;
  DELETE FROM sale_lines_moving;
  RETURN part;
END $$;

-- Creates monthly partitions from p_from's month to p_months_ahead months after p_today.
CREATE FUNCTION ensure_sale_lines_partitions(p_from date, p_today date, p_months_ahead integer) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  m date := date_trunc('month', p_from)::date;
  created integer := 0;
BEGIN
  WHILE m <= (date_trunc('month', p_today) + make_interval(months => p_months_ahead))::date LOOP
    IF to_regclass('sale_lines_' || to_char(m, 'YYYYMM')) IS NULL THEN
      PERFORM ensure_sale_lines_partition(m);
      created := created + 1;
    END IF;
    m := (m + interval '1 month')::date;
  END LOOP;
  RETURN created;
END $$;
