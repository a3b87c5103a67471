import { CHECKPOINT_RESTART_HEADER } from '@kiryana/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { openIdentityTestApp } from '../features/identity/identity-test-kit';
import { documentedRoutes } from '../testing/openapi-routes';
import { suiteFixture } from '../testing/suite-fixture';
import { insertProducts, insertStores } from '../testing/sync-fixtures';
import { testDatabases } from '../testing/test-databases';

/** Sample values for the path parameters of the documented routes. */
const PARAMS: Readonly<Record<string, string>> = { collection: 'products' };

describe.each(testDatabases().slice(0, 1))('HTTP caching on $name', (database) => {
  const t = suiteFixture(() => openIdentityTestApp(database));
  let hq = '';
  let device = '';
  beforeAll(async () => {
    await insertStores(t.db, 'r1', ['store-a']);
    await insertProducts(t.db, ['p001', 'p002', 'p003']);
    await t.db.query(
      `INSERT INTO prices (id, product_id, level, region_id, store_id, price_minor, mrp_minor, effective_from)
       VALUES ('price-hq', 'p001', 'hq', NULL, NULL, 4500, 5000, '2026-01-01')`,
    );
    hq = await t.mint('hq-1', ['hq_admin@all']);
    device = (await t.enrolDevice('store-a')).token;
  }, 60_000);

  const get = (path: string, token: string, headers: Record<string, string> = {}) =>
    t.app.request(path, { headers: { authorization: `Bearer ${token}`, ...headers } });

  /** A GET, then the same GET naming the ETag it got; both answers. */
  async function twice(path: string, token: string) {
    const first = await get(path, token);
    const body = await first.text();
    const etag = first.headers.get('etag') ?? '';
    const second = await get(path, token, { 'if-none-match': etag });
    return { first, body, etag, second, secondBody: await second.text() };
  }

  it('answers every documented route with a Cache-Control, asked with and without a token', async () => {
    const doc = (await (await t.app.request('/openapi.json')).json()) as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    const routes = documentedRoutes(doc);
    expect(routes.length).toBeGreaterThan(40);
    const missing: string[] = [];
    const tagged: [string, boolean, boolean][] = [];
    for (const { method, path } of routes) {
      const url = path.replace(/:([A-Za-z]+)/g, (_, name: string) => PARAMS[name] ?? 'x');
      const token = url.startsWith('/v1/sync/') ? device : hq;
      for (const authorization of [undefined, `Bearer ${token}`]) {
        const response = await t.app.request(url, {
          method: method.toUpperCase(),
          headers: {
            ...(authorization ? { authorization } : {}),
            ...(method === 'get' ? {} : { 'content-type': 'application/json' }),
          },
          ...(method === 'get' || method === 'head' ? {} : { body: '{}' }),
        });
        await response.body?.cancel(); // event streams end here
        if (method === 'get' && response.status === 200) {
          // The document promises 304 (and an ETag) exactly where the server tags the answer.
          const documented = doc.paths[path.replace(/:([A-Za-z]+)/g, '{$1}')]?.get?.responses;
          tagged.push([
            `${method} ${path}`,
            response.headers.has('etag'),
            '304' in (documented ?? {}),
          ]);
        }
        const cacheControl = response.headers.get('cache-control');
        if (!cacheControl) missing.push(`${method} ${url} ${String(response.status)}`);
        if (
          url.startsWith('/v1/') &&
          response.headers.get('content-type') !== 'text/event-stream'
        ) {
          // Personal or the chain's own: never a shared cache; at most a private revalidated copy.
          expect(cacheControl, `${method} ${url}`).toMatch(/^(no-store|private, no-cache)$/);
          expect(response.headers.get('vary'), `${method} ${url}`).toMatch(/Authorization/);
        }
      }
    }
    expect(missing).toEqual([]);
    expect(tagged.filter(([, etag, documented]) => etag !== documented)).toEqual([]);
    expect(tagged.filter(([, etag]) => etag).length).toBeGreaterThan(20);
  });

  it('marks personal answers and errors no-store, event streams no-cache without an ETag', async () => {
    const answers = {
      users: await get('/v1/users', hq),
      audit: await get('/v1/audit/verify', hq),
      me: await get('/v1/admin/me', hq),
      sales: await get('/v1/sync/sales/pull', device),
      state: await get('/v1/sync/state', device),
      healthz: await t.app.request('/healthz'),
      notFound: await t.app.request('/no/such/path'),
      badQuery: await get('/v1/sync/products/pull?limit=nope', device),
    };
    const seen = Object.fromEntries(
      Object.entries(answers).map(([name, r]) => [
        name,
        [r.status, r.headers.get('cache-control')],
      ]),
    );
    expect(seen).toEqual({
      users: [200, 'no-store'],
      audit: [200, 'no-store'],
      me: [200, 'no-store'],
      sales: [200, 'no-store'],
      state: [200, 'no-store'],
      healthz: [200, 'no-store'],
      notFound: [404, 'no-store'],
      badQuery: [400, 'no-store'],
    });
    expect(answers.badQuery.headers.get('etag')).toBeNull();

    const stream = await get('/v1/sync/stream', device);
    expect(stream.headers.get('content-type')).toBe('text/event-stream');
    expect(stream.headers.get('cache-control')).toBe('no-cache');
    expect(stream.headers.get('etag')).toBeNull();
    await stream.body?.cancel();
  });

  it('answers a repeated catalogue pull 304 with the same ETag, then 200 after a price change', async () => {
    const repeat = await twice('/v1/sync/prices/pull', device);
    expect(repeat.first.status).toBe(200);
    expect(repeat.first.headers.get('cache-control')).toBe('private, no-cache');
    expect(repeat.first.headers.get('vary')).toBe('Authorization');
    expect(repeat.etag).toMatch(/^"[A-Za-z0-9_-]{22}"$/);
    expect(JSON.parse(repeat.body)).toMatchObject({ documents: [{ id: 'price-hq' }] });
    expect(repeat.second.status).toBe(304);
    expect(repeat.secondBody).toBe('');
    expect(repeat.second.headers.get('etag')).toBe(repeat.etag);
    expect(repeat.second.headers.get('cache-control')).toBe('private, no-cache');
    expect(repeat.second.headers.get('content-length')).toBeNull();

    await t.db.query(`UPDATE prices SET price_minor = 4400 WHERE id = 'price-hq'`);
    const changed = await get('/v1/sync/prices/pull', device, { 'if-none-match': repeat.etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(repeat.etag);
    expect(await changed.json()).toMatchObject({ documents: [{ priceMinor: 4400 }] });
  });

  it('keeps the checkpoint restart header on a 304 of a restarted pull', async () => {
    const stale = encodeURIComponent(JSON.stringify({ v: 1, epoch: 'not-this-one', seq: '0' }));
    const repeat = await twice(`/v1/sync/products/pull?checkpoint=${stale}`, device);
    expect(repeat.first.status).toBe(200);
    const restart = repeat.first.headers.get(CHECKPOINT_RESTART_HEADER);
    expect(restart).not.toBeNull();
    expect(repeat.second.status).toBe(304);
    expect(repeat.second.headers.get(CHECKPOINT_RESTART_HEADER)).toBe(restart);
  });

  it('answers a repeated admin GET and a repeated CSV export 304, and HEAD like GET', async () => {
    const products = await twice('/v1/admin/products', hq);
    expect([products.first.status, products.second.status]).toEqual([200, 304]);
    expect(products.first.headers.get('cache-control')).toBe('no-store');
    expect(products.second.headers.get('cache-control')).toBe('no-store');

    const csv = await twice('/v1/admin/products/export.csv', hq);
    expect(csv.first.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.body).toContain('SKU-p001');
    expect([csv.first.status, csv.second.status]).toEqual([200, 304]);
    expect(csv.second.headers.get('content-disposition')).toBeNull();

    const head = await t.app.request('/v1/admin/products/export.csv', {
      method: 'HEAD',
      headers: { authorization: `Bearer ${hq}` },
    });
    expect(head.status).toBe(200);
    expect(head.headers.get('etag')).toBe(csv.etag);
    expect(await head.text()).toBe('');

    // Another person's copy is another representation only if the bytes differ; the ETag is of
    // bytes, so a wrong or stale tag is answered in full.
    const stale = await get('/v1/admin/products', hq, { 'if-none-match': '"stale", W/"other"' });
    expect(stale.status).toBe(200);
  });

  it('lets anyone cache the public reference for five minutes and revalidate it', async () => {
    for (const path of ['/openapi.json', '/docs']) {
      const first = await t.app.request(path);
      const etag = first.headers.get('etag') ?? '';
      expect([first.status, first.headers.get('cache-control')]).toEqual([
        200,
        'public, max-age=300',
      ]);
      expect(first.headers.get('vary')).toBeNull();
      const again = await t.app.request(path, { headers: { 'if-none-match': `W/${etag}` } });
      expect(again.status).toBe(304);
    }
  });
});
