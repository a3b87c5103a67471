-- Cashier PINs that a stolen terminal token cannot crack (docs/security.md, "Cashier PINs").
--
-- 1. A memory-hard layer: each verifier becomes scrypt(PBKDF2(PIN)). A row whose scrypt columns are
--    NULL still holds a bare PBKDF2 output from before this migration; the server wraps it (scrypt
--    over the old verifier, no PIN needed) the first time it issues it, so nobody sets a PIN again.
ALTER TABLE user_pins
  ADD COLUMN scrypt_salt text,
  ADD COLUMN scrypt_log_n integer CHECK (scrypt_log_n BETWEEN 10 AND 22),
  ADD COLUMN scrypt_r integer CHECK (scrypt_r BETWEEN 1 AND 32),
  ADD COLUMN scrypt_p integer CHECK (scrypt_p BETWEEN 1 AND 16),
  ADD CHECK ((scrypt_salt IS NULL) = (scrypt_log_n IS NULL)
    AND (scrypt_salt IS NULL) = (scrypt_r IS NULL)
    AND (scrypt_salt IS NULL) = (scrypt_p IS NULL));

-- 2. A random PIN key per device, handed to the terminal once (with its credential at enrolment, or
--    once through POST /v1/devices/pin-key for a terminal enrolled earlier). Verifiers leave the
--    server only as HMAC(key, verifier). Revoking a device deletes its key (trigger below), so
--    nothing more is ever sealed for it. A reference table under Citus, like devices.
CREATE TABLE device_pin_keys (
  device_id text PRIMARY KEY REFERENCES devices (id),
  pin_key text NOT NULL,
  created_at timestamptz NOT NULL
);

CREATE FUNCTION device_pin_key_revoked() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM device_pin_keys WHERE device_id = NEW.id;
  RETURN NEW;
END $$;
CREATE TRIGGER devices_pin_key_revoked AFTER UPDATE OF status ON devices
  FOR EACH ROW WHEN (NEW.status = 'revoked') EXECUTE FUNCTION device_pin_key_revoked();

-- 3. Who works a counter where: a person's verifier goes only to the terminals of stores they are
--    assigned to, never to every store their role reaches. Distributed by store_id under Citus.
CREATE TABLE counter_assignments (
  store_id text NOT NULL REFERENCES stores (id),
  user_id text NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL,
  created_by text NOT NULL,
  PRIMARY KEY (store_id, user_id)
);
CREATE INDEX counter_assignments_user_idx ON counter_assignments (user_id);
-- People who sell at one store today keep their counter there; region- and chain-wide roles are
-- assigned explicitly by a manager.
INSERT INTO counter_assignments (store_id, user_id, created_at, created_by)
SELECT DISTINCT ra.store_id, ra.user_id, now(), 'system:migration'
  FROM role_assignments ra
 WHERE ra.scope_kind = 'store' AND ra.role IN ('cashier', 'store_manager');

-- 4. Whose verifier each device received: PIN events are accepted only about these people, so a
--    terminal cannot write sign-ins of another store's staff (or of nobody) into the audit log.
CREATE TABLE pin_verifier_issues (
  store_id text NOT NULL,
  device_id text NOT NULL,
  user_id text NOT NULL,
  first_issued_at timestamptz NOT NULL,
  PRIMARY KEY (store_id, device_id, user_id)
);
