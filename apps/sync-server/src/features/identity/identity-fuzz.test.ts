import { createHash, randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { type ServerType, serve } from '@hono/node-server';
import fc from 'fast-check';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppEnv } from '../../http/app-env';
import { createApp } from '../../app';
import { deriveDeviceTokenKey } from '../../auth/device-token';
import { createDeviceTokenVerifier } from '../devices/device-verifier';
import { createLogger } from '../../http/logger';
import {
  type FuzzRequest,
  encodeLoosely,
  expectNoServerError,
  hostileText,
  oddUnicode,
  readAnswer,
  tablesFingerprint,
  urlValue,
  wrongType,
} from '../../testing/fuzz-arbitraries';
import { insertStores } from '../../testing/sync-fixtures';
import { type TestDb, testDatabases } from '../../testing/test-databases';
import { DEMO_INTEGRATION_CLIENT_ID, seedDemoIdentityIfEmpty } from '../seed/demo-users';
import { createIdentity } from './identity';
import { testIdentityConfig } from './identity-test-kit';
import { ADMIN_CLIENT_ID } from './oidc-provider';

/**
 * The endpoints a caller reaches before holding any token (issue 12, item 4): device enrolment and
 * token exchange (`/v1/devices/*`), and the inputs of the embedded OpenID provider that are ours
 * (token endpoint parameters and client credentials, which reach our client and model storage;
 * the sign-in form of a real interaction). On a real socket, since the provider reads Node's
 * request. No 5xx; errors are our envelope or, from the provider, an OAuth error object; and no
 * device, code, person or client is created.
 */

const WRITTEN_TABLES = [
  'devices',
  'enrolment_codes',
  'users',
  'role_assignments',
  'integration_clients',
];

const form = (
  path: string,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
) => ({
  method: 'POST',
  path,
  body: Object.entries(fields)
    .map(([key, value]) => `${encodeLoosely(key)}=${encodeLoosely(value)}`)
    .join('&'),
  contentType: 'application/x-www-form-urlencoded',
  headers,
});

type SocketRequest = FuzzRequest & { readonly headers?: Record<string, string> };

const json = (path: string, body: unknown): SocketRequest => ({
  method: 'POST',
  path,
  body: JSON.stringify(body),
  contentType: 'application/json',
});

const text = fc.oneof(hostileText, fc.constantFrom('ABCDE-FGHIJ', 'dev-1', 'x'));

const deviceRequests: fc.Arbitrary<SocketRequest> = fc.oneof(
  fc
    .record(
      { code: fc.oneof(text, wrongType), terminalName: fc.oneof(text, wrongType) },
      { requiredKeys: [] },
    )
    .map((body) => json('/v1/devices/enroll', body)),
  fc
    .record({
      path: fc.constantFrom('/v1/devices/token', '/v1/devices/pin-key'),
      deviceId: fc.oneof(text, wrongType),
      secret: fc.oneof(text, wrongType),
    })
    .map(({ path, ...body }) => json(path, body)),
);

/** A Basic credential of any client id and secret, hostile or not. */
const basic = fc
  .tuple(fc.oneof(text, fc.constant(DEMO_INTEGRATION_CLIENT_ID)), text)
  .map(([id, secret]) => ({
    authorization: `Basic ${Buffer.from(`${encodeLoosely(id)}:${encodeLoosely(secret)}`).toString('base64')}`,
  }));

const tokenRequests: fc.Arbitrary<SocketRequest> = fc
  .record({
    address: fc.ipV4(),
    fields: fc.record(
      {
        grant_type: fc.oneof(
          fc.constantFrom('client_credentials', 'authorization_code', 'refresh_token', 'password'),
          hostileText,
        ),
        client_id: fc.oneof(text, fc.constantFrom(DEMO_INTEGRATION_CLIENT_ID, ADMIN_CLIENT_ID)),
        client_secret: text,
        code: text,
        refresh_token: text,
        code_verifier: text,
        redirect_uri: fc.oneof(text, fc.constant('http://127.0.0.1:5173/auth/callback')),
        scope: fc.oneof(text, fc.constant('api'), oddUnicode),
        resource: fc.oneof(text, fc.constant('urn:kiryana:api')),
      },
      { requiredKeys: [] },
    ),
    headers: fc.option(basic, { nil: undefined }),
    path: fc.constantFrom('/oidc/token', '/oidc/token/revocation'),
  })
  .map(({ address, fields, headers, path }) =>
    form(path, fields, { ...headers, 'x-forwarded-for': address }),
  );

const authorizeRequests: fc.Arbitrary<SocketRequest> = fc
  .record(
    {
      client_id: fc.oneof(text, fc.constant(ADMIN_CLIENT_ID)),
      redirect_uri: fc.oneof(text, fc.constant('http://127.0.0.1:5173/auth/callback')),
      response_type: fc.oneof(text, fc.constant('code')),
      scope: fc.oneof(text, fc.constant('openid')),
      state: text,
      code_challenge: text,
      code_challenge_method: fc.oneof(text, fc.constant('S256')),
    },
    { requiredKeys: [] },
  )
  .map((params) => ({
    method: 'GET',
    path: `/oidc/auth?${Object.entries(params)
      .map(([k, v]) => `${k}=${encodeLoosely(v)}`)
      .join('&')}`,
  }));

const interactionRequests: fc.Arbitrary<SocketRequest> = urlValue(hostileText).map((uid) => ({
  method: 'GET',
  path: `/oidc/interaction/${uid}`,
}));

describe.each(testDatabases())(
  'identity and device endpoints under hostile input on $name',
  (database) => {
    let db: TestDb;
    let server: ServerType;
    let base = '';
    /** The path and cookies of a real, open sign-in interaction. */
    let interaction = { path: '', cookie: '' };

    beforeAll(async () => {
      db = await database.open();
      await insertStores(db, 'r1', ['s1']);
      await seedDemoIdentityIfEmpty(db, Date.now());
      const started: { app?: Hono<AppEnv> } = {};
      server = serve({
        fetch: (request, env) =>
          started.app ? started.app.fetch(request, env) : new Response(null, { status: 503 }),
        port: 0,
        hostname: '127.0.0.1',
      });
      await new Promise<void>((resolve) => server.once('listening', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const clock = { now: () => Date.now() };
      const secret = randomBytes(32).toString('base64url');
      const key = deriveDeviceTokenKey(secret);
      const verifyDeviceToken = createDeviceTokenVerifier({ db, clock, key });
      const identity = await createIdentity({
        db,
        clock,
        secret,
        verifyDeviceToken,
        // Behind a "proxy", so each fuzzed token request can come from its own address and the
        // token endpoint's per-address throttle does not end the run after a few dozen requests.
        config: testIdentityConfig({ publicUrl: base, trustProxy: true }),
      });
      started.app = createApp({
        db,
        clock,
        logger: createLogger('silent'),
        live: {
          publish: () => Promise.resolve(),
          subscribe: () => () => undefined,
          watchDevice: () => () => undefined,
          close: () => Promise.resolve(),
        },
        verifyDeviceToken,
        deviceTokens: { key, ttlSec: 900 },
        maxBodyBytes: 256 * 1024,
        heartbeatMs: 20_000,
        identity,
      });
      // Start a real sign-in as the admin web does, to fuzz its form.
      const verifier = randomBytes(32).toString('base64url');
      const challenge = createHash('sha256').update(verifier).digest('base64url');
      const authorize = await fetch(
        `${base}/oidc/auth?${new URLSearchParams({
          client_id: ADMIN_CLIENT_ID,
          redirect_uri: 'http://127.0.0.1:5173/auth/callback',
          response_type: 'code',
          scope: 'openid',
          code_challenge: challenge,
          code_challenge_method: 'S256',
          resource: 'urn:kiryana:api',
        }).toString()}`,
        { redirect: 'manual' },
      );
      const location = authorize.headers.get('location') ?? '';
      interaction = {
        path: new URL(location, base).pathname,
        cookie: authorize.headers
          .getSetCookie()
          .map((c) => c.split(';')[0])
          .join('; '),
      };
    }, 120_000);
    afterAll(async () => {
      await new Promise<void>((resolve) =>
        server.close(() => {
          resolve();
        }),
      );
      await db.close();
    });

    const runs = database.name === 'postgres' || testDatabases().length === 1 ? 1 : 0.3;

    async function send(request: SocketRequest) {
      const headers: Record<string, string> = { ...request.headers };
      if (request.contentType) headers['content-type'] = request.contentType;
      const response = await fetch(`${base}${request.path}`, {
        method: request.method,
        headers,
        redirect: 'manual',
        ...(request.body === undefined ? {} : { body: request.body }),
      });
      return readAnswer(response);
    }

    /** Below 500; our paths answer the envelope, the provider an OAuth error or a page. */
    function expectRefusedWell(request: SocketRequest, answer: { status: number; body: unknown }) {
      if (!request.path.startsWith('/oidc/')) return expectNoServerError(request, answer);
      expect(
        answer.status,
        `${request.path} ${request.body ?? ''} → ${JSON.stringify(answer.body)}`,
      ).toBeLessThan(500);
      return undefined;
    }

    it('answers the provider’s own endpoints with the hardening headers too', async () => {
      const answers = [
        await fetch(`${base}/oidc/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: 'grant_type=client_credentials&client_id=nobody',
        }),
        await fetch(`${base}/oidc/.well-known/openid-configuration`),
        await fetch(`${base}/oidc/jwks`),
      ];
      expect(
        answers.map((a) => [
          a.headers.get('x-content-type-options'),
          a.headers.get('referrer-policy'),
          a.headers.get('cache-control'),
        ]),
      ).toEqual([
        ['nosniff', 'no-referrer', 'no-store'],
        // Public documents: the provider lets them be cached.
        ['nosniff', 'no-referrer', null],
        ['nosniff', 'no-referrer', null],
      ]);
    });

    it('opened a real sign-in interaction to fuzz', () => {
      expect(interaction.path).toMatch(/^\/oidc\/interaction\/[\w-]+$/);
    });

    it('refuses hostile enrolments and token requests below 500 and creates nothing', async () => {
      const before = await tablesFingerprint(db, WRITTEN_TABLES);
      const codes = new Set<string>();
      await fc.assert(
        fc.asyncProperty(deviceRequests, async (request) => {
          const answer = await send(request);
          const code = expectRefusedWell(request, answer);
          expect(answer.status).toBeGreaterThanOrEqual(400);
          if (code) codes.add(code);
        }),
        { numRuns: Math.round(500 * runs), seed: 20_261_221 },
      );
      expect(await tablesFingerprint(db, WRITTEN_TABLES)).toEqual(before);
      expect([...codes]).toEqual(expect.arrayContaining(['VALIDATION_FAILED']));
    }, 300_000);

    it('answers hostile token, revocation, authorisation and interaction requests below 500', async () => {
      const before = await tablesFingerprint(db, WRITTEN_TABLES);
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(tokenRequests, authorizeRequests, interactionRequests),
          async (request) => {
            expectRefusedWell(request, await send(request));
          },
        ),
        { numRuns: Math.round(600 * runs), seed: 20_261_222 },
      );
      expect(await tablesFingerprint(db, WRITTEN_TABLES)).toEqual(before);
    }, 300_000);

    it('refuses a hostile sign-in form below 500', async () => {
      const statuses = new Set<number>();
      await fc.assert(
        fc.asyncProperty(
          fc.record(
            { username: fc.oneof(text, fc.constant('hq.admin')), password: text },
            { requiredKeys: [] },
          ),
          async (fields) => {
            const request = form(`${interaction.path}/login`, fields, {
              cookie: interaction.cookie,
            });
            const answer = await send(request);
            expectRefusedWell(request, answer);
            expect(answer.status).toBeGreaterThanOrEqual(400);
            statuses.add(answer.status);
          },
        ),
        { numRuns: Math.round(200 * runs), seed: 20_261_223 },
      );
      // The form really reached the password check and the sign-in throttle, not just "expired".
      expect([...statuses]).toEqual(expect.arrayContaining([401, 429]));
    }, 300_000);
  },
);
