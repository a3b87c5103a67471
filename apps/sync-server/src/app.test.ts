import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEnrolmentCode } from './features/devices/device.service';
import { seedDemo } from './features/seed/seed.service';
import { type TestApp, openTestApp } from './http/test-app';
import { testDatabases } from './testing/test-databases';

describe.each(testDatabases())('app shell on $name', (database) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await openTestApp(database, { maxBodyBytes: 1024 });
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers an unknown route with the NOT_FOUND envelope and a request id', async () => {
    const res = await t.app.request('/nope?x=1');
    expect(res.status).toBe(404);
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(await res.json()).toEqual({
      error: { code: 'NOT_FOUND', message: 'No route for GET /nope.' },
    });
  });

  it('answers a known path with the wrong method with METHOD_NOT_ALLOWED and Allow', async () => {
    const res = await t.app.request('/v1/devices/enroll', { method: 'GET' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
    expect(await res.json()).toEqual({
      error: {
        code: 'METHOD_NOT_ALLOWED',
        message: 'GET is not allowed here.',
        details: { allow: ['POST'] },
      },
    });
  });

  it('echoes a sane caller request id and replaces an odd one', async () => {
    const kept = await t.app.request('/healthz', { headers: { 'X-Request-Id': 'abc-123' } });
    expect(kept.headers.get('x-request-id')).toBe('abc-123');
    const replaced = await t.app.request('/healthz', { headers: { 'X-Request-Id': 'a b<c>' } });
    expect(replaced.headers.get('x-request-id')).not.toBe('a b<c>');
  });

  it('refuses a body over the limit with PAYLOAD_TOO_LARGE', async () => {
    const res = await t.app.request('/v1/devices/enroll', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ code: 'x'.repeat(2000), terminalName: 'T' }),
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({
      error: {
        code: 'PAYLOAD_TOO_LARGE',
        message: 'The body exceeds 1024 bytes.',
        details: { maxBytes: 1024 },
      },
    });
  });

  it('reports liveness and readiness with every migration applied', async () => {
    const live = await t.app.request('/healthz');
    expect([live.status, await live.json()]).toEqual([200, { status: 'ok' }]);
    const ready = await t.app.request('/readyz');
    expect([ready.status, await ready.json()]).toEqual([
      200,
      { status: 'ready', database: 'up', pendingMigrations: [] },
    ]);
  });

  it('is not ready when a migration is missing', async () => {
    await t.db.query(`DELETE FROM schema_migrations WHERE name = '0001_core.sql'`);
    const res = await t.app.request('/readyz');
    await t.db.query(`INSERT INTO schema_migrations (name) VALUES ('0001_core.sql')`);
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    expect(await res.json()).toEqual({
      error: {
        code: 'UNAVAILABLE',
        message: 'Not ready.',
        details: { database: 'up', pendingMigrations: ['0001_core.sql'] },
      },
    });
  });

  it('exposes Prometheus metrics by route pattern, status and open streams', async () => {
    await t.app.request('/healthz');
    await t.app.request('/no/such/thing');
    const res = await t.app.request('/metrics');
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0.0.4/);
    const text = await res.text();
    expect(text).toMatch(
      /^http_requests_total\{method="GET",route="\/healthz",status="200"\} \d+$/m,
    );
    expect(text).toMatch(
      /^http_requests_total\{method="GET",route="unmatched",status="404"\} \d+$/m,
    );
    expect(text).toMatch(
      /^http_request_duration_seconds_bucket\{le="0.005",method="GET",route="\/healthz",status="200"\} \d+$/m,
    );
    expect(text).toMatch(/^sync_streams_open 0$/m);
    expect(text).toMatch(/^process_cpu_seconds_total /m);
  });

  it('serves replication to an enrolled device through the whole app, scoped to its store', async () => {
    await seedDemo({ db: t.db, clock: t.clock }, { products: 40 });
    const { code } = await createEnrolmentCode(t.deps, 'BLR1');
    const post = (path: string, body: unknown) =>
      t.app.request(path, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    const enrolled = (await (
      await post('/v1/devices/enroll', { code, terminalName: 'Till 1' })
    ).json()) as {
      deviceId: string;
      deviceSecret: string;
    };
    const { accessToken } = (await (
      await post('/v1/devices/token', {
        deviceId: enrolled.deviceId,
        secret: enrolled.deviceSecret,
      })
    ).json()) as { accessToken: string };
    const get = (path: string) =>
      t.app.request(path, { headers: { Authorization: `Bearer ${accessToken}` } });

    const anonymous = await t.app.request('/v1/sync/products/pull');
    expect([anonymous.status, await anonymous.json()]).toEqual([
      401,
      { error: { code: 'UNAUTHENTICATED', message: 'An access token is required.' } },
    ]);
    const products = (await (await get('/v1/sync/products/pull?limit=1000')).json()) as {
      documents: unknown[];
    };
    expect(products.documents).toHaveLength(40);
    const levels = (await (await get('/v1/sync/stock-levels/pull?limit=1000')).json()) as {
      documents: { storeId: string }[];
    };
    expect(levels.documents.length).toBeGreaterThan(30);
    expect(new Set(levels.documents.map((d) => d.storeId))).toEqual(new Set(['st-blr1']));
    const state = (await (await get('/v1/sync/state')).json()) as { storeId: string };
    expect(state.storeId).toBe('st-blr1');
  });
});
