-- The audit log: append-only and hash-chained. Each entry carries the hash of the previous entry of
-- its chain, so editing, inserting or deleting a row breaks every later link (docs/security.md).
-- One chain per store (`store:<id>`) plus `global`: writers of different stores never wait on each
-- other, and within a chain the head row's lock orders entries by commit.
--
-- hash = sha256_hex(prev_hash || E'\n' || audit_canonical(entry)), where entry is the JSON object
-- {chain, seq, atMs, kind, actor, storeId, subject, data} and audit_canonical is canonical JSON:
-- object keys sorted by code point, no whitespace, strings escaped as JSON.stringify does, numbers
-- only as safe integers. The server's verifier recomputes it in TypeScript, independently.

CREATE TABLE audit_chains (
  chain text PRIMARY KEY,
  last_seq bigint NOT NULL DEFAULT 0,
  last_hash text NOT NULL DEFAULT repeat('0', 64)
);

CREATE TABLE audit_log (
  chain text NOT NULL,
  seq bigint NOT NULL,
  at_ms bigint NOT NULL,
  kind text NOT NULL,
  actor text NOT NULL,
  store_id text,
  subject text,
  data jsonb NOT NULL,
  prev_hash text NOT NULL,
  hash text NOT NULL,
  PRIMARY KEY (chain, seq)
);
-- Export of a period across chains, and the audit listing by time.
CREATE INDEX audit_log_at_idx ON audit_log (at_ms);
-- A store's audit entries (store-scoped auditors and managers).
CREATE INDEX audit_log_store_at_idx ON audit_log (store_id, at_ms) WHERE store_id IS NOT NULL;

CREATE FUNCTION audit_canonical(v jsonb) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  t text := jsonb_typeof(v);
  n numeric;
  result text;
BEGIN
  IF t = 'object' THEN
    SELECT '{' || coalesce(string_agg(to_jsonb(e.key)::text || ':' || audit_canonical(e.value), ',' ORDER BY e.key COLLATE "C"), '') || '}'
      INTO result FROM jsonb_each(v) AS e;
    RETURN result;
  ELSIF t = 'array' THEN
    SELECT '[' || coalesce(string_agg(audit_canonical(e.value), ',' ORDER BY e.ord), '') || ']'
      INTO result FROM jsonb_array_elements(v) WITH ORDINALITY AS e(value, ord);
    RETURN result;
  ELSIF t = 'number' THEN
    n := (v #>> '{}')::numeric;
    -- Fractions and integers beyond 2^53 would not survive a JSON.parse in the verifier.
    IF n <> trunc(n) OR abs(n) > 9007199254740991 THEN
      RAISE EXCEPTION 'audit data numbers must be safe integers, got %', n;
    END IF;
    RETURN trunc(n)::text;
  ELSE
    RETURN v::text;
  END IF;
END $$;

CREATE FUNCTION audit_entry_hash(p_prev text, p_chain text, p_seq bigint, p_at_ms bigint, p_kind text,
                                 p_actor text, p_store_id text, p_subject text, p_data jsonb)
RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT encode(sha256(convert_to(p_prev || E'\n' || audit_canonical(jsonb_build_object(
    'chain', p_chain, 'seq', p_seq, 'atMs', p_at_ms, 'kind', p_kind, 'actor', p_actor,
    'storeId', p_store_id, 'subject', p_subject, 'data', p_data)), 'UTF8')), 'hex');
$$;

-- Appends one entry to a chain and returns its seq. Every writer goes through here: the server's
-- services and the triggers below.
CREATE FUNCTION audit_append(p_chain text, p_kind text, p_actor text, p_store_id text, p_subject text,
                             p_data jsonb, p_at_ms bigint DEFAULT NULL)
RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  v_seq bigint;
  v_prev text;
  v_hash text;
  v_at bigint := coalesce(p_at_ms, floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint);
  v_data jsonb := coalesce(p_data, '{}'::jsonb);
BEGIN
  INSERT INTO audit_chains (chain) VALUES (p_chain) ON CONFLICT (chain) DO NOTHING;
  SELECT last_seq + 1, last_hash INTO v_seq, v_prev FROM audit_chains WHERE chain = p_chain FOR UPDATE;
  v_hash := audit_entry_hash(v_prev, p_chain, v_seq, v_at, p_kind, p_actor, p_store_id, p_subject, v_data);
  INSERT INTO audit_log (chain, seq, at_ms, kind, actor, store_id, subject, data, prev_hash, hash)
  VALUES (p_chain, v_seq, v_at, p_kind, p_actor, p_store_id, p_subject, v_data, v_prev, v_hash);
  UPDATE audit_chains SET last_seq = v_seq, last_hash = v_hash WHERE chain = p_chain;
  RETURN v_seq;
END $$;

-- Who a trigger-written entry is attributed to: the services set `kiryana.actor` in their
-- transaction (set_config(..., true)); anything else (psql, seeds) is 'system'.
CREATE FUNCTION audit_current_actor() RETURNS text LANGUAGE sql STABLE AS $$
  SELECT coalesce(nullif(current_setting('kiryana.actor', true), ''), 'system');
$$;

-- Append-only for the application. A superuser can still disable this; verify then names the entry.
CREATE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the audit log is append-only';
END $$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();

-- Pushed rows refused into quarantine (written by the push service).
CREATE FUNCTION audit_quarantine() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM audit_append('store:' || NEW.store_id, 'sync.quarantined', 'device:' || coalesce(NEW.device_id, '?'),
    NEW.store_id, NEW.collection || '/' || NEW.document_id,
    jsonb_build_object('collection', NEW.collection, 'documentId', NEW.document_id, 'code', NEW.code, 'message', NEW.message));
  RETURN NULL;
END $$;
CREATE TRIGGER quarantine_audit AFTER INSERT ON quarantine FOR EACH ROW EXECUTE FUNCTION audit_quarantine();

-- Enrolment codes, enrolments and revocations of terminals.
CREATE FUNCTION audit_devices() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'enrolment_codes' THEN
    PERFORM audit_append('store:' || NEW.store_id, 'device.enrolment_code_created', audit_current_actor(),
      NEW.store_id, NULL, jsonb_build_object('expiresAt', to_char(NEW.expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')));
  ELSIF TG_OP = 'INSERT' THEN
    PERFORM audit_append('store:' || NEW.store_id, 'device.enrolled', 'device:' || NEW.id, NEW.store_id, NEW.id,
      jsonb_build_object('terminalCode', NEW.terminal_code, 'name', NEW.name));
  ELSIF OLD.status = 'active' AND NEW.status = 'revoked' THEN
    PERFORM audit_append('store:' || NEW.store_id, 'device.revoked', audit_current_actor(), NEW.store_id, NEW.id,
      jsonb_build_object('terminalCode', NEW.terminal_code));
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER enrolment_codes_audit AFTER INSERT ON enrolment_codes FOR EACH ROW EXECUTE FUNCTION audit_devices();
CREATE TRIGGER devices_audit_insert AFTER INSERT ON devices FOR EACH ROW EXECUTE FUNCTION audit_devices();
CREATE TRIGGER devices_audit_revoke AFTER UPDATE OF status ON devices FOR EACH ROW EXECUTE FUNCTION audit_devices();

-- Reference data changes, one entry per statement (a seed of 2,000 products is one entry, not
-- 2,000): table, operation, row count, the first ids, and for prices the store-level overrides.
CREATE FUNCTION audit_reference() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_count bigint;
  v_ids jsonb;
  v_overrides bigint;
BEGIN
  SELECT count(*), coalesce(jsonb_agg(c.id ORDER BY c.id) FILTER (WHERE c.rn <= 50), '[]'::jsonb),
         count(*) FILTER (WHERE c.level = 'store')
    INTO v_count, v_ids, v_overrides
    FROM (SELECT to_jsonb(r)->>'id' AS id, to_jsonb(r)->>'level' AS level,
                 row_number() OVER (ORDER BY to_jsonb(r)->>'id') AS rn FROM changed r) c;
  IF v_count = 0 THEN RETURN NULL; END IF;
  PERFORM audit_append('global',
    CASE WHEN TG_TABLE_NAME = 'prices' AND v_overrides > 0 THEN 'price.override' ELSE 'reference.changed' END,
    audit_current_actor(), NULL, TG_TABLE_NAME,
    jsonb_build_object('table', TG_TABLE_NAME, 'op', lower(TG_OP), 'rows', v_count, 'ids', v_ids, 'storeOverrides', v_overrides));
  RETURN NULL;
END $$;

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['regions', 'stores', 'products', 'prices', 'tax_rates'] LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION audit_reference()', t || '_audit_insert', t);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION audit_reference()', t || '_audit_update', t);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION audit_reference()', t || '_audit_delete', t);
  END LOOP;
END $$;
