import { errorEnvelopeSchema } from '@kiryana/shared';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../testing/test-databases';
import { type TestApp, openTestApp } from './test-app';

const PATHS = [
  '/v1/devices/enroll',
  '/v1/devices/token',
  '/v1/operator/enrolment-codes',
  '/v1/sync/sales/push',
];

/** Bodies a broken or hostile client might send: not JSON, wrong shapes, huge strings, odd ids. */
const bodyArb = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.json({ maxDepth: 3 }),
  fc
    .record(
      {
        code: fc.oneof(fc.string({ maxLength: 40 }), fc.integer(), fc.constant(null)),
        terminalName: fc.oneof(fc.string({ unit: 'binary', maxLength: 100 }), fc.boolean()),
        deviceId: fc.oneof(
          fc.string({ maxLength: 80 }),
          fc.constantFrom('../../etc', '%00', 'a&b#c=d'),
        ),
        secret: fc.string({ maxLength: 200 }),
      },
      { requiredKeys: [] },
    )
    .map((value) => JSON.stringify(value)),
);

const headerArb = fc.record(
  {
    'content-type': fc.constantFrom(
      'application/json',
      'text/plain',
      'application/x-www-form-urlencoded',
      '',
    ),
    authorization: fc.oneof(
      fc.string({ maxLength: 60 }).map((s) => `Bearer ${s}`),
      fc.constantFrom(
        'Bearer',
        'Basic Zm9vOmJhcg==',
        'Bearer a.b.c',
        'Bearer eyJhbGciOiJub25lIn0.e30.',
      ),
    ),
  },
  { requiredKeys: [] },
);

describe.each(testDatabases().slice(-1))('malformed input on $name', (database) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await openTestApp(database, { maxBodyBytes: 4096 });
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers every malformed request with a 4xx envelope, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...PATHS),
        bodyArb,
        headerArb,
        async (path, body, headers) => {
          const cleanHeaders = Object.fromEntries(
            Object.entries(headers).filter(([, v]) => v !== ''),
          );
          const res = await t.app.request(path, { method: 'POST', headers: cleanHeaders, body });
          expect(res.status).toBeGreaterThanOrEqual(400);
          expect(res.status).toBeLessThan(500);
          expect(errorEnvelopeSchema.safeParse(await res.json()).success).toBe(true);
        },
      ),
      { numRuns: 1000, seed: 20_260_401 },
    );
    const { rows } = await t.db.query<{ n: number }>('SELECT count(*)::int8 AS n FROM devices');
    expect(rows[0]?.n).toBe(0);
  }, 120_000);

  it('answers odd paths, methods and query strings with a 4xx envelope', async () => {
    const segment = fc.oneof(
      fc.constantFrom(
        'v1',
        'sync',
        'devices',
        'products',
        'pull',
        'push',
        'stream',
        'state',
        '..',
        '%2F',
        '%00',
      ),
      fc.string({ maxLength: 12 }).map(encodeURIComponent),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH'),
        fc.array(segment, { minLength: 1, maxLength: 4 }),
        fc.string({ maxLength: 40 }).map(encodeURIComponent),
        async (method, segments, query) => {
          const res = await t.app.request(
            `/${segments.join('/')}?checkpoint=${query}&limit=${query}`,
            {
              method,
              headers: { Authorization: 'Bearer x.y.z' },
            },
          );
          expect(res.status).toBeGreaterThanOrEqual(400);
          expect(res.status).toBeLessThan(500);
          expect(errorEnvelopeSchema.safeParse(await res.json()).success).toBe(true);
        },
      ),
      { numRuns: 500, seed: 20_260_402 },
    );
  }, 120_000);
});
