import type { Queryable } from '../../db/db';

/** The device's PIN key, or undefined when it has none (enrolled before PIN keys, or revoked). */
export async function pinKeyOfDevice(q: Queryable, deviceId: string): Promise<string | undefined> {
  const { rows } = await q.query<{ pin_key: string }>(
    'SELECT pin_key FROM device_pin_keys WHERE device_id = $1',
    [deviceId],
  );
  return rows[0]?.pin_key;
}

/** Stores a device's PIN key; false when the device already had one (a key is handed out once). */
export async function insertPinKey(
  q: Queryable,
  deviceId: string,
  pinKey: string,
  nowMs: number,
): Promise<boolean> {
  const { rowCount } = await q.query(
    `INSERT INTO device_pin_keys (device_id, pin_key, created_at)
     VALUES ($1, $2, to_timestamp($3::float8 / 1000)) ON CONFLICT (device_id) DO NOTHING`,
    [deviceId, pinKey, nowMs],
  );
  return rowCount > 0;
}
