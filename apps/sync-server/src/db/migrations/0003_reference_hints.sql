-- Stream hints for reference data written by any statement (HQ tools, imports, seeds, psql):
-- after each statement that changes a replicated reference table, one NOTIFY on the live hub's
-- channel (src/live/live-hub.ts, LIVE_CHANNEL) names the collection and the ref scope's counter.
-- NOTIFY is transactional: terminals hear it only once the change committed. Store-scoped rows are
-- announced by the push path after its commit, so they need no trigger here.
CREATE FUNCTION ref_notify_hint() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('kiryana_sync_hints', json_build_object(
    'scope', 'ref',
    'collection', TG_ARGV[0],
    'seq', (SELECT last_seq::text FROM sync_scope WHERE scope = 'ref'))::text);
  RETURN NULL;
END $$;

CREATE TRIGGER products_hint AFTER INSERT OR UPDATE OR DELETE ON products
  FOR EACH STATEMENT EXECUTE FUNCTION ref_notify_hint('products');
CREATE TRIGGER prices_hint AFTER INSERT OR UPDATE OR DELETE ON prices
  FOR EACH STATEMENT EXECUTE FUNCTION ref_notify_hint('prices');
CREATE TRIGGER tax_rates_hint AFTER INSERT OR UPDATE OR DELETE ON tax_rates
  FOR EACH STATEMENT EXECUTE FUNCTION ref_notify_hint('tax-rates');
CREATE TRIGGER stores_hint AFTER INSERT OR UPDATE OR DELETE ON stores
  FOR EACH STATEMENT EXECUTE FUNCTION ref_notify_hint('stores');
