import { randomFillSync, timingSafeEqual } from 'node:crypto';
import { AppError, type Clock, createUuidV7Generator } from '@kiryana/shared';
import type { Db } from '../../db/db';
import { signDeviceToken } from '../../auth/device-token';
import {
  ENROLMENT_CODE_TTL_MS,
  hashDeviceSecret,
  hashEnrolmentCode,
  newDeviceSecret,
  newEnrolmentCode,
  normaliseEnrolmentCode,
} from './enrolment-code';
import * as queries from './device.queries';
import { regionSyncEndpoints } from '../../db/region-sync-endpoints';
import { createPinKey } from '../pins/pin.service';

/** What the device services need. */
export type DeviceServiceDeps = {
  readonly db: Db;
  readonly clock: Clock;
  /** SYNC_ENDPOINTS: the list enrolment hands out when the store's region has none. */
  readonly syncEndpoints?: readonly string[];
};

/** Signing key and lifetime of access tokens. */
export type DeviceTokenConfig = { readonly key: Buffer; readonly ttlSec: number };

/** A freshly created enrolment code; `code` is shown once and never stored. */
export type EnrolmentCodeIssued = {
  code: string;
  storeId: string;
  storeCode: string;
  storeName: string;
  expiresAt: string;
};

/** Creates a one-time enrolment code for the store with code `storeCode`. */
export async function createEnrolmentCode(
  deps: DeviceServiceDeps,
  storeCode: string,
  ttlMs = ENROLMENT_CODE_TTL_MS,
): Promise<EnrolmentCodeIssued> {
  const store = await queries.findStoreByCode(deps.db, storeCode);
  if (!store) throw new AppError('NOT_FOUND', `No store with code ${storeCode}.`);
  const code = newEnrolmentCode();
  const createdMs = deps.clock.now();
  const expiresMs = createdMs + ttlMs;
  await queries.insertEnrolmentCode(deps.db, {
    codeHash: hashEnrolmentCode(normaliseEnrolmentCode(code) ?? code),
    storeId: store.id,
    createdMs,
    expiresMs,
  });
  return {
    code,
    storeId: store.id,
    storeCode: store.code,
    storeName: store.nameEn,
    expiresAt: new Date(expiresMs).toISOString(),
  };
}

/**
 * A new device credential; `deviceSecret` is shown once and only its hash is stored. `pinKey` is
 * the device's PIN key, also shown once: the store's PIN verifiers reach this terminal only sealed
 * under it (docs/security.md, "Cashier PINs").
 */
export type DeviceEnrolled = {
  deviceId: string;
  deviceSecret: string;
  pinKey: string;
  storeId: string;
  storeCode: string;
  regionId: string;
  terminalCode: string;
  /** The region's sync endpoints, home first; absent when the region has none configured. */
  endpoints?: string[];
};

const newDeviceId = createUuidV7Generator({
  clock: { now: () => Date.now() },
  random: (bytes) => randomFillSync(bytes),
});

/**
 * Exchanges an enrolment code for a device credential bound to the code's store, with the store's
 * next terminal code. The claim, the terminal code and the device row commit together, so a code
 * is spent only if a device was made.
 */
export async function enrollDevice(
  deps: DeviceServiceDeps,
  input: { code: string; terminalName: string },
): Promise<DeviceEnrolled> {
  const normalised = normaliseEnrolmentCode(input.code);
  if (!normalised) throw invalidCode();
  const codeHash = hashEnrolmentCode(normalised);
  const nowMs = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const storeId = await queries.claimEnrolmentCode(tx, codeHash, nowMs);
    if (!storeId) {
      const known = await queries.findEnrolmentCode(tx, codeHash);
      if (known && !known.used && known.expiresMs <= nowMs) {
        throw new AppError(
          'ENROLMENT_CODE_EXPIRED',
          'This enrolment code has expired; ask for a new one.',
        );
      }
      throw invalidCode();
    }
    const store = await queries.lockStore(tx, storeId);
    if (!store) throw invalidCode();
    const terminalCode = nextTerminalCode(await queries.terminalCodesOf(tx, storeId));
    const deviceSecret = newDeviceSecret();
    const deviceId = newDeviceId();
    await queries.insertDevice(tx, {
      id: deviceId,
      storeId,
      terminalCode,
      name: input.terminalName,
      secretHash: hashDeviceSecret(deviceSecret),
      enrolledMs: nowMs,
    });
    await queries.attachDeviceToCode(tx, codeHash, deviceId);
    const { pinKey } = await createPinKey(tx, deviceId, nowMs);
    const regional = await regionSyncEndpoints(tx, store.regionId);
    const endpoints = regional.length > 0 ? regional : (deps.syncEndpoints ?? []);
    return {
      deviceId,
      deviceSecret,
      pinKey,
      storeId,
      storeCode: store.code,
      regionId: store.regionId,
      terminalCode,
      ...(endpoints.length > 0 ? { endpoints: [...endpoints] } : {}),
    };
  });
}

/** A short-lived access token. */
export type AccessTokenIssued = {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  expiresAt: string;
};

/**
 * Hands a PIN key, once, to a device enrolled before PIN keys existed. It asks with its device
 * credential, never with an access token, so a stolen token cannot fetch a key; a device that
 * already holds one gets CONFLICT (its key never leaves the server twice).
 */
export async function issuePinKey(
  deps: DeviceServiceDeps,
  input: { deviceId: string; secret: string },
): Promise<{ pinKey: string }> {
  const device = await queries.findDeviceAuth(deps.db, input.deviceId);
  const given = Buffer.from(hashDeviceSecret(input.secret));
  if (!device || !timingSafeEqual(given, Buffer.from(device.secretHash))) {
    throw new AppError('UNAUTHENTICATED', 'Unknown device or wrong secret.');
  }
  if (device.status === 'revoked') throw deviceRevoked();
  const { pinKey, stored } = await createPinKey(deps.db, device.id, deps.clock.now());
  if (!stored) throw new AppError('CONFLICT', 'This device already received its PIN key.');
  return { pinKey };
}

/** Trades a device credential for an access token; refuses unknown, wrong or revoked credentials. */
export async function issueAccessToken(
  deps: DeviceServiceDeps & { readonly tokens: DeviceTokenConfig },
  input: { deviceId: string; secret: string },
): Promise<AccessTokenIssued> {
  const device = await queries.findDeviceAuth(deps.db, input.deviceId);
  const given = Buffer.from(hashDeviceSecret(input.secret));
  // One answer for an unknown device and a wrong secret: the endpoint does not reveal which ids exist.
  if (!device || !timingSafeEqual(given, Buffer.from(device.secretHash))) {
    throw new AppError('UNAUTHENTICATED', 'Unknown device or wrong secret.');
  }
  if (device.status === 'revoked') throw deviceRevoked();
  const nowMs = deps.clock.now();
  const iat = Math.floor(nowMs / 1000);
  const exp = iat + deps.tokens.ttlSec;
  const accessToken = signDeviceToken(
    {
      sub: device.id,
      sid: device.storeId,
      rid: device.regionId,
      tc: device.terminalCode,
      iat,
      exp,
    },
    deps.tokens.key,
  );
  await queries.touchDevice(deps.db, device.id, nowMs);
  return {
    accessToken,
    tokenType: 'Bearer',
    expiresIn: deps.tokens.ttlSec,
    expiresAt: new Date(exp * 1000).toISOString(),
  };
}

/** Revokes a device: its next sync request (after the verifier's short cache) gets 401. */
export async function revokeDevice(
  deps: DeviceServiceDeps,
  deviceId: string,
): Promise<{ deviceId: string; revokedAt: string }> {
  const nowMs = deps.clock.now();
  if (!(await queries.revokeDeviceRow(deps.db, deviceId, nowMs))) {
    throw new AppError('NOT_FOUND', `No active device ${deviceId}.`);
  }
  return { deviceId, revokedAt: new Date(nowMs).toISOString() };
}

/** Devices of one store (by code) or of all stores. */
export async function listDevices(deps: DeviceServiceDeps, storeCode?: string) {
  if (storeCode === undefined) return queries.listDeviceRows(deps.db);
  const store = await queries.findStoreByCode(deps.db, storeCode);
  if (!store) throw new AppError('NOT_FOUND', `No store with code ${storeCode}.`);
  return queries.listDeviceRows(deps.db, store.id);
}

/** `T1`, `T2` …: the lowest number above every code the store ever used. */
function nextTerminalCode(used: readonly string[]): string {
  let max = 0;
  for (const code of used) {
    const n = /^T([0-9]+)$/.exec(code)?.[1];
    if (n !== undefined) max = Math.max(max, Number(n));
  }
  return `T${max + 1}`;
}

/** The answer when a device's credential was revoked. */
export function deviceRevoked(): AppError {
  return new AppError('DEVICE_REVOKED', 'This device has been revoked; enrol it again.');
}

function invalidCode(): AppError {
  return new AppError(
    'ENROLMENT_CODE_INVALID',
    'This enrolment code is not valid or was already used.',
  );
}

/** Whether a device may still sync: known and not revoked (the stream's recheck after a gap). */
export async function isDeviceActive(
  deps: { readonly db: Db },
  deviceId: string,
): Promise<boolean> {
  return (await queries.findDeviceAuth(deps.db, deviceId))?.status === 'active';
}
