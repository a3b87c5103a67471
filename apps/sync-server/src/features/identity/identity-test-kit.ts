import { randomBytes } from 'node:crypto';
import type { Hono } from 'hono';
import { type JWK, SignJWT, exportJWK, generateKeyPair } from 'jose';
import type { AppEnv } from '../../http/app-env';
import { createApp } from '../../app';
import { deriveDeviceTokenKey } from '../../auth/device-token';
import { createDeviceTokenVerifier } from '../devices/device-verifier';
import { DEFAULT_GRANTS_CLAIM } from '../../auth/grants-claim';
import { createLogger } from '../../http/logger';
import { type TestClock, createTestClock } from '../../http/test-app';
import type { TestDatabase, TestDb } from '../../testing/test-databases';
import { type Identity, type IdentityConfig, createIdentity } from './identity';

/** Issuer and audience of the test issuer. */
export const TEST_ISSUER = 'https://issuer.test';
export const TEST_AUDIENCE = 'urn:kiryana:api';

/** The app with identity over a migrated test database, and a test issuer minting access tokens. */
export type IdentityTestApp = {
  readonly app: Hono<AppEnv>;
  readonly db: TestDb;
  readonly clock: TestClock;
  readonly identity: Identity;
  /** An access token for `sub` holding `grants` (entries such as `cashier@store:s1`). */
  mint(sub: string, grants: readonly string[]): Promise<string>;
  close(): Promise<void>;
};

/** The scrypt cost of PIN verifiers in tests (1 MiB, about a millisecond). */
export const TEST_PIN_SCRYPT = { logN: 10, r: 8, p: 1 };

/** The identity configuration tests start from. */
export function testIdentityConfig(overrides: Partial<IdentityConfig> = {}): IdentityConfig {
  return {
    publicUrl: 'http://127.0.0.1:0',
    audience: TEST_AUDIENCE,
    algorithms: ['RS256'],
    tokenTypes: ['at+jwt'],
    grants: DEFAULT_GRANTS_CLAIM,
    adminRedirectUris: ['http://127.0.0.1:5173/auth/callback'],
    trustProxy: false,
    pinVerifierTtlMs: 7 * 86_400_000,
    // Cheap enough for many tests; the production cost is measured by the pin-cracking bench.
    pinScrypt: TEST_PIN_SCRYPT,
    ...overrides,
  };
}

/**
 * Opens the real app (`createApp`) with identity configured for an external issuer whose keys the
 * test holds, so every role can be minted without a browser. Device tokens are the real ones.
 */
export async function openIdentityTestApp(
  database: TestDatabase,
  overrides: Partial<IdentityConfig> = {},
): Promise<IdentityTestApp> {
  const db = await database.open();
  const clock = createTestClock();
  const secret = randomBytes(32).toString('base64url');
  const key = deriveDeviceTokenKey(secret);
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid: 'test-1', alg: 'RS256', use: 'sig' };
  const verifyDeviceToken = createDeviceTokenVerifier({ db, clock, key, revocationCacheMs: 0 });
  const identity = await createIdentity({
    db,
    clock,
    secret,
    verifyDeviceToken,
    config: testIdentityConfig({
      external: { issuer: TEST_ISSUER, jwks: { keys: [jwk] } },
      ...overrides,
    }),
  });
  const app = createApp({
    db,
    clock,
    logger: createLogger('silent'),
    live: {
      publish: () => Promise.resolve(),
      subscribe: () => () => undefined,
      close: () => Promise.resolve(),
    },
    verifyDeviceToken,
    deviceTokens: { key, ttlSec: 900 },
    maxBodyBytes: 256 * 1024,
    heartbeatMs: 20_000,
    identity,
  });
  const nowS = () => Math.floor(clock.now() / 1000);
  return {
    app,
    db,
    clock,
    identity,
    mint: (sub, grants) =>
      new SignJWT({
        iss: TEST_ISSUER,
        aud: TEST_AUDIENCE,
        sub,
        iat: nowS(),
        exp: nowS() + 900,
        kiryana_grants: [...grants],
      })
        .setProtectedHeader({ alg: 'RS256', typ: 'at+jwt', kid: 'test-1' })
        .sign(privateKey),
    close: () => db.close(),
  };
}
