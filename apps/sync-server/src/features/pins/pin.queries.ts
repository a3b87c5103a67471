import { ROLES, type Role, roleHasPermission } from '@kiryana/shared';
import type { Queryable } from '../../db/db';
import type { PinVerifier } from './pin-kdf';

/** Roles whose holders sell at a counter, and so may be a sale's cashier. */
const SELLING_ROLES: readonly Role[] = ROLES.filter((role) =>
  roleHasPermission(role, 'sales:create'),
);

/**
 * Assignments that reach a store: at the store, at its region, or chain-wide. Parameters $1 store
 * id; alias `ra`.
 */
const REACHES_STORE = `(ra.store_id = $1
  OR ra.region_id = (SELECT s.region_id FROM stores s WHERE s.id = $1)
  OR ra.scope_kind = 'all')`;

export async function upsertPin(
  q: Queryable,
  userId: string,
  pin: PinVerifier,
  nowMs: number,
): Promise<number> {
  const { rows } = await q.query<{ version: number }>(
    `INSERT INTO user_pins (user_id, salt, iterations, verifier, scrypt_salt, scrypt_log_n, scrypt_r,
       scrypt_p, set_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, to_timestamp($9::float8 / 1000))
     ON CONFLICT (user_id) DO UPDATE SET salt = EXCLUDED.salt, iterations = EXCLUDED.iterations,
       verifier = EXCLUDED.verifier, scrypt_salt = EXCLUDED.scrypt_salt,
       scrypt_log_n = EXCLUDED.scrypt_log_n, scrypt_r = EXCLUDED.scrypt_r,
       scrypt_p = EXCLUDED.scrypt_p, set_at = EXCLUDED.set_at, version = user_pins.version + 1
     RETURNING version`,
    [
      userId,
      pin.salt,
      pin.iterations,
      pin.verifier,
      pin.scrypt.salt,
      pin.scrypt.logN,
      pin.scrypt.r,
      pin.scrypt.p,
      nowMs,
    ],
  );
  return rows[0]?.version ?? 1;
}

/**
 * Replaces a bare PBKDF2 verifier (from before scrypt) by its wrapped form, unless the PIN changed
 * or another process wrapped it meanwhile. The version stays: the PIN is the same.
 */
export async function saveWrappedVerifier(
  q: Queryable,
  userId: string,
  version: number,
  pin: PinVerifier,
): Promise<void> {
  await q.query(
    `UPDATE user_pins SET verifier = $3, scrypt_salt = $4, scrypt_log_n = $5, scrypt_r = $6,
       scrypt_p = $7
     WHERE user_id = $1 AND version = $2 AND scrypt_salt IS NULL`,
    [userId, version, pin.verifier, pin.scrypt.salt, pin.scrypt.logN, pin.scrypt.r, pin.scrypt.p],
  );
}

/** A stored verifier; `scrypt` is null for a bare PBKDF2 verifier from before scrypt. */
type StoredPin = Omit<PinVerifier, 'scrypt'> & { scrypt: PinVerifier['scrypt'] | null };

/** A person assigned to the store's counters who has a PIN, with the roles that reach the store. */
export type StorePinRow = StoredPin & {
  userId: string;
  displayName: string;
  discountLimitBp: number;
  version: number;
  roles: {
    role: Role;
    scopeKind: 'store' | 'region' | 'all';
    storeId: string | null;
    regionId: string | null;
  }[];
};

/**
 * People of a store who have a PIN and are assigned to its counters, with their roles that reach
 * it. A role alone (a regional manager, an HQ admin) sends no verifier anywhere.
 */
export async function pinsOfStore(q: Queryable, storeId: string): Promise<StorePinRow[]> {
  const { rows } = await q.query<{
    user_id: string;
    display_name: string;
    discount_limit_bp: number;
    salt: string;
    iterations: number;
    verifier: string;
    scrypt_salt: string | null;
    scrypt_log_n: number | null;
    scrypt_r: number | null;
    scrypt_p: number | null;
    version: number;
    role: Role;
    scope_kind: 'store' | 'region' | 'all';
    store_id: string | null;
    region_id: string | null;
  }>(
    `SELECT u.id AS user_id, u.display_name, u.discount_limit_bp, p.salt, p.iterations, p.verifier,
            p.scrypt_salt, p.scrypt_log_n, p.scrypt_r, p.scrypt_p, p.version, ra.role,
            ra.scope_kind, ra.store_id, ra.region_id
       FROM role_assignments ra
       JOIN users u ON u.id = ra.user_id AND u.status = 'active' AND u.kind = 'user'
       JOIN user_pins p ON p.user_id = u.id
       JOIN counter_assignments ca ON ca.user_id = u.id AND ca.store_id = $1
      WHERE ${REACHES_STORE}
      ORDER BY u.id, ra.id`,
    [storeId],
  );
  const people = new Map<string, StorePinRow>();
  for (const row of rows) {
    let person = people.get(row.user_id);
    if (!person) {
      person = {
        userId: row.user_id,
        displayName: row.display_name,
        discountLimitBp: row.discount_limit_bp,
        salt: row.salt,
        iterations: row.iterations,
        verifier: row.verifier,
        scrypt:
          row.scrypt_salt === null
            ? null
            : {
                salt: row.scrypt_salt,
                logN: row.scrypt_log_n ?? 0,
                r: row.scrypt_r ?? 0,
                p: row.scrypt_p ?? 0,
              },
        version: row.version,
        roles: [],
      };
      people.set(row.user_id, person);
    }
    person.roles.push({
      role: row.role,
      scopeKind: row.scope_kind,
      storeId: row.store_id,
      regionId: row.region_id,
    });
  }
  return [...people.values()];
}

/**
 * Of the given cashier ids, those that do not belong to the store: unknown, disabled, or holding no
 * selling role that reaches it. The push service quarantines documents naming one of these.
 */
export async function foreignCashiers(
  q: Queryable,
  storeId: string,
  cashierIds: readonly string[],
): Promise<Set<string>> {
  if (cashierIds.length === 0) return new Set();
  const { rows } = await q.query<{ user_id: string }>(
    `SELECT DISTINCT ra.user_id FROM role_assignments ra
       JOIN users u ON u.id = ra.user_id AND u.status = 'active'
      WHERE ra.user_id = ANY($2::text[]) AND ra.role = ANY($3::text[]) AND ${REACHES_STORE}`,
    [storeId, [...new Set(cashierIds)], [...SELLING_ROLES]],
  );
  const belonging = new Set(rows.map((r) => r.user_id));
  return new Set(cashierIds.filter((id) => !belonging.has(id)));
}

/** Whether one cashier belongs to the store (see `foreignCashiers`). */
export async function cashierBelongsToStore(
  q: Queryable,
  storeId: string,
  cashierId: string,
): Promise<boolean> {
  return (await foreignCashiers(q, storeId, [cashierId])).size === 0;
}

/** Records uploaded PIN event ids; returns those not seen before (the upload is idempotent). */
export async function claimPinEvents(
  q: Queryable,
  storeId: string,
  deviceId: string,
  ids: readonly string[],
): Promise<Set<string>> {
  const { rows } = await q.query<{ id: string }>(
    `INSERT INTO pin_events (store_id, id, device_id) SELECT $1, unnest($2::text[]), $3
     ON CONFLICT DO NOTHING RETURNING id`,
    [storeId, [...ids], deviceId],
  );
  return new Set(rows.map((r) => r.id));
}

/** Remembers whose verifiers a device received (PIN events are accepted only about them). */
export async function recordVerifierIssues(
  q: Queryable,
  storeId: string,
  deviceId: string,
  userIds: readonly string[],
  nowMs: number,
): Promise<void> {
  if (userIds.length === 0) return;
  await q.query(
    `INSERT INTO pin_verifier_issues (store_id, device_id, user_id, first_issued_at)
     SELECT $1, $2, unnest($3::text[]), to_timestamp($4::float8 / 1000)
     ON CONFLICT DO NOTHING`,
    [storeId, deviceId, [...userIds], nowMs],
  );
}

/** Of the given people, those whose verifier the device never received. */
export async function peopleNotIssued(
  q: Queryable,
  storeId: string,
  deviceId: string,
  userIds: readonly string[],
): Promise<string[]> {
  const wanted = [...new Set(userIds)];
  const { rows } = await q.query<{ user_id: string }>(
    `SELECT user_id FROM pin_verifier_issues
      WHERE store_id = $1 AND device_id = $2 AND user_id = ANY($3::text[])`,
    [storeId, deviceId, wanted],
  );
  const issued = new Set(rows.map((r) => r.user_id));
  return wanted.filter((id) => !issued.has(id));
}
