-- A revoked device's open event streams end at once on every server process (docs/security.md,
-- "Revoking a device"). Whoever revokes it (the operator API, the admin web, the CLI, psql), the
-- status change announces itself on the live hub's channel (src/live/live-hub.ts, LIVE_CHANNEL);
-- each process closes the device's streams when it hears it. NOTIFY is transactional: nothing is
-- announced for a revocation that rolls back. Requests need no message: the device verifier reads
-- the device's status on every request.
CREATE FUNCTION device_revoked_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('kiryana_sync_hints', json_build_object(
    'scope', 'store:' || NEW.store_id,
    'revokedDeviceId', NEW.id)::text);
  RETURN NULL;
END $$;

CREATE TRIGGER devices_revoked_hint AFTER UPDATE OF status ON devices
  FOR EACH ROW WHEN (NEW.status = 'revoked' AND OLD.status IS DISTINCT FROM 'revoked')
  EXECUTE FUNCTION device_revoked_notify();
