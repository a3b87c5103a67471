import { createHash, randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ServerType, serve } from '@hono/node-server';
import type { Clock } from '@kiryana/shared';
import type { Hono } from 'hono';
import { type JWK, SignJWT, exportJWK, generateKeyPair } from 'jose';
import type { AppEnv } from '../../http/app-env';
import { createApp } from '../../app';
import { deriveDeviceTokenKey } from '../../auth/device-token';
import { createDeviceTokenVerifier } from '../devices/device-verifier';
import { DEFAULT_GRANTS_CLAIM } from '../../auth/grants-claim';
import type { Db, Queryable } from '../../db/db';
import { createLogger } from '../../http/logger';
import { type TestClock, createTestClock } from '../../http/test-app';
import type { TestDatabase, TestDb } from '../../testing/test-databases';
import { type DeviceEnrolled, createEnrolmentCode, enrollDevice } from '../devices/device.service';
import { type Identity, type IdentityConfig, createIdentity } from './identity';
import { ADMIN_CLIENT_ID } from './oidc-clients';
import { type RoleAssignment, insertRoleAssignment, insertUser } from './user.queries';

/**
 * The identity tests' kit: the real app with identity (in-process or on a real socket for the
 * embedded provider), a test issuer that mints any role's access token, people and enrolled
 * terminals seeded the way the server stores them.
 */

/** Issuer and audience of the test issuer. */
export const TEST_ISSUER = 'https://issuer.test';
export const TEST_AUDIENCE = 'urn:kiryana:api';

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

/** An external OpenID issuer whose keys the test holds, so every role can be minted. */
export type TestIssuer = {
  /** Its public keys, for `IdentityConfig.external.jwks`. */
  readonly jwks: { keys: JWK[] };
  /** An access token for `sub` holding `grants` (entries such as `cashier@store:s1`). */
  mint(sub: string, grants: readonly string[], ttlSec?: number): Promise<string>;
};

/** A test issuer at `TEST_ISSUER` for `TEST_AUDIENCE`, its tokens dated by `clock`. */
export async function createTestIssuer(clock: Clock, kid = 'test-1'): Promise<TestIssuer> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  return {
    jwks: { keys: [jwk] },
    mint: (sub, grants, ttlSec = 900) => {
      const nowS = Math.floor(clock.now() / 1000);
      return new SignJWT({
        iss: TEST_ISSUER,
        aud: TEST_AUDIENCE,
        sub,
        iat: nowS,
        exp: nowS + ttlSec,
        kiryana_grants: [...grants],
      })
        .setProtectedHeader({ alg: 'RS256', typ: 'at+jwt', kid })
        .sign(privateKey);
    },
  };
}

/**
 * The real app (`createApp`) with identity over `db`, wired as server.ts wires it (real device
 * tokens and their verifier, a fresh server secret), with silent logs and no live events.
 */
async function createIdentityApp(
  db: Db,
  clock: Clock,
  config: IdentityConfig,
): Promise<{ app: Hono<AppEnv>; identity: Identity }> {
  const secret = randomBytes(32).toString('base64url');
  const key = deriveDeviceTokenKey(secret);
  const verifyDeviceToken = createDeviceTokenVerifier({ db, clock, key, revocationCacheMs: 0 });
  const identity = await createIdentity({ db, clock, secret, verifyDeviceToken, config });
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
  return { app, identity };
}

/** The app with identity over a migrated test database, and a test issuer minting access tokens. */
export type IdentityTestApp = {
  readonly app: Hono<AppEnv>;
  readonly db: TestDb;
  readonly clock: TestClock;
  readonly identity: Identity;
  /** An access token for `sub` holding `grants` (entries such as `cashier@store:s1`). */
  mint(sub: string, grants: readonly string[]): Promise<string>;
  /**
   * Enrols a terminal of `storeId` with a fresh enrolment code and trades its credential for an
   * access token at `POST /v1/devices/token`, as a terminal does.
   */
  enrolDevice(storeId: string, terminalName?: string): Promise<EnrolledTestDevice>;
  close(): Promise<void>;
};

/** A terminal's credential, PIN key and access token. */
type EnrolledTestDevice = DeviceEnrolled & { readonly token: string };

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
  const issuer = await createTestIssuer(clock);
  const { app, identity } = await createIdentityApp(
    db,
    clock,
    testIdentityConfig({ external: { issuer: TEST_ISSUER, jwks: issuer.jwks }, ...overrides }),
  );
  return {
    app,
    db,
    clock,
    identity,
    mint: (sub, grants) => issuer.mint(sub, grants),
    async enrolDevice(storeId, terminalName = 'Counter 1') {
      const store = await db.query<{ code: string }>('SELECT code FROM stores WHERE id = $1', [
        storeId,
      ]);
      const { code } = await createEnrolmentCode({ db, clock }, store.rows[0]?.code ?? '');
      const device = await enrollDevice({ db, clock }, { code, terminalName });
      const issued = await app.request('/v1/devices/token', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ deviceId: device.deviceId, secret: device.deviceSecret }),
      });
      return { ...device, token: ((await issued.json()) as { accessToken: string }).accessToken };
    },
    close: () => db.close(),
  };
}

/** A person with one role (assignment `ra-<id>`), written as the people endpoints store them. */
export async function insertPerson(
  q: Queryable,
  person: Pick<RoleAssignment, 'role' | 'scope'> & {
    readonly id: string;
    readonly displayName?: string;
    readonly username?: string;
    readonly kind?: 'user' | 'integration';
  },
  createdBy = 'test',
): Promise<void> {
  await insertUser(q, {
    id: person.id,
    username: person.username ?? person.id,
    displayName: person.displayName ?? person.id,
    kind: person.kind ?? 'user',
    passwordHash: null,
  });
  await insertRoleAssignment(q, {
    id: `ra-${person.id}`,
    userId: person.id,
    role: person.role,
    scope: person.scope,
    createdBy,
  });
}

/** The port a server listens on, once it does. */
export function listeningPort(server: ServerType | Server): Promise<number> {
  return new Promise((resolve, reject) => {
    if (server.listening) resolve((server.address() as AddressInfo).port);
    server.once('listening', () => {
      resolve((server.address() as AddressInfo).port);
    });
    server.once('error', reject);
  });
}

/** The app with identity on a real socket; `base` is its URL and its public URL. */
export type IdentityServer = {
  readonly base: string;
  readonly app: Hono<AppEnv>;
  readonly identity: Identity;
  /** Closes the socket (the database is the caller's). */
  close(): Promise<void>;
};

/**
 * Serves the app with the embedded OpenID provider on 127.0.0.1 (the provider needs Node's
 * request objects, so not `app.request`). The issuer's URL holds the port, so the socket listens
 * first and the app, built once the port is known, answers from then on.
 */
export async function serveIdentityApp(
  db: Db,
  config: Partial<IdentityConfig> = {},
): Promise<IdentityServer> {
  const started: { app?: Hono<AppEnv> } = {};
  const server = serve({
    fetch: (request, env) =>
      started.app ? started.app.fetch(request, env) : new Response('starting', { status: 503 }),
    port: 0,
    hostname: '127.0.0.1',
  });
  const base = `http://127.0.0.1:${String(await listeningPort(server))}`;
  const { app, identity } = await createIdentityApp(
    db,
    { now: () => Date.now() },
    testIdentityConfig({ publicUrl: base, ...config }),
  );
  started.app = app;
  return {
    base,
    app,
    identity,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      }),
  };
}

/**
 * Starts a sign-in at the embedded provider as the admin web does (authorization code with PKCE):
 * where the provider sends the browser (the interaction page) and the cookies it set.
 */
export async function startSignIn(
  base: string,
  scope: string,
): Promise<{ location: string; cookie: string }> {
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const authorize = await fetch(
    `${base}/oidc/auth?${new URLSearchParams({
      client_id: ADMIN_CLIENT_ID,
      redirect_uri: 'http://127.0.0.1:5173/auth/callback',
      response_type: 'code',
      scope,
      code_challenge: challenge,
      code_challenge_method: 'S256',
      resource: TEST_AUDIENCE,
    }).toString()}`,
    { redirect: 'manual' },
  );
  return {
    location: authorize.headers.get('location') ?? '',
    cookie: authorize.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; '),
  };
}
