-- Cashier PINs. The server keeps a PBKDF2-SHA256 verifier of each person's PIN (the same KDF the
-- terminal runs with WebCrypto), hands the verifiers of a store's people to that store's enrolled
-- terminals, and never sees a PIN again after it is set. Terminals pepper what they keep with a key
-- derived from their device secret (docs/security.md, "Cashier PINs").
CREATE TABLE user_pins (
  user_id text PRIMARY KEY REFERENCES users (id),
  salt text NOT NULL,
  iterations integer NOT NULL CHECK (iterations >= 10000),
  verifier text NOT NULL,
  -- Bumped on every change, so terminals and tests can tell an old verifier from a new one.
  version integer NOT NULL DEFAULT 1,
  set_at timestamptz NOT NULL
);

-- PIN events a terminal recorded offline (sign-ins, failures, lockouts, manager authorisations) and
-- uploaded later; the id makes the upload idempotent, the audit log holds the chained record.
CREATE TABLE pin_events (
  store_id text NOT NULL,
  id text NOT NULL,
  device_id text NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (store_id, id)
);
