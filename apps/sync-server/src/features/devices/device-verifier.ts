import { AppError, type Clock } from '@kiryana/shared';
import type { Db } from '../../db/db';
import { findDeviceAuth, touchDevice } from './device.queries';
import { deviceRevoked } from './device.service';
import { verifyDeviceTokenSignature } from '../../auth/device-token';
import type { DevicePrincipal, DeviceTokenVerifier } from '../../auth/principal';

/** Options of the device token verifier. */
export type DeviceVerifierOptions = {
  readonly db: Db;
  readonly clock: Clock;
  readonly key: Buffer;
  /**
   * How long a device's status may be trusted before it is read again. 0 (the default): it is read
   * on every request, so a revocation refuses the device's very next request on every process
   * (README: "its next sync request gets 401"). The read is one primary-key lookup; a positive
   * value saves it at the cost of letting a revoked device in for that long.
   */
  readonly revocationCacheMs?: number;
  /** last_seen_at is written at most once per this interval per device and process. */
  readonly lastSeenResolutionMs?: number;
};

type Checked = { principal: DevicePrincipal; revoked: boolean; checkedMs: number };

/** Beyond this many cached devices the cache starts over: memory stays bounded. */
const MAX_CACHED_DEVICES = 50_000;

/**
 * Verifies a device access token on every sync request: signature and expiry from the token
 * alone, then that the device still exists and is not revoked (read from the database, so a
 * revocation is seen at once by every process), and records when it was last seen without a write
 * per request.
 */
export function createDeviceTokenVerifier(options: DeviceVerifierOptions): DeviceTokenVerifier {
  const cacheMs = options.revocationCacheMs ?? 0;
  const lastSeenMs = options.lastSeenResolutionMs ?? 60_000;
  const cache = new Map<string, Checked>();

  async function check(deviceId: string, nowMs: number): Promise<Checked | undefined> {
    const cached = cache.get(deviceId);
    if (cached && nowMs - cached.checkedMs < cacheMs) return cached;
    const row = await findDeviceAuth(options.db, deviceId);
    if (!row) {
      cache.delete(deviceId);
      return undefined;
    }
    if (
      row.status === 'active' &&
      (row.lastSeenMs === null || nowMs - row.lastSeenMs >= lastSeenMs)
    ) {
      await touchDevice(options.db, deviceId, nowMs);
    }
    if (cacheMs > 0 && cache.size >= MAX_CACHED_DEVICES) cache.clear();
    const checked: Checked = {
      principal: {
        kind: 'device',
        deviceId: row.id,
        storeId: row.storeId,
        regionId: row.regionId,
        terminalCode: row.terminalCode,
      },
      revoked: row.status === 'revoked',
      checkedMs: nowMs,
    };
    if (cacheMs > 0) cache.set(deviceId, checked);
    return checked;
  }

  return async (accessToken) => {
    const nowMs = options.clock.now();
    const claims = verifyDeviceTokenSignature(accessToken, options.key, nowMs);
    const checked = await check(claims.sub, nowMs);
    // The store comes from the device row, and must match the token: a token is never wider than
    // the credential it was derived from.
    if (!checked || checked.principal.storeId !== claims.sid) {
      throw new AppError('UNAUTHENTICATED', 'The access token is not valid.');
    }
    if (checked.revoked) throw deviceRevoked();
    return checked.principal;
  };
}
