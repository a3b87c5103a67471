-- What a terminal reports about itself beyond its queue length (issue 14): when its oldest unsynced
-- fact was made, its last failed sync request and the outcome of its last reconciliation with the
-- server's sync health. Null when a terminal of an older version does not send them.
ALTER TABLE device_health
  ADD COLUMN oldest_unsynced_at timestamptz,
  ADD COLUMN last_error jsonb,
  ADD COLUMN last_reconciliation jsonb;
