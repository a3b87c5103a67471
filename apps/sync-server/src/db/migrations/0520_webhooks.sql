-- Webhooks for HQ integrations (features/webhooks, docs/webhooks.md).
--
-- A subscription belongs to the actor that made it (`owner_id`, the access token's subject) and
-- keeps the scope of that actor's `webhooks:manage` grants as they were when it was made or last
-- changed: tokens may come from an external issuer, so the grants are not in this database, and
-- the fan-out must decide per event without a token. Events outside that scope are never
-- delivered, whatever `store_ids` says.
CREATE TABLE webhook_subscriptions (
  id uuid PRIMARY KEY,
  owner_id text NOT NULL,
  url text NOT NULL,
  event_types text[] NOT NULL,
  -- NULL: every store in scope, including stores added to it later.
  store_ids text[],
  scope_all boolean NOT NULL,
  scope_store_ids text[] NOT NULL,
  scope_region_ids text[] NOT NULL,
  description text NOT NULL DEFAULT '',
  status text NOT NULL CHECK (status IN ('active', 'paused', 'disabled')),
  -- Standard Webhooks secrets (`whsec_` + base64). The previous one signs too until it expires.
  secret text NOT NULL,
  previous_secret text,
  previous_secret_expires_at timestamptz,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX webhook_subscriptions_owner_idx ON webhook_subscriptions (owner_id, created_at);

-- One row per event and subscription (the fan-out is idempotent on the pair). `payload` is the
-- exact JSON body every attempt sends, so a retry signs and sends the same bytes.
-- status: pending (first or replayed attempt due), failed (a retry due), delivered, dead.
-- A claimed delivery holds a lease (`lease_token`, `lease_until`): any number of dispatchers
-- claim with FOR UPDATE SKIP LOCKED, and a dispatcher that died loses its claims when they expire.
CREATE TABLE webhook_deliveries (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  subscription_id uuid NOT NULL REFERENCES webhook_subscriptions (id) ON DELETE CASCADE,
  event_id uuid NOT NULL,
  event_type text NOT NULL,
  store_id text NOT NULL,
  store_seq bigint NOT NULL,
  payload text NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'delivered', 'failed', 'dead')),
  attempts integer NOT NULL DEFAULT 0,
  first_attempt_at timestamptz,
  next_attempt_at timestamptz,
  lease_token uuid,
  lease_until timestamptz,
  last_status_code integer,
  last_error text,
  created_at timestamptz NOT NULL,
  delivered_at timestamptz,
  UNIQUE (subscription_id, event_id)
);
-- The dispatcher's scan: due work of a subscription.
CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (subscription_id, next_attempt_at)
  WHERE status IN ('pending', 'failed');
-- Per-store order: is an earlier delivery of the same subscription and store still open?
CREATE INDEX webhook_deliveries_open_idx ON webhook_deliveries (subscription_id, store_id, store_seq)
  WHERE status IN ('pending', 'failed');
-- The delivery log, newest first; bulk replay by creation time.
CREATE INDEX webhook_deliveries_log_idx ON webhook_deliveries (subscription_id, id DESC);

-- Every attempt: when, how long, and what came back.
CREATE TABLE webhook_attempts (
  delivery_id bigint NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
  attempt integer NOT NULL,
  started_at timestamptz NOT NULL,
  duration_ms integer NOT NULL,
  status_code integer,
  error text,
  PRIMARY KEY (delivery_id, attempt)
);
