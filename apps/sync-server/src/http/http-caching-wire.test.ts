import { serve } from '@hono/node-server';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type IdentityServer,
  listeningPort,
  openIdentityTestApp,
  serveIdentityApp,
} from '../features/identity/identity-test-kit';
import { suiteFixture } from '../testing/suite-fixture';
import { testDatabases } from '../testing/test-databases';

/**
 * HTTP caching through @hono/node-server on a real socket: its lightweight Response writes the
 * bytes the middleware hashed, a 304 goes out without a body, and the embedded OpenID provider's
 * own answers (written straight to Node's response) pass untouched.
 */
describe.each(testDatabases().slice(0, 1))('HTTP caching over a socket on $name', (database) => {
  const t = suiteFixture(async () => {
    const opened = await openIdentityTestApp(database);
    const server = serve({ fetch: opened.app.fetch, port: 0, hostname: '127.0.0.1' });
    const base = `http://127.0.0.1:${String(await listeningPort(server))}`;
    const provider = await serveIdentityApp(opened.db);
    return {
      base,
      provider,
      async close() {
        await provider.close();
        await new Promise<void>((resolve) =>
          server.close(() => {
            resolve();
          }),
        );
        await opened.close();
      },
    };
  });
  let base = '';
  let provider: IdentityServer;
  beforeAll(() => {
    base = t.base;
    provider = t.provider;
  });

  it('sends the hashed bytes with their length, 304 without a body, HEAD with the same tag', async () => {
    const first = await fetch(`${base}/openapi.json`);
    const body = await first.text();
    const etag = first.headers.get('etag') ?? '';
    expect(first.status).toBe(200);
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{22}"$/);
    expect(JSON.parse(body)).toMatchObject({ openapi: '3.1.0' });
    expect(first.headers.get('content-length')).toBe(String(Buffer.byteLength(body)));

    const again = await fetch(`${base}/openapi.json`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(again.headers.get('etag')).toBe(etag);
    expect(again.headers.get('cache-control')).toBe('public, max-age=300');
    expect(again.headers.get('x-content-type-options')).toBe('nosniff');

    const head = await fetch(`${base}/openapi.json`, { method: 'HEAD' });
    expect([head.status, head.headers.get('etag'), await head.text()]).toEqual([200, etag, '']);
  });

  it('leaves the embedded provider answers as the provider wrote them', async () => {
    const discovery = await fetch(`${provider.base}/oidc/.well-known/openid-configuration`);
    expect(discovery.status).toBe(200);
    expect(await discovery.json()).toMatchObject({ issuer: `${provider.base}/oidc` });
    expect(discovery.headers.get('etag')).toBeNull();
    // The default set on Node's response before the provider wrote; its own where it has one.
    expect(discovery.headers.get('cache-control')).toBe('public, max-age=300');
    const keys = await fetch(`${provider.base}/oidc/jwks`);
    expect([keys.status, keys.headers.get('cache-control')]).toEqual([200, 'public, max-age=300']);
    const signIn = await fetch(`${provider.base}/oidc/auth`);
    expect([signIn.status, signIn.headers.get('cache-control')]).toEqual([400, 'no-store']);
  });
});
