import { errorEnvelope } from '@kiryana/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { suiteFixture } from '../../testing/suite-fixture';
import { insertStores } from '../../testing/sync-fixtures';
import { testDatabases } from '../../testing/test-databases';
import { DEMO_INTEGRATION_CLIENT_ID, seedDemoIdentityIfEmpty } from '../seed/demo-users';
import { TEST_AUDIENCE, serveIdentityApp, startSignIn } from './identity-test-kit';

/** The embedded provider on a real socket (it needs Node's request objects), without a browser. */
describe('embedded provider over HTTP', () => {
  const db = suiteFixture(() => {
    const database = testDatabases().at(-1);
    if (!database) throw new Error('no test database');
    return database.open();
  });
  const server = suiteFixture(async () => {
    await insertStores(db, 'r1', ['s1']);
    await insertStores(db, 'r2', ['s2']);
    await seedDemoIdentityIfEmpty(db, Date.now());
    return serveIdentityApp(db);
  });
  let base = '';
  beforeAll(() => {
    base = server.base;
  });

  const clientCredentials = (secret: string) =>
    fetch(`${base}/oidc/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${DEMO_INTEGRATION_CLIENT_ID}:${secret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        scope: 'api',
        resource: TEST_AUDIENCE,
      }),
    });

  it('gives an HQ integration a JWT for the API holding exactly its permissions', async () => {
    const response = await clientCredentials(
      server.identity.clientSecret(DEMO_INTEGRATION_CLIENT_ID),
    );
    const body = (await response.json()) as { access_token: string; token_type: string };
    expect([response.status, body.token_type]).toEqual([200, 'Bearer']);
    const [header, payload] = body.access_token
      .split('.')
      .slice(0, 2)
      .map(
        (part) => JSON.parse(Buffer.from(part, 'base64url').toString()) as Record<string, unknown>,
      );
    expect(header).toMatchObject({ alg: 'RS256', typ: 'at+jwt' });
    expect(payload).toMatchObject({
      iss: `${base}/oidc`,
      aud: TEST_AUDIENCE,
      sub: DEMO_INTEGRATION_CLIENT_ID,
      kiryana_grants: [
        'integration@all',
        'sales:read@all',
        'stock:read@all',
        'reports:read@all',
        'webhooks:manage@all',
      ],
    });
    const auth = { headers: { authorization: `Bearer ${body.access_token}` } };
    const report = await fetch(
      `${base}/v1/reports/sales-by-store?from=2026-01-01&to=2026-01-31`,
      auth,
    );
    expect(
      ((await report.json()) as { stores: { storeId: string }[] }).stores.map((s) => s.storeId),
    ).toEqual(['s1', 's2']);
    const stores = await fetch(`${base}/v1/stores`, auth);
    expect({ status: stores.status, body: await stores.json() }).toEqual({
      status: 403,
      body: errorEnvelope('FORBIDDEN', 'This needs the stores:read permission here.', {
        permission: 'stores:read',
      }),
    });
    const wrong = await clientCredentials('not-the-secret');
    expect([wrong.status, ((await wrong.json()) as { error: string }).error]).toEqual([
      401,
      'invalid_client',
    ]);
  });

  it('tells a person whose sign-in expired to start again, in their language', async () => {
    const stale = await fetch(`${base}/oidc/interaction/no-such-interaction`, {
      headers: { 'accept-language': 'hi-IN,hi;q=0.9' },
    });
    expect(stale.status).toBe(400);
    expect(await stale.text()).toContain('यह साइन-इन पुराना हो गया है');
  });

  it('rate-limits sign-in attempts on the sign-in page', async () => {
    const { location, cookie: cookies } = await startSignIn(base, 'openid api');
    expect(location).toMatch(/^\/oidc\/interaction\//);
    const statuses: number[] = [];
    for (let i = 0; i < 7; i += 1) {
      const attempt = await fetch(`${base}${location}/login`, {
        method: 'POST',
        headers: { cookie: cookies, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ username: 'cashier', password: `guess-${i}`, lang: 'en' }),
        redirect: 'manual',
      });
      statuses.push(attempt.status);
      if (attempt.status === 429)
        expect(Number(attempt.headers.get('retry-after'))).toBeGreaterThan(0);
      await attempt.text();
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
    const failed = await db.query(
      "SELECT count(*)::int AS n FROM audit_log WHERE kind = 'auth.sign_in_failed'",
    );
    expect(failed.rows[0]).toEqual({ n: 5 });
  });

  it('rate-limits the token endpoint per address with the error envelope', async () => {
    // A burst well over the bucket (60): refill during the burst is ten a second at most.
    const answers = await Promise.all(
      Array.from({ length: 100 }, async () => {
        const response = await fetch(`${base}/oidc/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: 'grant_type=client_credentials',
        });
        return { status: response.status, body: await response.json() };
      }),
    );
    const refused = answers.filter((a) => a.status === 429);
    expect(refused.length).toBeGreaterThanOrEqual(20);
    expect(answers.length - refused.length).toBeGreaterThanOrEqual(40);
    expect(new Set(refused.map((a) => JSON.stringify(a.body)))).toEqual(
      new Set([
        JSON.stringify(errorEnvelope('RATE_LIMITED', 'Too many token requests; slow down.')),
      ]),
    );
  });
});
