import type { Queryable } from '../../db/db';

/** Times cross this layer as Unix milliseconds, identical on pg and PGlite. */

/** A store as enrolment needs it. */
export type StoreRef = { id: string; code: string; regionId: string; nameEn: string };

/** A device row as authentication needs it. */
export type DeviceAuthRow = {
  id: string;
  storeId: string;
  regionId: string;
  terminalCode: string;
  secretHash: string;
  status: 'active' | 'revoked';
  lastSeenMs: number | null;
};

/** A device as listed to an operator. */
export type DeviceListing = {
  id: string;
  storeCode: string;
  terminalCode: string;
  name: string;
  status: 'active' | 'revoked';
  enrolledMs: number;
  lastSeenMs: number | null;
};

type StoreRow = { id: string; code: string; region_id: string; name_en: string };

function toStore(row: StoreRow): StoreRef {
  return { id: row.id, code: row.code, regionId: row.region_id, nameEn: row.name_en };
}

export async function findStoreByCode(q: Queryable, code: string): Promise<StoreRef | undefined> {
  const { rows } = await q.query<StoreRow>(
    'SELECT id, code, region_id, name_en FROM stores WHERE code = $1 AND NOT deleted',
    [code],
  );
  return rows[0] && toStore(rows[0]);
}

/** Locks the store row so terminal codes of one store are handed out one at a time. */
export async function lockStore(q: Queryable, storeId: string): Promise<StoreRef | undefined> {
  const { rows } = await q.query<StoreRow>(
    'SELECT id, code, region_id, name_en FROM stores WHERE id = $1 FOR UPDATE',
    [storeId],
  );
  return rows[0] && toStore(rows[0]);
}

export async function insertEnrolmentCode(
  q: Queryable,
  code: { codeHash: string; storeId: string; createdMs: number; expiresMs: number },
): Promise<void> {
  await q.query(
    `INSERT INTO enrolment_codes (code_hash, store_id, created_at, expires_at)
     VALUES ($1, $2, to_timestamp($3::float8 / 1000), to_timestamp($4::float8 / 1000))`,
    [code.codeHash, code.storeId, code.createdMs, code.expiresMs],
  );
}

/**
 * Marks an unused, unexpired code as used and returns its store; one UPDATE, so two terminals
 * racing with the same code cannot both win.
 */
export async function claimEnrolmentCode(
  q: Queryable,
  codeHash: string,
  nowMs: number,
): Promise<string | undefined> {
  const { rows } = await q.query<{ store_id: string }>(
    `UPDATE enrolment_codes SET used_at = to_timestamp($2::float8 / 1000)
     WHERE code_hash = $1 AND used_at IS NULL AND expires_at > to_timestamp($2::float8 / 1000)
     RETURNING store_id`,
    [codeHash, nowMs],
  );
  return rows[0]?.store_id;
}

/** Whether a code exists at all, to tell an expired code from a wrong or used one. */
export async function findEnrolmentCode(
  q: Queryable,
  codeHash: string,
): Promise<{ used: boolean; expiresMs: number } | undefined> {
  const { rows } = await q.query<{ used: boolean; expires_ms: number }>(
    `SELECT used_at IS NOT NULL AS used, (extract(epoch FROM expires_at) * 1000)::int8 AS expires_ms
     FROM enrolment_codes WHERE code_hash = $1`,
    [codeHash],
  );
  return rows[0] && { used: rows[0].used, expiresMs: rows[0].expires_ms };
}

export async function attachDeviceToCode(q: Queryable, codeHash: string, deviceId: string) {
  await q.query('UPDATE enrolment_codes SET device_id = $2 WHERE code_hash = $1', [
    codeHash,
    deviceId,
  ]);
}

/** Terminal codes already used in a store (revoked ones too: a code is never reused). */
export async function terminalCodesOf(q: Queryable, storeId: string): Promise<string[]> {
  const { rows } = await q.query<{ terminal_code: string }>(
    'SELECT terminal_code FROM devices WHERE store_id = $1',
    [storeId],
  );
  return rows.map((row) => row.terminal_code);
}

export async function insertDevice(
  q: Queryable,
  device: {
    id: string;
    storeId: string;
    terminalCode: string;
    name: string;
    secretHash: string;
    enrolledMs: number;
  },
): Promise<void> {
  await q.query(
    `INSERT INTO devices (id, store_id, terminal_code, name, secret_hash, enrolled_at)
     VALUES ($1, $2, $3, $4, $5, to_timestamp($6::float8 / 1000))`,
    [
      device.id,
      device.storeId,
      device.terminalCode,
      device.name,
      device.secretHash,
      device.enrolledMs,
    ],
  );
}

export async function findDeviceAuth(
  q: Queryable,
  deviceId: string,
): Promise<DeviceAuthRow | undefined> {
  const { rows } = await q.query<{
    id: string;
    store_id: string;
    region_id: string;
    terminal_code: string;
    secret_hash: string;
    status: 'active' | 'revoked';
    last_seen_ms: number | null;
  }>(
    `SELECT d.id, d.store_id, s.region_id, d.terminal_code, d.secret_hash, d.status,
            (extract(epoch FROM d.last_seen_at) * 1000)::int8 AS last_seen_ms
     FROM devices d JOIN stores s ON s.id = d.store_id WHERE d.id = $1`,
    [deviceId],
  );
  const row = rows[0];
  return (
    row && {
      id: row.id,
      storeId: row.store_id,
      regionId: row.region_id,
      terminalCode: row.terminal_code,
      secretHash: row.secret_hash,
      status: row.status,
      lastSeenMs: row.last_seen_ms,
    }
  );
}

/** Revokes an active device; returns false when there is no such active device. */
export async function revokeDeviceRow(q: Queryable, deviceId: string, nowMs: number) {
  const result = await q.query(
    `UPDATE devices SET status = 'revoked', revoked_at = to_timestamp($2::float8 / 1000)
     WHERE id = $1 AND status = 'active'`,
    [deviceId, nowMs],
  );
  return result.rowCount > 0;
}

/** Records that a device was seen; callers throttle it so it is not a write per request. */
export async function touchDevice(q: Queryable, deviceId: string, nowMs: number): Promise<void> {
  await q.query('UPDATE devices SET last_seen_at = to_timestamp($2::float8 / 1000) WHERE id = $1', [
    deviceId,
    nowMs,
  ]);
}

export async function listDeviceRows(q: Queryable, storeId?: string): Promise<DeviceListing[]> {
  const { rows } = await q.query<{
    id: string;
    store_code: string;
    terminal_code: string;
    name: string;
    status: 'active' | 'revoked';
    enrolled_ms: number;
    last_seen_ms: number | null;
  }>(
    `SELECT d.id, s.code AS store_code, d.terminal_code, d.name, d.status,
            (extract(epoch FROM d.enrolled_at) * 1000)::int8 AS enrolled_ms,
            (extract(epoch FROM d.last_seen_at) * 1000)::int8 AS last_seen_ms
     FROM devices d JOIN stores s ON s.id = d.store_id
     WHERE $1::text IS NULL OR d.store_id = $1
     ORDER BY s.code, d.enrolled_at`,
    [storeId ?? null],
  );
  return rows.map((row) => ({
    id: row.id,
    storeCode: row.store_code,
    terminalCode: row.terminal_code,
    name: row.name,
    status: row.status,
    enrolledMs: row.enrolled_ms,
    lastSeenMs: row.last_seen_ms,
  }));
}
