import { existsSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertStores } from '../../testing/sync-fixtures';
import { type TestDb, testDatabases } from '../../testing/test-databases';
import { isCi } from '../../testing/test-env';
import { verifyAuditLog } from '../audit/audit-verify';
import { DEMO_PASSWORD, seedDemoIdentityIfEmpty } from '../seed/demo-users';
import {
  type IdentityServer,
  TEST_AUDIENCE,
  listeningPort,
  serveIdentityApp,
} from './identity-test-kit';

/**
 * A new user's path through the real authorization-code flow with PKCE, in Chromium: a tiny admin
 * page (its own origin) sends the browser to the embedded provider, the seeded regional manager
 * signs in on the sign-in page with the keyboard, the page trades the code for tokens, calls a
 * report, and rotates its refresh token (a reused one is refused).
 */

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium && isCi) throw new Error(`${CHROMIUM} is required in CI`);

/** The admin page stand-in: PKCE in the browser with WebCrypto, results written into #result. */
function clientPage(config: { issuer: string; api: string; redirectUri: string }): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Admin</title></head><body><pre id="result"></pre>
<script type="module">
const config = ${JSON.stringify({ ...config, audience: TEST_AUDIENCE })};
const b64 = (bytes) => btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\\+/g, '-').replace(/\\//g, '_').replace(/=+$/, '');
const out = (value) => { document.getElementById('result').textContent = JSON.stringify(value); };
const token = (body) => fetch(config.issuer + '/token', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(body) }).then(async (r) => ({ status: r.status, body: await r.json() }));
const params = new URLSearchParams(location.search);
if (!params.has('code')) {
  const verifier = b64(crypto.getRandomValues(new Uint8Array(32)));
  const challenge = b64(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  const state = b64(crypto.getRandomValues(new Uint8Array(16)));
  sessionStorage.setItem('pkce', JSON.stringify({ verifier, state }));
  location.assign(config.issuer + '/auth?' + new URLSearchParams({ client_id: 'kiryana-admin', response_type: 'code', redirect_uri: config.redirectUri, scope: 'openid profile offline_access api', resource: config.audience, code_challenge: challenge, code_challenge_method: 'S256', state }));
} else {
  const { verifier, state } = JSON.parse(sessionStorage.getItem('pkce'));
  if (params.get('state') !== state) { out({ error: 'state mismatch' }); throw new Error('state'); }
  const first = await token({ grant_type: 'authorization_code', code: params.get('code'), redirect_uri: config.redirectUri, client_id: 'kiryana-admin', code_verifier: verifier });
  const report = await fetch(config.api + '/v1/reports/sales-by-store?from=2026-01-01&to=2026-12-31', { headers: { authorization: 'Bearer ' + first.body.access_token } }).then(async (r) => ({ status: r.status, body: await r.json() }));
  const rotated = await token({ grant_type: 'refresh_token', refresh_token: first.body.refresh_token, client_id: 'kiryana-admin' });
  const reused = await token({ grant_type: 'refresh_token', refresh_token: first.body.refresh_token, client_id: 'kiryana-admin' });
  const afterReuse = await token({ grant_type: 'refresh_token', refresh_token: rotated.body.refresh_token, client_id: 'kiryana-admin' });
  out({ firstBody: first.status === 200 ? undefined : first.body, tokenStatus: first.status, tokenType: first.body.token_type, hasRefresh: typeof first.body.refresh_token === 'string', report, rotated: { status: rotated.status, changed: rotated.body.refresh_token !== first.body.refresh_token }, reused: { status: reused.status, error: reused.body.error }, afterReuse: { status: afterReuse.status, error: afterReuse.body.error } });
}
</script></body></html>`;
}

describe.skipIf(!hasChromium)('sign-in through the authorization-code flow in Chromium', () => {
  const database = testDatabases()[0];
  let db: TestDb;
  let server: IdentityServer;
  let pageServer: Server;
  let browser: Browser;
  let api = '';
  let clientOrigin = '';
  let regionStores: string[] = [];
  const grantErrors: string[] = [];

  beforeAll(async () => {
    if (!database) throw new Error('no test database');
    db = await database.open();
    await insertStores(db, 'r1', ['s1a', 's1b']);
    await insertStores(db, 'r2', ['s2a']);
    await seedDemoIdentityIfEmpty(db, Date.now());
    const { rows } = await db.query<{ id: string }>(
      `SELECT s.id FROM stores s JOIN role_assignments ra ON ra.region_id = s.region_id
         JOIN users u ON u.id = ra.user_id WHERE u.username = 'regional.manager' ORDER BY s.code`,
    );
    regionStores = rows.map((r) => r.id);

    // The page server finds the API's URL when the browser asks for the page, after both listen.
    pageServer = createServer((req, res) => {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(clientPage({ issuer: `${api}/oidc`, api, redirectUri: `${clientOrigin}/callback` }));
    }).listen(0, '127.0.0.1');
    clientOrigin = `http://127.0.0.1:${await listeningPort(pageServer)}`;
    server = await serveIdentityApp(db, { adminRedirectUris: [`${clientOrigin}/callback`] });
    api = server.base;
    // Kept for the failure message: what the provider refused and why.
    server.identity.provider?.on(
      'grant.error',
      (_ctx: unknown, error: { error?: string; error_detail?: string }) => {
        grantErrors.push(`${error.error ?? '?'}: ${error.error_detail ?? ''}`);
      },
    );
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
      ],
    });
  }, 60_000);

  afterAll(async () => {
    await browser.close();
    await server.close();
    await new Promise<void>((resolve) =>
      pageServer.close(() => {
        resolve();
      }),
    );
    await db.close();
  });

  it('signs in a regional manager who then sees only their region’s stores', async () => {
    const page = await browser.newPage();
    await page.goto(`${clientOrigin}/`);
    await page.waitForURL(/\/oidc\/interaction\//);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.getByRole('link', { name: 'हिन्दी में देखें' }).click();
    expect(await page.getAttribute('html', 'lang')).toBe('hi');
    await page.getByLabel('यूज़रनेम').fill('regional.manager');
    await page.getByLabel('पासवर्ड').fill('wrong password');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('सही नहीं');
    expect(await page.evaluate('document.activeElement && document.activeElement.id')).toBe(
      'problem',
    );
    await page.getByLabel('पासवर्ड').fill(DEMO_PASSWORD);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/callback\?/, { timeout: 10_000 }).catch(async (error: unknown) => {
      throw new Error(`${String(error)}\n${page.url()}\n${(await page.content()).slice(0, 3000)}`);
    });
    await page.waitForFunction('document.getElementById("result").textContent !== ""');
    const result = JSON.parse((await page.textContent('#result')) ?? '{}') as {
      report: { status: number; body: { stores: { storeId: string }[] } };
    };
    expect({ ...result, grantErrors: grantErrors.slice(0, 1) }).toEqual({
      grantErrors: ['invalid_grant: refresh token already used'],
      firstBody: undefined,
      tokenStatus: 200,
      tokenType: 'Bearer',
      hasRefresh: true,
      report: {
        status: 200,
        body: { from: '2026-01-01', to: '2026-12-31', stores: expect.any(Array) as unknown[] },
      },
      rotated: { status: 200, changed: true },
      reused: { status: 400, error: 'invalid_grant' },
      afterReuse: { status: 400, error: 'invalid_grant' },
    });
    expect(result.report.body.stores.map((s) => s.storeId)).toEqual(regionStores);
    expect(regionStores).toEqual(['s1a', 's1b']);
    const kinds = await db.query<{ kind: string }>(
      "SELECT kind FROM audit_log WHERE chain = 'global' AND kind LIKE 'auth.%' ORDER BY seq",
    );
    expect(kinds.rows.map((r) => r.kind)).toEqual(['auth.sign_in_failed', 'auth.sign_in']);
    expect((await verifyAuditLog(db)).ok).toBe(true);
    await page.close();
  }, 60_000);
});
