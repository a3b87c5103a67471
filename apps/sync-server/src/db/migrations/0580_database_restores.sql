-- Restores of this database to an earlier point (docs/operations.md, "Restore to a time"). The
-- restore (`pnpm cli restore --to`) leaves a restore id in the restored cluster's configuration
-- (`kiryana.restore_id`, for embedded PGlite it opens the copy itself); the first server that
-- starts on it records the id here and, in the same transaction, starts a new epoch of every sync
-- scope, so terminals re-pull and reconcile what the restore lost. The primary key makes that
-- happen once however many servers start at the same time.
CREATE TABLE database_restores (
  restore_id text PRIMARY KEY,
  -- The point restored to, as the operator asked for it.
  target_at timestamptz,
  -- How: 'pgbackrest' (point-in-time) or 'pglite-dump' (the newest dump at or before the target).
  method text NOT NULL CHECK (method IN ('pgbackrest', 'pglite-dump')),
  scopes_reset integer NOT NULL,
  opened_at timestamptz NOT NULL DEFAULT now()
);
