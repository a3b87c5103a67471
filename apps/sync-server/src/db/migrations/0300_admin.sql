-- The admin web's reads and the fleet health reports of terminals.

-- Live dashboard: today's sales of the stores in a manager's scope (one business date per store).
CREATE INDEX sales_store_date_idx ON sales (store_id, business_date);

-- What each terminal last reported about itself (POST /v1/fleet/report): its clock, and how many
-- documents it holds that the server has not acknowledged. One row per device, overwritten; the
-- server's clock at receipt is the reference for skew.
CREATE TABLE device_health (
  device_id text PRIMARY KEY REFERENCES devices (id),
  store_id text NOT NULL,
  reported_at timestamptz NOT NULL,
  clock_skew_ms bigint NOT NULL,
  unsynced_documents integer NOT NULL CHECK (unsynced_documents >= 0),
  app_version text NOT NULL DEFAULT ''
);
-- Fleet health of the stores in a manager's scope.
CREATE INDEX device_health_store_idx ON device_health (store_id);

-- Catalogue search in the admin web: name and SKU prefixes, case-insensitive.
CREATE INDEX products_name_idx ON products (lower(name_en) text_pattern_ops);
