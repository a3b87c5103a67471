-- Tax rates as HQ data (docs/gst.md, "Tax rates as HQ data"): the tax classes with the HSN
-- prefixes they cover, the specific cess of tax-rate v2, the months whose GSTR-1 is filed, and the
-- rate changes HQ applied (so a retried change applies once).

-- A class exists once any rate row names it. Classes met so far are taken from the rate rows and
-- the products (a product may point at a class whose rows were withdrawn); the description is the
-- first rate row's, else the id. Empty `hsn_prefixes` means any HSN.
CREATE TABLE tax_classes (
  id text PRIMARY KEY,
  description text NOT NULL DEFAULT '',
  hsn_prefixes text[] NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

INSERT INTO tax_classes (id, description)
SELECT c.id, coalesce(
         (SELECT regexp_replace(r.description, '\s*→.*$', '') FROM tax_rates r
           WHERE r.tax_class_id = c.id ORDER BY r.effective_from LIMIT 1), c.id)
  FROM (SELECT tax_class_id AS id FROM tax_rates UNION SELECT tax_class_id FROM products) c
ON CONFLICT (id) DO NOTHING;

-- Whoever writes rate rows (seed, tests, psql, a migration like 0430) brings their class into
-- being, so the admin API and the HSN check always find one.
CREATE FUNCTION tax_rates_ensure_class() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO tax_classes (id, description)
  SELECT DISTINCT ON (n.tax_class_id) n.tax_class_id, n.description
    FROM new_rows n ORDER BY n.tax_class_id, n.effective_from
  ON CONFLICT (id) DO NOTHING;
  RETURN NULL;
END $$;
CREATE TRIGGER tax_rates_ensure_class AFTER INSERT ON tax_rates REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION tax_rates_ensure_class();

-- Tax-rate v2: a specific cess in paise per `cess_specific_per_qty` base units (₹X per 1,000
-- sticks). Adding columns with constant defaults rewrites nothing and fires no trigger, so the
-- rows keep their seq: terminals pull them again only when they change.
ALTER TABLE tax_rates
  ADD COLUMN cess_specific_minor bigint NOT NULL DEFAULT 0 CHECK (cess_specific_minor >= 0),
  ADD COLUMN cess_specific_per_qty integer NOT NULL DEFAULT 1 CHECK (cess_specific_per_qty >= 1);

-- A month's GSTR-1 marked filed for a GSTIN; once filed, it is filed (no update, no delete).
CREATE TABLE gst_filings (
  gstin text NOT NULL CHECK (gstin ~ '^[0-9A-Z]{15}$'),
  period text NOT NULL CHECK (period ~ '^\d{4}-(0[1-9]|1[0-2])$'),
  filed_at timestamptz NOT NULL DEFAULT now(),
  filed_by text NOT NULL,
  arn text,
  PRIMARY KEY (gstin, period)
);
-- "Is any GSTIN's return filed for a month from this one on" (the rate-change check).
CREATE INDEX gst_filings_period_idx ON gst_filings (period);

-- The rate changes applied through the admin API, by the client's fact id: a retried POST finds
-- its change here and applies nothing.
CREATE TABLE tax_rate_changes (
  fact_id text PRIMARY KEY,
  tax_class_id text NOT NULL REFERENCES tax_classes (id),
  rate_id text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
);

-- Audit: tax_rates statements are audited by 0201's audit_reference; the classes and filings get
-- the same per-statement entry (table, operation, rows, ids). tax_classes has an `id`;
-- gst_filings is keyed by gstin and period, which the entry names as `<gstin>/<period>`.
CREATE TRIGGER tax_classes_audit_insert AFTER INSERT ON tax_classes REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION audit_reference();
CREATE TRIGGER tax_classes_audit_update AFTER UPDATE ON tax_classes REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION audit_reference();
CREATE TRIGGER tax_classes_audit_delete AFTER DELETE ON tax_classes REFERENCING OLD TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION audit_reference();

CREATE FUNCTION audit_gst_filing() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM audit_append('global', 'gst.filed', audit_current_actor(), NULL, NEW.gstin || '/' || NEW.period,
    jsonb_build_object('gstin', NEW.gstin, 'period', NEW.period, 'arn', NEW.arn, 'filedBy', NEW.filed_by));
  RETURN NULL;
END $$;
CREATE TRIGGER gst_filings_audit AFTER INSERT ON gst_filings FOR EACH ROW EXECUTE FUNCTION audit_gst_filing();
CREATE FUNCTION gst_filings_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'a filed GSTR-1 period is not changed or removed';
END $$;
CREATE TRIGGER gst_filings_append_only BEFORE UPDATE OR DELETE ON gst_filings
  FOR EACH ROW EXECUTE FUNCTION gst_filings_refuse_change();

-- tax-rate.changed on the chain stream (docs/events.md): for each inserted rate row and each row
-- whose rate, cess or start changed (closing a row, i.e. setting its effective_to, is part of the
-- change the new row tells of, and raises nothing on its own). `previous` is the row of the class
-- in force the day before the new one starts, if any.
CREATE FUNCTION outbox_tax_rate_event(n tax_rates) RETURNS jsonb LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object(
    'stream', '_chain', 'event_key', 'tax-rate:' || n.id || ':' || n.seq, 'ord', n.seq,
    'occurred_at', n.updated_at,
    'payload', jsonb_build_object('taxRateId', n.id, 'taxClassId', n.tax_class_id,
      'rateBp', n.rate_bp, 'cessBp', n.cess_bp, 'cessSpecificMinor', n.cess_specific_minor,
      'cessSpecificPerQty', n.cess_specific_per_qty,
      'effectiveFrom', to_char(n.effective_from, 'YYYY-MM-DD'),
      'effectiveTo', to_char(n.effective_to, 'YYYY-MM-DD'), 'deleted', n.deleted,
      'previous', (SELECT jsonb_build_object('taxRateId', p.id, 'rateBp', p.rate_bp, 'cessBp', p.cess_bp,
                     'cessSpecificMinor', p.cess_specific_minor, 'cessSpecificPerQty', p.cess_specific_per_qty,
                     'effectiveFrom', to_char(p.effective_from, 'YYYY-MM-DD'))
                     FROM tax_rates p
                    WHERE p.tax_class_id = n.tax_class_id AND p.id <> n.id AND NOT p.deleted
                      AND p.effective_from < n.effective_from
                    ORDER BY p.effective_from DESC LIMIT 1)))
$$;
CREATE FUNCTION outbox_tax_rate_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE events jsonb;
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT jsonb_agg(outbox_tax_rate_event(n)) INTO events FROM new_rows n;
  ELSE
    SELECT jsonb_agg(outbox_tax_rate_event(n)) INTO events
      FROM new_rows n JOIN old_rows o ON o.id = n.id
     WHERE (o.rate_bp, o.cess_bp, o.cess_specific_minor, o.cess_specific_per_qty, o.effective_from, o.deleted)
           IS DISTINCT FROM
           (n.rate_bp, n.cess_bp, n.cess_specific_minor, n.cess_specific_per_qty, n.effective_from, n.deleted);
  END IF;
  IF events IS NOT NULL THEN PERFORM outbox_append('tax-rate.changed', events); END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER tax_rates_outbox_insert AFTER INSERT ON tax_rates REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION outbox_tax_rate_changed();
CREATE TRIGGER tax_rates_outbox_update AFTER UPDATE ON tax_rates
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION outbox_tax_rate_changed();
