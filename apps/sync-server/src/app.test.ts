import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
});
