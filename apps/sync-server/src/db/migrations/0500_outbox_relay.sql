-- The outbox relay (features/events, docs/events.md): a per-store, commit-ordered sequence number
-- on every outbox row, and the relay's position per store.
--
-- `outbox.id` is an identity column: a transaction that took id 7 may commit after one that took
-- id 8, so a reader that saw 8 and moved on would skip 7 forever. `seq` is numbered like the pull
-- checkpoints (docs/sync.md): from a per-store counter row whose lock the writer holds until it
-- commits, so the next writer of the store gets its numbers only after the previous one committed.
-- Numbers therefore become visible in commit order, and a relay that read every row up to seq N
-- has read every row that will ever hold a number up to N. A rolled-back writer rolls its counter
-- update back too; a number lost to an `ON CONFLICT DO NOTHING` leaves a harmless gap.
--
-- The counter is its own table rather than the store's sync scope row: outbox numbers then never
-- move the pull checkpoints, and lock order is simple: a writer that takes both takes the sync
-- scope row first (the push does), the outbox counter second (inside the outbox write).
CREATE TABLE outbox_counter (
  store_id text PRIMARY KEY,
  last_seq bigint NOT NULL DEFAULT 0
);

ALTER TABLE outbox ADD COLUMN seq bigint;
-- When the fact happened (a sale's time at the counter); `created_at` is when the row was written.
ALTER TABLE outbox ADD COLUMN occurred_at timestamptz;
-- Version of the payload's shape for the row's topic (packages/shared/src/events).
ALTER TABLE outbox ADD COLUMN version integer NOT NULL DEFAULT 1;

-- Rows written before this migration are all committed: their identity order is a valid order.
UPDATE outbox o SET seq = n.seq, occurred_at = o.created_at
  FROM (SELECT store_id, id, row_number() OVER (PARTITION BY store_id ORDER BY id) AS seq FROM outbox) n
 WHERE n.store_id = o.store_id AND n.id = o.id;
INSERT INTO outbox_counter (store_id, last_seq) SELECT store_id, max(seq) FROM outbox GROUP BY store_id;

ALTER TABLE outbox ALTER COLUMN seq SET NOT NULL;
ALTER TABLE outbox ALTER COLUMN occurred_at SET DEFAULT now();
ALTER TABLE outbox ALTER COLUMN occurred_at SET NOT NULL;
-- Relay scan: a store's rows after its position, in seq order (outbox-read.queries.ts).
CREATE UNIQUE INDEX outbox_seq_idx ON outbox (store_id, seq);
-- The relay keeps a position per store instead of marking each row: one write per store and batch.
DROP INDEX outbox_unpublished_idx;
ALTER TABLE outbox DROP COLUMN published_at;

-- Numbers for rows whose writer did not take a block itself (single-row writers, back-office SQL).
-- Bulk writers take one block per statement (db/outbox-write.ts): many per-row
-- updates of one counter row in one transaction build a long version chain.
CREATE FUNCTION outbox_assign_seq() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.seq IS NOT NULL THEN RETURN NEW; END IF;
  INSERT INTO outbox_counter AS c (store_id, last_seq) VALUES (NEW.store_id, 1)
  ON CONFLICT (store_id) DO UPDATE SET last_seq = c.last_seq + 1
  RETURNING c.last_seq INTO NEW.seq;
  RETURN NEW;
END $$;
CREATE TRIGGER outbox_seq BEFORE INSERT ON outbox FOR EACH ROW EXECUTE FUNCTION outbox_assign_seq();

-- How far the relay has published each store: every row of the store with seq <= seq is on the bus.
CREATE TABLE outbox_relay_position (
  store_id text PRIMARY KEY,
  seq bigint NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
