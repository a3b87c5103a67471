-- Commit-ordered sequence numbers for every row a terminal pulls from a store scope, also when a
-- back-office statement writes it: a row inserted or updated without an explicit seq takes one
-- from its store's counter (under the counter's row lock), so no writer can bypass the checkpoint
-- scheme (docs/sync.md). The push path sets seq itself and pays only the early return.
CREATE TRIGGER sales_seq BEFORE INSERT OR UPDATE ON sales
  FOR EACH ROW EXECUTE FUNCTION store_assign_seq();
CREATE TRIGGER stock_movements_seq BEFORE INSERT OR UPDATE ON stock_movements
  FOR EACH ROW EXECUTE FUNCTION store_assign_seq();
CREATE TRIGGER stock_levels_seq BEFORE INSERT OR UPDATE ON stock_levels
  FOR EACH ROW EXECUTE FUNCTION store_assign_seq();

-- Every store has its scope row from the start, so a pull of a store that never wrote anything
-- still answers a checkpoint with the scope's epoch.
CREATE FUNCTION stores_create_scope() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO sync_scope (scope) VALUES ('store:' || NEW.id) ON CONFLICT (scope) DO NOTHING;
  RETURN NEW;
END $$;
CREATE TRIGGER stores_scope AFTER INSERT ON stores
  FOR EACH ROW EXECUTE FUNCTION stores_create_scope();

-- Starts a new epoch of a scope after a restore or a purge: every client's checkpoint of the old
-- epoch is answered from seq 0 again, so clients re-pull the whole scope and converge.
CREATE FUNCTION sync_reset_epoch(p_scope text) RETURNS text LANGUAGE sql AS $$
  INSERT INTO sync_scope (scope) VALUES (p_scope)
  ON CONFLICT (scope) DO UPDATE SET epoch = md5(random()::text || clock_timestamp()::text)
  RETURNING epoch;
$$;
