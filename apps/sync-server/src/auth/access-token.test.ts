import { createHmac } from 'node:crypto';
import { errorEnvelope } from '@kiryana/shared';
import { Hono } from 'hono';
import {
  type JWK,
  SignJWT,
  UnsecuredJWT,
  createLocalJWKSet,
  exportJWK,
  exportSPKI,
  generateKeyPair,
} from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AppEnv } from '../http/app-env';
import { createErrorHandler, handleNotFound } from '../http/errors';
import { createLogger } from '../http/logger';
import { requestContext } from '../http/request-context';
import { createTestClock } from '../http/test-app';
import { type AccessTokenVerifier, createAccessTokenVerifier } from './access-token';
import { DEFAULT_GRANTS_CLAIM } from './grants-claim';
import { type ActorEnv, requireActor } from '../http/require-actor';
import { requirePermission } from '../http/require-permission';

const ISSUER = 'https://issuer.test/oidc';
const AUDIENCE = 'kiryana-api';
const NOW_S = Date.UTC(2026, 3, 1, 4, 30) / 1000;

type Keys = Awaited<ReturnType<typeof generateKeyPair>>;
let keys: Keys;
let otherKeys: Keys;
let publicJwk: JWK;
let verify: AccessTokenVerifier;
let app: Hono<AppEnv>;
const clock = createTestClock(NOW_S * 1000);

function token(
  claims: Record<string, unknown> = {},
  header: Record<string, unknown> = {},
  signWith: Keys = keys,
) {
  return new SignJWT({
    iss: ISSUER,
    aud: AUDIENCE,
    sub: 'u-hq',
    iat: NOW_S,
    exp: NOW_S + 900,
    kiryana_grants: ['hq_admin@all'],
    ...claims,
  })
    .setProtectedHeader({ alg: 'RS256', typ: 'at+jwt', kid: 'k1', ...header })
    .sign(signWith.privateKey);
}

function b64(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

async function call(bearer: string) {
  const response = await app.request('/reports', {
    headers: { authorization: `Bearer ${bearer}` },
  });
  return { status: response.status, body: await response.json() };
}

beforeAll(async () => {
  keys = await generateKeyPair('RS256');
  otherKeys = await generateKeyPair('RS256');
  publicJwk = { ...(await exportJWK(keys.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  verify = createAccessTokenVerifier(
    {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: ['RS256', 'ES256'],
      tokenTypes: ['at+jwt'],
      grants: DEFAULT_GRANTS_CLAIM,
      keys: createLocalJWKSet({ keys: [publicJwk] }),
      clockToleranceSec: 0,
    },
    clock,
  );
  app = new Hono<AppEnv>();
  const logger = createLogger('silent');
  app.onError(createErrorHandler(logger));
  app.notFound(handleNotFound);
  app.use(...requestContext(logger));
  const api = new Hono<ActorEnv>();
  api.get('/reports', requireActor(verify), requirePermission('reports:read'), (c) =>
    c.json({ actor: c.var.actor.id }),
  );
  app.route('/', api);
});

const invalid = errorEnvelope('UNAUTHENTICATED', 'The access token is not valid.');

describe('access token verification', () => {
  it('admits a well-formed token and reads the actor from its grants claim', async () => {
    expect(await call(await token())).toEqual({ status: 200, body: { actor: 'u-hq' } });
    expect(
      await verify(
        await token({ kiryana_grants: 'regional_manager@region:r1 sales:read@store:s9 bogus@all' }),
      ),
    ).toEqual({
      id: 'u-hq',
      kind: 'user',
      grants: [{ role: 'regional_manager', scope: { kind: 'region', regionId: 'r1' } }],
      extraPermissions: [{ permission: 'sales:read', scope: { kind: 'store', storeId: 's9' } }],
    });
  });

  it('refuses every forged, stale or misdirected token with 401 and the envelope', async () => {
    const good = await token();
    const [header, payload, signature] = good.split('.');
    const publicPem = await exportSPKI(keys.publicKey);
    const hsHeader = b64({ alg: 'HS256', typ: 'at+jwt', kid: 'k1' });
    const hsPayload = payload ?? '';
    const hsConfused = `${hsHeader}.${hsPayload}.${createHmac('sha256', publicPem).update(`${hsHeader}.${hsPayload}`).digest('base64url')}`;
    const cases: Record<string, string> = {
      'not-yet-valid': await token({ nbf: NOW_S + 600 }),
      'wrong issuer': await new SignJWT({})
        .setProtectedHeader({ alg: 'RS256', typ: 'at+jwt', kid: 'k1' })
        .setIssuer('https://evil.test')
        .setAudience(AUDIENCE)
        .setSubject('u-hq')
        .setExpirationTime(NOW_S + 900)
        .sign(keys.privateKey),
      'wrong audience': await token({ aud: 'someone-else' }),
      'alg none': new UnsecuredJWT({
        sub: 'u-hq',
        iss: ISSUER,
        aud: AUDIENCE,
        exp: NOW_S + 900,
        kiryana_grants: ['hq_admin@all'],
      }).encode(),
      'alg none with typ': `${b64({ alg: 'none', typ: 'at+jwt' })}.${payload}.`,
      'HS256 keyed with the RSA public key': hsConfused,
      'tampered payload': `${header}.${b64({ ...JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()), sub: 'u-other' })}.${signature}`,
      'signed by another key': await token({}, {}, otherKeys),
      'wrong typ': await token({}, { typ: 'JWT' }),
      'no typ': await token({}, { typ: undefined }),
      'no exp': await new SignJWT({ kiryana_grants: ['hq_admin@all'] })
        .setProtectedHeader({ alg: 'RS256', typ: 'at+jwt', kid: 'k1' })
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setSubject('u-hq')
        .sign(keys.privateKey),
      garbage: 'not.a.token',
    };
    const results = Object.fromEntries(
      await Promise.all(
        Object.entries(cases).map(async ([name, t]) => [name, await call(t)] as const),
      ),
    );
    expect(results).toEqual(
      Object.fromEntries(Object.keys(cases).map((name) => [name, { status: 401, body: invalid }])),
    );
    expect(await call(await token({ exp: NOW_S - 1 }))).toEqual({
      status: 401,
      body: errorEnvelope('TOKEN_EXPIRED', 'The access token has expired; request a new one.'),
    });
    const missing = await app.request('/reports');
    expect({ status: missing.status, body: await missing.json() }).toEqual({
      status: 401,
      body: errorEnvelope('UNAUTHENTICATED', 'An access token is required.'),
    });
  });

  it('caches a verified token until it expires, then refuses it', async () => {
    const t = await token({ exp: NOW_S + 120 });
    expect((await call(t)).status).toBe(200);
    clock.advance(60_000);
    expect((await call(t)).status).toBe(200);
    clock.advance(61_000);
    expect(await call(t)).toEqual({
      status: 401,
      body: errorEnvelope('TOKEN_EXPIRED', 'The access token has expired; request a new one.'),
    });
    clock.set(NOW_S * 1000);
  });

  it('answers 403 with the envelope when the actor lacks the permission anywhere', async () => {
    const cashier = await token({ kiryana_grants: ['cashier@store:s1'] });
    expect(await call(cashier)).toEqual({
      status: 403,
      body: errorEnvelope('FORBIDDEN', 'This needs the reports:read permission here.', {
        permission: 'reports:read',
      }),
    });
  });
});
