-- Store terminals and their enrolment. A store manager creates a one-time code (only its hash is
-- kept); a terminal exchanges it once for a long-lived device credential (only the secret's hash is
-- kept) bound to one store and a terminal code; every sync request carries a short-lived access
-- token derived from that credential. Devices are few and small: under Citus this is a reference
-- table, so its key need not include store_id.

CREATE TABLE devices (
  id text PRIMARY KEY,
  store_id text NOT NULL REFERENCES stores (id),
  -- 'T1', 'T2' … per store; with the store code it forms the terminal's invoice series (Rule 46(b)).
  terminal_code text NOT NULL,
  name text NOT NULL,
  secret_hash text NOT NULL,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'revoked')),
  enrolled_at timestamptz NOT NULL,
  revoked_at timestamptz,
  last_seen_at timestamptz,
  CHECK ((status = 'revoked') = (revoked_at IS NOT NULL)),
  UNIQUE (store_id, terminal_code)
);
-- `pnpm cli devices <store>` and the next terminal code of a store come from the UNIQUE index above.

CREATE TABLE enrolment_codes (
  code_hash text PRIMARY KEY,
  store_id text NOT NULL REFERENCES stores (id),
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  device_id text REFERENCES devices (id),
  CHECK (expires_at > created_at)
);
