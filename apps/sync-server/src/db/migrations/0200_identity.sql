-- People and HQ systems, their scoped roles, and what the embedded OpenID provider keeps.
-- Role assignments are the source of truth for who may do what where; the shared `can` reads them
-- as grants (role at a scope: one store, one region, or the whole chain).

CREATE TABLE users (
  id text PRIMARY KEY,
  -- Sign-in name, stored lowercased so "Asha" and "asha" are one account.
  username text NOT NULL UNIQUE CHECK (username = lower(username)),
  display_name text NOT NULL,
  kind text NOT NULL DEFAULT 'user' CHECK (kind IN ('user', 'integration')),
  -- scrypt$<log2 N>$<r>$<p>$<salt b64url>$<hash b64url>; NULL: cannot sign in with a password.
  password_hash text,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
  -- The largest discount (basis points of the bill) this person may give without a manager's PIN.
  discount_limit_bp integer NOT NULL DEFAULT 500 CHECK (discount_limit_bp BETWEEN 0 AND 10000),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE role_assignments (
  id text PRIMARY KEY,
  user_id text NOT NULL REFERENCES users (id),
  role text NOT NULL CHECK (role IN ('cashier', 'store_manager', 'regional_manager', 'hq_admin', 'auditor', 'integration')),
  scope_kind text NOT NULL CHECK (scope_kind IN ('store', 'region', 'all')),
  store_id text REFERENCES stores (id),
  region_id text REFERENCES regions (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by text NOT NULL,
  CHECK ((scope_kind = 'store' AND store_id IS NOT NULL AND region_id IS NULL)
      OR (scope_kind = 'region' AND region_id IS NOT NULL AND store_id IS NULL)
      OR (scope_kind = 'all' AND store_id IS NULL AND region_id IS NULL)),
  UNIQUE NULLS NOT DISTINCT (user_id, role, scope_kind, store_id, region_id)
);
-- The grants of one user (every authenticated request of the embedded issuer's tokens).
CREATE INDEX role_assignments_user_idx ON role_assignments (user_id);
-- People of a store: PIN verifiers for its terminals, cashier checks of pushed sales, user listings.
CREATE INDEX role_assignments_store_idx ON role_assignments (store_id) WHERE store_id IS NOT NULL;
-- People of a region: the same, through the store's region.
CREATE INDEX role_assignments_region_idx ON role_assignments (region_id) WHERE region_id IS NOT NULL;

-- Single permissions outside any role: what an HQ integration was given, nothing more.
CREATE TABLE permission_grants (
  id text PRIMARY KEY,
  user_id text NOT NULL REFERENCES users (id),
  permission text NOT NULL,
  scope_kind text NOT NULL CHECK (scope_kind IN ('store', 'region', 'all')),
  store_id text REFERENCES stores (id),
  region_id text REFERENCES regions (id),
  CHECK ((scope_kind = 'store' AND store_id IS NOT NULL AND region_id IS NULL)
      OR (scope_kind = 'region' AND region_id IS NOT NULL AND store_id IS NULL)
      OR (scope_kind = 'all' AND store_id IS NULL AND region_id IS NULL)),
  UNIQUE NULLS NOT DISTINCT (user_id, permission, scope_kind, store_id, region_id)
);
-- The explicit permissions of one integration.
CREATE INDEX permission_grants_user_idx ON permission_grants (user_id);

-- OAuth clients of HQ integrations (client credentials). No secret is stored: the secret is an
-- HMAC of the client id and secret_version under the server's key, so rotating bumps the version.
CREATE TABLE integration_clients (
  client_id text PRIMARY KEY,
  user_id text NOT NULL UNIQUE REFERENCES users (id),
  secret_version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- oidc-provider's models (sessions, interactions, codes, refresh tokens, grants …), one row each,
-- as its adapter contract describes: found by id, by user code, by uid; consumed; revoked by grant.
CREATE TABLE oidc_models (
  model text NOT NULL,
  id text NOT NULL,
  payload jsonb NOT NULL,
  grant_id text,
  user_code text,
  uid text,
  expires_at timestamptz,
  consumed_at timestamptz,
  PRIMARY KEY (model, id)
);
-- revokeByGrantId (refresh token reuse, logout).
CREATE INDEX oidc_models_grant_idx ON oidc_models (grant_id) WHERE grant_id IS NOT NULL;
-- findByUid (sessions).
CREATE INDEX oidc_models_uid_idx ON oidc_models (uid) WHERE uid IS NOT NULL;
-- findByUserCode (device flow; unused today, part of the adapter contract).
CREATE INDEX oidc_models_user_code_idx ON oidc_models (user_code) WHERE user_code IS NOT NULL;
-- Purge of expired rows.
CREATE INDEX oidc_models_expires_idx ON oidc_models (expires_at);

-- The embedded provider's signing keys, encrypted under a key derived from the server secret so a
-- copy of the database alone cannot mint tokens. Shared by every server process.
CREATE TABLE oidc_signing_keys (
  kid text PRIMARY KEY,
  sealed text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Token buckets for sign-in and token endpoints, shared by every server process (one UPDATE per
-- attempt). Capacity and refill are the caller's; tokens are kept in thousandths.
CREATE TABLE rate_limits (
  key text PRIMARY KEY,
  milli_tokens bigint NOT NULL,
  updated_ms bigint NOT NULL
);
