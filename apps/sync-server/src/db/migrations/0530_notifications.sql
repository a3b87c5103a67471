-- Notifications of the admin web (features/notifications): today one per `stock.low` event, a
-- product of a store crossing its reorder level downwards. Written by the stock alerts consumer of
-- the event bus, which may see an event more than once (at-least-once delivery): the event id is the
-- key, so a redelivered event inserts nothing. Read state belongs to the store (whoever of its
-- managers reads it marks it for all), which is what a shop's "has anyone seen this" needs.
CREATE TABLE notifications (
  store_id text NOT NULL,
  -- The id of the event that raised it (a name-based UUID, docs/events.md).
  id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('stock.low')),
  product_id text NOT NULL,
  -- The level after the crossing and the reorder level then, integer base units.
  qty_base bigint NOT NULL,
  reorder_level_base bigint NOT NULL,
  occurred_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  read_at timestamptz,
  read_by text,
  PRIMARY KEY (store_id, id)
);
-- The list of the stores in reach, newest first (notifications.queries.ts, listNotifications).
CREATE INDEX notifications_recent_idx ON notifications (store_id, occurred_at DESC, id);
-- The unread count and mark-all-read: only unread rows, which stay few.
CREATE INDEX notifications_unread_idx ON notifications (store_id) WHERE read_at IS NULL;
