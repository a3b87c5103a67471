import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type FuzzRequest,
  encodeLoosely,
  expectNoServerError,
  fuzzInit,
  fuzzRunShare,
  hostileText,
  jsonRequest,
  oddUnicode,
  readAnswer,
  tablesFingerprint,
  urlValue,
  wrongType,
} from '../../testing/fuzz-arbitraries';
import { suiteFixture } from '../../testing/suite-fixture';
import { insertStores } from '../../testing/sync-fixtures';
import { testDatabases } from '../../testing/test-databases';
import { DEMO_INTEGRATION_CLIENT_ID, seedDemoIdentityIfEmpty } from '../seed/demo-users';
import { serveIdentityApp, startSignIn } from './identity-test-kit';
import { ADMIN_CLIENT_ID } from './oidc-clients';

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

const text = fc.oneof(hostileText, fc.constantFrom('ABCDE-FGHIJ', 'dev-1', 'x'));

const deviceRequests: fc.Arbitrary<SocketRequest> = fc.oneof(
  fc
    .record(
      { code: fc.oneof(text, wrongType), terminalName: fc.oneof(text, wrongType) },
      { requiredKeys: [] },
    )
    .map((body) => jsonRequest('POST', '/v1/devices/enroll', body)),
  fc
    .record({
      path: fc.constantFrom('/v1/devices/token', '/v1/devices/pin-key'),
      deviceId: fc.oneof(text, wrongType),
      secret: fc.oneof(text, wrongType),
    })
    .map(({ path, ...body }) => jsonRequest('POST', path, body)),
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
    const db = suiteFixture(() => database.open(), { timeoutMs: 120_000 });
    // Behind a "proxy", so each fuzzed token request can come from its own address and the token
    // endpoint's per-address throttle does not end the run after a few dozen requests.
    const server = suiteFixture(
      async () => {
        await insertStores(db, 'r1', ['s1']);
        await seedDemoIdentityIfEmpty(db, Date.now());
        return serveIdentityApp(db, { trustProxy: true });
      },
      { timeoutMs: 120_000 },
    );
    /** The path and cookies of a real, open sign-in interaction. */
    let interaction = { path: '', cookie: '' };

    beforeAll(async () => {
      // Start a real sign-in as the admin web does, to fuzz its form.
      const started = await startSignIn(server.base, 'openid');
      interaction = {
        path: new URL(started.location, server.base).pathname,
        cookie: started.cookie,
      };
    }, 120_000);

    const runs = fuzzRunShare(database);

    async function send(request: SocketRequest) {
      const response = await fetch(`${server.base}${request.path}`, {
        ...fuzzInit(request, request.headers),
        redirect: 'manual',
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
        await fetch(`${server.base}/oidc/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: 'grant_type=client_credentials&client_id=nobody',
        }),
        await fetch(`${server.base}/oidc/.well-known/openid-configuration`),
        await fetch(`${server.base}/oidc/jwks`),
      ];
      expect(
        answers.map((a) => [
          a.headers.get('x-content-type-options'),
          a.headers.get('referrer-policy'),
          a.headers.get('cache-control'),
        ]),
      ).toEqual([
        ['nosniff', 'no-referrer', 'no-store'],
        // Public documents: cached for five minutes (http/cache-policy.ts).
        ['nosniff', 'no-referrer', 'public, max-age=300'],
        ['nosniff', 'no-referrer', 'public, max-age=300'],
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
