import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { openIdentityTestApp } from '../features/identity/identity-test-kit';
import { suiteFixture } from '../testing/suite-fixture';
import { testDatabases } from '../testing/test-databases';

/** What every answer carries, whatever it is (issue 12, item 5). */
const EVERYWHERE = { 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' };
const NOTHING_RUNS = "default-src 'none'; frame-ancestors 'none'";

function headersOf(response: Response, names: readonly string[]): Record<string, string | null> {
  return Object.fromEntries(names.map((name) => [name, response.headers.get(name)]));
}

describe.each(testDatabases().slice(-1))('hardening headers on $name', (database) => {
  const t = suiteFixture(() => openIdentityTestApp(database));
  let hq = '';
  beforeAll(async () => {
    hq = await t.mint('hq-1', ['hq_admin@all']);
  }, 60_000);

  const get = (path: string, token?: string) =>
    t.app.request(path, token ? { headers: { authorization: `Bearer ${token}` } } : {});

  it.each([
    ['/healthz', 200],
    ['/openapi.json', 200],
    ['/no/such/path', 404],
    ['/v1/users', 401],
    ['/v1/pins/verifiers', 401],
    ['/v1/devices/token', 405],
    ['/v1/admin/products?q=%00', 400],
  ])(
    '%s answers %i with nosniff, no referrer and a CSP under which nothing runs',
    async (path, status) => {
      const response = await get(path);
      expect(response.status).toBe(status);
      expect(headersOf(response, [...Object.keys(EVERYWHERE), 'content-security-policy'])).toEqual({
        ...EVERYWHERE,
        'content-security-policy': NOTHING_RUNS,
      });
    },
  );

  it('marks personal answers and errors no-store: people, audit, PINs, devices, tokens', async () => {
    const answers = [
      await get('/v1/users', hq),
      await get('/v1/role-assignments', hq),
      await get('/v1/audit/verify', hq),
      await get('/v1/users'),
      await get('/v1/pins/verifiers'),
      await t.app.request('/v1/devices/token', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"deviceId":"d","secret":"s"}',
      }),
    ];
    expect(answers.map((a) => [a.status >= 400, a.headers.get('cache-control')])).toEqual([
      [false, 'no-store'],
      [false, 'no-store'],
      [false, 'no-store'],
      [true, 'no-store'],
      [true, 'no-store'],
      [true, 'no-store'],
    ]);
  });

  it('gives /docs a CSP that allows its own stylesheet by hash and no script at all', async () => {
    const response = await get('/docs');
    const html = await response.text();
    const css = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
    const hash = createHash('sha256').update(css).digest('base64');
    expect(headersOf(response, [...Object.keys(EVERYWHERE), 'content-security-policy'])).toEqual({
      ...EVERYWHERE,
      'content-security-policy': `default-src 'none'; style-src 'sha256-${hash}'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
    });
  });

  it('gives the admin web pages a CSP of their own origin plus the external issuer', async () => {
    const response = await get('/admin/');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp.split('; ')).toEqual(
      expect.arrayContaining([
        "default-src 'self'",
        "connect-src 'self' https://issuer.test",
        "object-src 'none'",
        "frame-ancestors 'none'",
      ]),
    );
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
