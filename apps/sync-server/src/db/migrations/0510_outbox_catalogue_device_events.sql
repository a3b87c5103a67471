-- The remaining outbox writers (docs/events.md): `product.changed`, `price.changed`,
-- `device.enrolled`, `device.revoked`, and the chain-wide stream they need.
--
-- They are triggers, like the audit and hint triggers on the same tables: whoever writes a product,
-- price or device (the admin API, the CSV import, the seed, the CLI, psql), the event is written in
-- the same transaction, and a rollback takes it back.
--
-- Chain-wide stream. A product, the HQ price list and a region's price list concern no single
-- store. Their events are numbered on a stream of their own under the reserved outbox key `_chain`
-- (its own `outbox_counter` row and relay position), so the relay's per-store ordering machinery
-- serves it unchanged. Store ids and region ids may not start with `_`, so the key can never be a
-- store's. A region's price list is on the chain stream too (one sequence for all price lists
-- above the store), with the region in `outbox.region_id`.
ALTER TABLE stores ADD CONSTRAINT stores_id_not_reserved CHECK (id NOT LIKE '\_%');
ALTER TABLE regions ADD CONSTRAINT regions_id_not_reserved CHECK (id NOT LIKE '\_%');

-- The region of a row on the chain stream that concerns one region (a region's price list); null
-- for a store's rows (the relay takes the store's region) and for chain-wide ones.
ALTER TABLE outbox ADD COLUMN region_id text;

-- Writes one statement's events of `p_topic`: one block of numbers per stream (one counter update
-- per stream and statement, never one per row; docs/sync.md on version chains), numbered in
-- `ord`, then key order. `p_events` is a JSON array of
-- {stream, region_id, event_key, ord, payload, occurred_at}. A key the stream already holds is
-- skipped, leaving a gap the relay steps over (as db/outbox-write.ts does).
CREATE FUNCTION outbox_append(p_topic text, p_events jsonb) RETURNS void LANGUAGE sql AS $$
  WITH src AS (
    SELECT e.stream, e.region_id, e.event_key, e.ord, e.payload, e.occurred_at
      FROM jsonb_to_recordset(p_events)
        AS e(stream text, region_id text, event_key text, ord bigint, payload jsonb, occurred_at timestamptz)
  ), counts AS (
    SELECT stream, count(*) AS n FROM src GROUP BY stream
  ), block AS (
    INSERT INTO outbox_counter AS c (store_id, last_seq)
    SELECT stream, n FROM counts
    ON CONFLICT (store_id) DO UPDATE SET last_seq = c.last_seq + EXCLUDED.last_seq
    RETURNING c.store_id, c.last_seq
  )
  INSERT INTO outbox (store_id, seq, event_key, topic, payload, occurred_at, region_id)
  SELECT s.stream, b.last_seq - k.n + row_number() OVER (PARTITION BY s.stream ORDER BY s.ord, s.event_key),
         s.event_key, p_topic, s.payload, s.occurred_at, s.region_id
    FROM src s JOIN block b ON b.store_id = s.stream JOIN counts k ON k.stream = s.stream
  ON CONFLICT (store_id, event_key) DO NOTHING
$$;

-- product.changed on the chain stream, for each inserted row and each updated row whose content
-- changed (a re-import of an unchanged catalogue bumps every row's seq but tells nobody anything).
-- The key carries the row's ref seq, which every write renews: one event per change.
CREATE FUNCTION outbox_product_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE events jsonb;
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT jsonb_agg(jsonb_build_object('stream', '_chain', 'event_key', 'product:' || n.id || ':' || n.seq,
             'ord', n.seq, 'occurred_at', n.updated_at, 'payload', jsonb_build_object(
               'productId', n.id, 'sku', n.sku, 'active', n.active, 'deleted', n.deleted,
               'mrpMinor', n.mrp_minor, 'reorderLevelBase', n.reorder_level_base)))
      INTO events FROM new_rows n;
  ELSE
    SELECT jsonb_agg(jsonb_build_object('stream', '_chain', 'event_key', 'product:' || n.id || ':' || n.seq,
             'ord', n.seq, 'occurred_at', n.updated_at, 'payload', jsonb_build_object(
               'productId', n.id, 'sku', n.sku, 'active', n.active, 'deleted', n.deleted,
               'mrpMinor', n.mrp_minor, 'reorderLevelBase', n.reorder_level_base)))
      INTO events FROM new_rows n JOIN old_rows o ON o.id = n.id
     WHERE to_jsonb(o) - 'seq' - 'updated_at' IS DISTINCT FROM to_jsonb(n) - 'seq' - 'updated_at';
  END IF;
  IF events IS NOT NULL THEN PERFORM outbox_append('product.changed', events); END IF;
  RETURN NULL;
END $$;
-- Transition tables allow one event per trigger, hence a trigger per event (as the audit does).
CREATE TRIGGER products_outbox_insert AFTER INSERT ON products REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION outbox_product_changed();
CREATE TRIGGER products_outbox_update AFTER UPDATE ON products
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION outbox_product_changed();

-- price.changed: a store's override on the store's stream, the HQ and region lists on the chain
-- stream (a region's with its region). Withdrawn prices are `deleted` rows (an update).
CREATE FUNCTION outbox_price_event(n prices) RETURNS jsonb LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object(
    'stream', CASE WHEN n.level = 'store' THEN n.store_id ELSE '_chain' END,
    'region_id', CASE WHEN n.level = 'region' THEN n.region_id END,
    'event_key', 'price:' || n.id || ':' || n.seq, 'ord', n.seq, 'occurred_at', n.updated_at,
    'payload', jsonb_build_object('priceId', n.id, 'productId', n.product_id, 'level', n.level,
      'priceMinor', n.price_minor, 'mrpMinor', n.mrp_minor, 'currency', n.currency,
      'effectiveFrom', to_char(n.effective_from, 'YYYY-MM-DD'), 'deleted', n.deleted))
$$;
CREATE FUNCTION outbox_price_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE events jsonb;
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT jsonb_agg(outbox_price_event(n)) INTO events FROM new_rows n;
  ELSE
    SELECT jsonb_agg(outbox_price_event(n)) INTO events
      FROM new_rows n JOIN old_rows o ON o.id = n.id
     WHERE to_jsonb(o) - 'seq' - 'updated_at' IS DISTINCT FROM to_jsonb(n) - 'seq' - 'updated_at';
  END IF;
  IF events IS NOT NULL THEN PERFORM outbox_append('price.changed', events); END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER prices_outbox_insert AFTER INSERT ON prices REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION outbox_price_changed();
CREATE TRIGGER prices_outbox_update AFTER UPDATE ON prices
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION outbox_price_changed();

-- device.enrolled / device.revoked on the device's store stream. Devices are written one at a
-- time, so a row trigger and the outbox_seq trigger's single number are enough.
CREATE FUNCTION outbox_device_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO outbox (store_id, event_key, topic, payload, occurred_at)
    VALUES (NEW.store_id, 'device.enrolled:' || NEW.id, 'device.enrolled',
            jsonb_build_object('deviceId', NEW.id, 'terminalCode', NEW.terminal_code, 'name', NEW.name),
            NEW.enrolled_at)
    ON CONFLICT (store_id, event_key) DO NOTHING;
  ELSE
    INSERT INTO outbox (store_id, event_key, topic, payload, occurred_at)
    VALUES (NEW.store_id, 'device.revoked:' || NEW.id, 'device.revoked',
            jsonb_build_object('deviceId', NEW.id), NEW.revoked_at)
    ON CONFLICT (store_id, event_key) DO NOTHING;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER devices_outbox_enrolled AFTER INSERT ON devices
  FOR EACH ROW EXECUTE FUNCTION outbox_device_event();
CREATE TRIGGER devices_outbox_revoked AFTER UPDATE OF status ON devices
  FOR EACH ROW WHEN (NEW.status = 'revoked' AND OLD.status IS DISTINCT FROM 'revoked')
  EXECUTE FUNCTION outbox_device_event();

-- Wake-up: every statement that added outbox rows tells the relay at commit (NOTIFY is
-- transactional and folds repeats within a transaction into one), so a leader idling between
-- polls publishes at once (features/events/outbox-relay.ts). A statement that added nothing (a
-- retried push) stays silent.
CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM added) THEN PERFORM pg_notify('kiryana_outbox', ''); END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER outbox_wake AFTER INSERT ON outbox REFERENCING NEW TABLE AS added
  FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify();
