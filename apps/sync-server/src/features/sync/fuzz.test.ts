import { MAX_PUSH_ROWS, errorEnvelopeSchema } from '@kiryana/shared';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Queryable } from '../../db/db';
import {
  type FuzzAnswer,
  fuzzInit,
  fuzzRunShare,
  oddId,
  readAnswer,
  wrongType,
} from '../../testing/fuzz-arbitraries';
import { suiteFixture } from '../../testing/suite-fixture';
import { asPushRows, makeMovement, makeSale } from '../../testing/sync-fixtures';
import { openSyncHarness } from '../../testing/sync-harness';
import { testDatabases } from '../../testing/test-databases';

/**
 * Malformed input never reaches the database and never gets a 5xx: every answer is a 4xx with the
 * shared envelope (or, for a pull whose only fault is an unreadable checkpoint, the documented
 * restart from 0), and the database is byte-for-byte the same afterwards.
 */

const MAX_BODY_BYTES = 16 * 1024;

/** Everything a push could have changed, as one comparable value. */
async function fingerprint(q: Queryable): Promise<unknown> {
  const result = await q.query(
    `SELECT (SELECT json_agg(s ORDER BY scope) FROM sync_scope s) AS scopes,
            (SELECT count(*)::text FROM sales) AS sales,
            (SELECT count(*)::text FROM sale_lines) AS lines,
            (SELECT count(*)::text FROM stock_movements) AS movements,
            (SELECT coalesce(sum(qty_base), 0)::text FROM stock_levels) AS levels,
            (SELECT count(*)::text FROM quarantine) AS quarantine,
            (SELECT count(*)::text FROM outbox) AS outbox`,
  );
  return result.rows[0];
}

const jsonValue = fc.jsonValue({ maxDepth: 2 });
const saleFields = [
  'id',
  'storeId',
  'kind',
  'lines',
  'totals',
  'payments',
  'createdAt',
  'businessDate',
  'invoiceNo',
  'schemaVersion',
  '_deleted',
];

/** A sale made invalid in one of several ways that no schema-valid document has. */
const brokenSale = fc.oneof(
  fc.record({ field: fc.constantFrom(...saleFields), value: wrongType }).map(({ field, value }) => {
    const sale: Record<string, unknown> = makeSale('store-a', [{ productId: 'p001', qtyBase: 1 }]);
    // Values of the right type for these fields would not break anything.
    if (field === 'schemaVersion' && typeof value === 'number') sale[field] = 'one';
    else if (field === '_deleted' && typeof value === 'boolean') sale[field] = 'no';
    else sale[field] = value;
    return sale;
  }),
  oddId.map((id) => ({ ...makeSale('store-a', [{ productId: 'p001', qtyBase: 1 }]), id })),
  fc.constantFrom('lineNo', 'qtyBase', 'netMinor').map((field) => {
    const sale = makeSale('store-a', [{ productId: 'p001', qtyBase: 2 }]);
    return { ...sale, lines: [{ ...sale.lines[0], [field]: 1.5 }] };
  }),
  fc.constantFrom('id', 'lines', 'totals').map((field) => {
    const sale: Record<string, unknown> = makeSale('store-a', [{ productId: 'p001', qtyBase: 1 }]);
    Reflect.deleteProperty(sale, field);
    return sale;
  }),
);

type Request = { method: string; path: string; body?: string; contentType?: string };

const malformedPush: fc.Arbitrary<Request> = fc.oneof(
  fc
    .string({ maxLength: 200 })
    .map((body) => ({ method: 'POST', path: '/v1/sync/sales/push', body: `{${body}` })),
  jsonValue
    .filter((value) => !Array.isArray(value) || value.length > 0)
    .map((value) => ({
      method: 'POST',
      path: '/v1/sync/stock-movements/push',
      body: JSON.stringify(value),
    })),
  brokenSale.map((doc) => ({
    method: 'POST',
    path: '/v1/sync/sales/push',
    body: JSON.stringify([
      ...asPushRows([makeSale('store-a', [{ productId: 'p002', qtyBase: 1 }])]),
      { newDocumentState: doc },
    ]),
  })),
  fc
    .record({
      id: oddId,
      qty: fc.oneof(
        fc.double({ noNaN: true }).filter((x) => !Number.isInteger(x)),
        fc.constant(2 ** 60),
      ),
    })
    .map(({ id, qty }) => ({
      method: 'POST',
      path: '/v1/sync/stock-movements/push',
      body: JSON.stringify(
        asPushRows([
          { ...makeMovement('store-a', 'p001', 1), id },
          makeMovement('store-a', 'p001', qty),
        ]),
      ),
    })),
  fc.string({ minLength: 1, maxLength: 30 }).map((name) => ({
    method: 'POST',
    path: `/v1/sync/${encodeURIComponent(name)}/push`,
    body: JSON.stringify(asPushRows([makeMovement('store-a', 'p001', 1)])),
  })),
  fc
    .constantFrom('products', 'prices', 'tax-rates', 'stores', 'stock-levels')
    .map((collection) => ({
      method: 'POST',
      path: `/v1/sync/${collection}/push`,
      body: '[]',
    })),
  fc
    .constantFrom(
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
    )
    .map((contentType) => ({
      method: 'POST',
      path: '/v1/sync/sales/push',
      body: JSON.stringify(asPushRows([makeSale('store-a', [{ productId: 'p001', qtyBase: 1 }])])),
      contentType,
    })),
  fc.integer({ min: 1, max: 3 }).map((n) => ({
    method: 'POST',
    path: '/v1/sync/stock-movements/push',
    body: JSON.stringify(
      asPushRows([makeMovement('store-a', 'p001', 1, { note: 'x'.repeat(400) })]).concat(
        Array.from({ length: 60 * n }, () => ({
          newDocumentState: makeMovement('store-a', 'p001', 1, { note: 'y'.repeat(300) }),
        })),
      ),
    ),
  })),
  fc.constant({
    method: 'POST',
    path: '/v1/sync/stock-movements/push',
    body: JSON.stringify(
      Array.from({ length: MAX_PUSH_ROWS + 1 }, () => ({ newDocumentState: {} })),
    ),
  }),
  fc.constant({
    method: 'POST',
    path: '/v1/sync/sales/push',
    body: JSON.stringify(
      asPushRows([
        { ...makeSale('store-a', [{ productId: 'p001', qtyBase: 1 }]), schemaVersion: 0 },
      ]),
    ),
  }),
);

const malformedPull: fc.Arbitrary<Request> = fc.oneof(
  fc
    .string({ minLength: 1, maxLength: 30 })
    .filter(
      (name) =>
        ![
          'products',
          'prices',
          'tax-rates',
          'stores',
          'stock-levels',
          'sales',
          'stock-movements',
        ].includes(name),
    )
    .map((name) => ({ method: 'GET', path: `/v1/sync/${encodeURIComponent(name)}/pull` })),
  fc
    .oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom('0', '-1', '1.5', '1e3', '1001', '99999999', 'NaN', ' 5'),
    )
    .filter((limit) => !/^[1-9][0-9]{0,2}$/.test(limit) && limit !== '1000')
    .map((limit) => ({
      method: 'GET',
      path: `/v1/sync/sales/pull?limit=${encodeURIComponent(limit)}`,
    })),
  fc.string({ maxLength: 80 }).map((checkpoint) => ({
    method: 'GET',
    path: `/v1/sync/products/pull?limit=5&checkpoint=${encodeURIComponent(checkpoint)}`,
  })),
  fc.string({ minLength: 600, maxLength: 700 }).map((checkpoint) => ({
    method: 'GET',
    path: `/v1/sync/products/pull?checkpoint=${encodeURIComponent(checkpoint)}`,
  })),
  fc
    .constantFrom('DELETE', 'PUT', 'PATCH')
    .map((method) => ({ method, path: '/v1/sync/sales/push', body: '[]' })),
);

describe.each(testDatabases())('malformed sync requests on $name', (database) => {
  const h = suiteFixture(() =>
    openSyncHarness(database, { deps: { maxBodyBytes: MAX_BODY_BYTES } }),
  );
  beforeAll(async () => {
    const api = h.api(h.devices.a);
    await api.push('sales', asPushRows([makeSale('store-a', [{ productId: 'p001', qtyBase: 1 }])]));
  }, 60_000);

  async function send(request: Request): Promise<FuzzAnswer> {
    // A body without a stated type is sent as JSON, as terminals do.
    const contentType =
      request.body === undefined ? undefined : (request.contentType ?? 'application/json');
    const response = await h.app.request(
      request.path,
      fuzzInit(
        { ...request, ...(contentType ? { contentType } : {}) },
        { authorization: `Bearer ${h.devices.a.token}` },
      ),
    );
    return readAnswer(response);
  }

  const runs = fuzzRunShare(database);

  it('answers malformed pushes with a 4xx envelope and leaves the database unchanged', async () => {
    const before = await fingerprint(h.db);
    const codes = new Set<string>();
    await fc.assert(
      fc.asyncProperty(malformedPush, async (request) => {
        const answer = await send(request);
        expect(answer.status, JSON.stringify(answer.body)).toBeGreaterThanOrEqual(400);
        expect(answer.status).toBeLessThan(500);
        const envelope = errorEnvelopeSchema.safeParse(answer.body);
        expect(envelope.success, JSON.stringify(answer.body)).toBe(true);
        if (envelope.success) codes.add(envelope.data.error.code);
      }),
      { numRuns: Math.round(1_000 * runs), seed: 20_260_301 },
    );
    expect(await fingerprint(h.db)).toEqual(before);
    // The generators reach every kind of refusal, not just the easiest one.
    expect([...codes]).toEqual(
      expect.arrayContaining([
        'BAD_JSON',
        'CLIENT_TOO_OLD',
        'FORBIDDEN',
        'PAYLOAD_TOO_LARGE',
        'UNKNOWN_COLLECTION',
        'UNSUPPORTED_MEDIA_TYPE',
        'VALIDATION_FAILED',
      ]),
    );
  }, 120_000);

  it('answers malformed pulls with a 4xx envelope or a restart from 0, never a 5xx', async () => {
    const before = await fingerprint(h.db);
    await fc.assert(
      fc.asyncProperty(malformedPull, async (request) => {
        const answer = await send(request);
        expect(answer.status).toBeLessThan(500);
        if (answer.status === 200) {
          expect(answer.body).toMatchObject({
            checkpoint: { v: 1 },
            documents: expect.any(Array) as unknown[],
          });
        } else {
          expect(answer.status).toBeGreaterThanOrEqual(400);
          expect(
            errorEnvelopeSchema.safeParse(answer.body).success,
            JSON.stringify(answer.body),
          ).toBe(true);
        }
      }),
      { numRuns: Math.round(400 * runs), seed: 20_260_302 },
    );
    expect(await fingerprint(h.db)).toEqual(before);
  }, 120_000);
});
