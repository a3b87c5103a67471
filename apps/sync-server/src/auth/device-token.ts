import { createHmac, timingSafeEqual } from 'node:crypto';
import { AppError } from '@kiryana/shared';

/**
 * Device access tokens are compact JWS (RFC 7515) signed with HMAC-SHA256 under a key derived from
 * DEVICE_TOKEN_SECRET. The header is fixed, so `alg: none` or an algorithm swap is refused by a plain
 * string comparison before any JSON is parsed. `iss`/`aud` mark them apart from the human OIDC tokens
 * a later issue adds: a bearer dispatcher can route a token by its issuer.
 */

/** Issuer and audience of device tokens. */
const DEVICE_TOKEN_ISSUER = 'kiryana-sync-server';
const DEVICE_TOKEN_AUDIENCE = 'kiryana-sync/device';

/** What a device token says about its holder. Times are Unix seconds (RFC 7519 NumericDate). */
export type DeviceTokenClaims = {
  readonly sub: string;
  readonly sid: string;
  readonly rid: string;
  readonly tc: string;
  readonly iat: number;
  readonly exp: number;
};

const HEADER = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

/** The signing key: HMAC of a purpose label, so one secret can safely derive other keys. */
export function deriveDeviceTokenKey(secret: string): Buffer {
  return createHmac('sha256', secret).update('kiryana device access token v1').digest();
}

/**
 * The operator token the CLI uses to reach a running server (`/v1/operator`). It is derived from
 * the same secret, so whoever may read the secret (the data folder, the server's environment) may
 * operate the server, and nobody else; human sign-in replaces it in a later issue.
 */
export function deriveOperatorToken(secret: string): string {
  return createHmac('sha256', secret).update('kiryana operator token v1').digest('base64url');
}

/** Signs the claims into a compact token. */
export function signDeviceToken(claims: DeviceTokenClaims, key: Buffer): string {
  const payload = base64url(
    JSON.stringify({ iss: DEVICE_TOKEN_ISSUER, aud: DEVICE_TOKEN_AUDIENCE, ...claims }),
  );
  return `${HEADER}.${payload}.${signature(`${HEADER}.${payload}`, key)}`;
}

/**
 * Checks the signature, issuer, audience and expiry of a token and returns its claims.
 * Throws UNAUTHENTICATED for anything malformed or forged, TOKEN_EXPIRED when `exp` has passed.
 */
export function verifyDeviceTokenSignature(
  token: string,
  key: Buffer,
  nowMs: number,
): DeviceTokenClaims {
  const parts = token.split('.');
  const [header, payload, sig] = parts;
  if (parts.length !== 3 || header !== HEADER || !payload || !sig) throw invalid();
  const expected = Buffer.from(signature(`${header}.${payload}`, key));
  const given = Buffer.from(sig);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid();
  const claims = parseClaims(payload);
  if (nowMs >= claims.exp * 1000) {
    throw new AppError('TOKEN_EXPIRED', 'The access token has expired; request a new one.');
  }
  return claims;
}

function parseClaims(payload: string): DeviceTokenClaims {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (typeof value !== 'object' || value === null) throw invalid();
  const c = value as Record<string, unknown>;
  const isText = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
  const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);
  if (
    c.iss !== DEVICE_TOKEN_ISSUER ||
    c.aud !== DEVICE_TOKEN_AUDIENCE ||
    !isText(c.sub) ||
    !isText(c.sid) ||
    !isText(c.rid) ||
    !isText(c.tc) ||
    !isTime(c.iat) ||
    !isTime(c.exp)
  ) {
    throw invalid();
  }
  return { sub: c.sub, sid: c.sid, rid: c.rid, tc: c.tc, iat: c.iat, exp: c.exp };
}

function invalid(): AppError {
  return new AppError('UNAUTHENTICATED', 'The access token is not valid.');
}

function signature(input: string, key: Buffer): string {
  return createHmac('sha256', key).update(input).digest('base64url');
}

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}
