import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type FuzzRequest,
  expectNoServerError,
  fuzzInit,
  fuzzRunShare,
  getWith,
  hostileText,
  impossibleDate,
  jsonRequest,
  oddNumber,
  oddUnicode,
  queryValue,
  readAnswer,
  tablesFingerprint,
  unstorableText,
  urlValue,
  wrongType,
} from '../../testing/fuzz-arbitraries';
import { suiteFixture } from '../../testing/suite-fixture';
import { testDatabases } from '../../testing/test-databases';
import { ADMIN_ACTORS, type AdminActor, openAdminTestApp } from './admin-test-kit';

/**
 * The admin API (`/v1/admin/*`, `/v1/fleet/report`) under hostile input (issue 12, item 4): NUL
 * bytes and unpaired surrogates, dates not on the calendar, ids that name nothing, numbers past
 * every bound, odd unicode. Every answer is below 500 and errors are the shared envelope; the
 * writes are all invalid in at least one field, so afterwards the database holds exactly what it
 * held before.
 */

/** Tables an admin request can write. */
const WRITTEN_TABLES = [
  'regions',
  'stores',
  'tax_rates',
  'products',
  'prices',
  'enrolment_codes',
  'audit_log',
  'device_health',
];

const actor = fc.constantFrom<AdminActor>(
  'hq',
  'hq',
  'hq',
  ...(Object.keys(ADMIN_ACTORS) as AdminActor[]),
);

const anyDateText = fc.oneof(fc.constant('2026-04-01'), impossibleDate);

const reads: fc.Arbitrary<FuzzRequest> = fc.oneof(
  getWith('/v1/admin/products', {
    q: queryValue('rice'),
    category: queryValue('bakery'),
    after: queryValue('SKU-p1'),
    limit: queryValue('10'),
  }),
  urlValue(hostileText).map((id) => ({ method: 'GET', path: `/v1/admin/products/${id}` })),
  getWith('/v1/admin/dashboard', { storeId: queryValue('s1a'), date: urlValue(anyDateText) }),
  getWith('/v1/admin/fleet', { storeId: queryValue('s1a') }),
  fc.constantFrom('sales', 'gst').chain((report) =>
    getWith(`/v1/admin/reports/${report}`, {
      from: urlValue(anyDateText),
      to: urlValue(anyDateText),
      storeId: queryValue('s1a'),
      groupBy: queryValue('day'),
      format: queryValue('csv'),
    }),
  ),
  getWith('/v1/admin/stock', {
    storeId: queryValue('s1a'),
    q: queryValue('p'),
    low: queryValue('true'),
    after: queryValue(''),
    limit: queryValue('5'),
  }),
  getWith('/v1/admin/stock/by-product', { productId: queryValue('p1') }),
  getWith('/v1/admin/stock/movements', {
    storeId: queryValue('s1a'),
    productId: queryValue('p1'),
    limit: queryValue('5'),
  }),
  fc
    .constantFrom('me', 'catalogue-options', 'regions', 'stores', 'products/export.csv', 'config')
    .chain((name) => getWith(`/v1/admin/${name}`, { x: queryValue('1') })),
);

const goodProduct = {
  sku: 'FUZZ-1',
  nameEn: 'Fuzz product',
  nameHi: 'फ़ज़',
  barcodes: ['8901000099991'],
  hsn: '1905',
  taxClassId: 'gst5',
  category: 'bakery',
  unit: 'piece',
  soldLoose: false,
  mrpMinor: 5000,
  reorderLevelBase: 0,
  active: true,
};

/** A value that no field of a product accepts. */
const badProductField = fc.oneof(
  fc.record({
    field: fc.constantFrom('sku', 'nameEn', 'nameHi', 'category', 'hsn', 'taxClassId'),
    value: unstorableText,
  }),
  fc.record({ field: fc.constantFrom('mrpMinor', 'reorderLevelBase'), value: oddNumber }),
  fc.record({
    field: fc.constant('taxClassId'),
    value: fc.constantFrom('no-such-class', 'gst5 ', 'GST5'),
  }),
  fc.record({
    field: fc.constant('barcodes'),
    value: fc.array(fc.oneof(unstorableText, oddUnicode), { minLength: 1, maxLength: 3 }),
  }),
  fc
    .record({ field: fc.constantFrom(...Object.keys(goodProduct)), value: wrongType })
    .filter(
      ({ field, value }) =>
        !(field === 'soldLoose' || field === 'active') || typeof value !== 'boolean',
    ),
  fc.record({ field: fc.constant('extra'), value: oddUnicode }),
);

const priceWrites: fc.Arbitrary<FuzzRequest> = fc.oneof(
  // A store or region that does not exist, or is no id at all.
  fc
    .record({
      level: fc.constantFrom('store', 'region'),
      id: fc.oneof(fc.constantFrom('no-such-store', 'r9', 's9'), hostileText),
      priceMinor: fc.integer({ min: 0, max: 5000 }),
    })
    .map(({ level, id, priceMinor }) =>
      jsonRequest('PUT', '/v1/admin/prices', {
        productId: 'p1',
        level,
        [level === 'store' ? 'storeId' : 'regionId']: id,
        priceMinor,
      }),
    ),
  // A good target with a bad amount, date or product.
  fc
    .record({
      productId: fc.oneof(fc.constant('p1'), fc.constant('no-such-product'), unstorableText),
      priceMinor: fc.oneof(oddNumber, fc.integer({ min: 5001, max: 2 ** 40 })),
      effectiveFrom: fc.option(fc.oneof(impossibleDate, unstorableText), { nil: undefined }),
    })
    .map((fields) => jsonRequest('PUT', '/v1/admin/prices', { level: 'hq', ...fields })),
  fc
    .record({
      effectiveFrom: fc.oneof(impossibleDate, unstorableText),
      storeId: fc.constant('s1a'),
    })
    .map((fields) =>
      jsonRequest('PUT', '/v1/admin/prices', {
        productId: 'p1',
        level: 'store',
        priceMinor: 100,
        ...fields,
      }),
    ),
  urlValue(hostileText).map((id) => ({ method: 'DELETE', path: `/v1/admin/prices/${id}` })),
);

const productWrites: fc.Arbitrary<FuzzRequest> = fc.oneof(
  badProductField.map(({ field, value }) =>
    jsonRequest('POST', '/v1/admin/products', { ...goodProduct, [field]: value }),
  ),
  fc
    .record({ id: fc.oneof(fc.constant('p2'), urlValue(hostileText)), bad: badProductField })
    .map(({ id, bad }) =>
      jsonRequest('PUT', `/v1/admin/products/${id}`, {
        ...goodProduct,
        sku: 'SKU-p2',
        [bad.field]: bad.value,
      }),
    ),
  urlValue(hostileText)
    .filter((id) => !['p1', 'p2', 'p3'].includes(id))
    .map((id) => ({ method: 'DELETE', path: `/v1/admin/products/${id}` })),
  fc
    .oneof(
      unstorableText.map((text) => `sku,name_en\n${text},x\n`),
      hostileText,
    )
    .map((csv) => jsonRequest('POST', '/v1/admin/products/import', { csv, dryRun: false })),
  unstorableText.map((text) =>
    jsonRequest('POST', '/v1/admin/products/import', {
      csv: `sku,name_en\nA,${text}\n`,
      dryRun: false,
    }),
  ),
);

const storeWrites: fc.Arbitrary<FuzzRequest> = fc.oneof(
  urlValue(hostileText)
    .filter((id) => !['s1a', 's1b', 's2a'].includes(id))
    .map((id) => ({ method: 'POST', path: `/v1/admin/stores/${id}/enrolment-codes` })),
  urlValue(hostileText).map((id) => ({ method: 'POST', path: `/v1/admin/devices/${id}/revoke` })),
);

/** What a terminal's health report can get wrong (sent with a real device token). */
const fleetReports: fc.Arbitrary<FuzzRequest> = fc
  .record(
    {
      clientTime: fc.oneof(impossibleDate, unstorableText, fc.constant('2026-02-30T10:00:00Z')),
      unsyncedDocuments: fc.oneof(oddNumber, fc.constant(3)),
      appVersion: fc.oneof(unstorableText, oddUnicode, fc.constant('1.0.0')),
    },
    { requiredKeys: ['clientTime'] },
  )
  .map((body) => jsonRequest('POST', '/v1/fleet/report', body));

describe.each(testDatabases())('admin API under hostile input on $name', (database) => {
  const t = suiteFixture(() => openAdminTestApp(database), { timeoutMs: 120_000 });
  beforeAll(async () => {
    await t.sell('s1a', 2);
  }, 120_000);

  const runs = fuzzRunShare(database);

  async function send(who: AdminActor, request: FuzzRequest) {
    return readAnswer(await t.as(who, request.path, fuzzInit(request)));
  }

  it('answers hostile reads below 500, errors in the envelope', async () => {
    const codes = new Set<string>();
    await fc.assert(
      fc.asyncProperty(actor, reads, async (who, request) => {
        const code = expectNoServerError(request, await send(who, request));
        if (code) codes.add(code);
      }),
      { numRuns: Math.round(1_500 * runs), seed: 20_261_201 },
    );
    expect([...codes]).toEqual(
      expect.arrayContaining(['VALIDATION_FAILED', 'NOT_FOUND', 'FORBIDDEN']),
    );
  }, 300_000);

  it('refuses every invalid write below 500 and stores nothing', async () => {
    const before = await tablesFingerprint(t.db, WRITTEN_TABLES);
    const codes = new Set<string>();
    await fc.assert(
      fc.asyncProperty(
        actor,
        fc.oneof(priceWrites, productWrites, storeWrites),
        async (who, request) => {
          const answer = await send(who, request);
          const code = expectNoServerError(request, answer);
          expect(
            answer.status,
            `${request.method} ${request.path} ${request.body ?? ''}`,
          ).toBeGreaterThanOrEqual(400);
          if (code) codes.add(code);
        },
      ),
      { numRuns: Math.round(1_200 * runs), seed: 20_261_202 },
    );
    expect(await tablesFingerprint(t.db, WRITTEN_TABLES)).toEqual(before);
    expect([...codes]).toEqual(
      expect.arrayContaining(['VALIDATION_FAILED', 'NOT_FOUND', 'FORBIDDEN']),
    );
  }, 300_000);

  it('refuses every invalid terminal health report below 500 and stores nothing', async () => {
    const before = await tablesFingerprint(t.db, WRITTEN_TABLES);
    const device = t.devices.s1a;
    await fc.assert(
      fc.asyncProperty(fleetReports, async (request) => {
        const response = await t.app.request(request.path, {
          method: request.method,
          headers: { authorization: `Bearer ${device.token}`, 'content-type': 'application/json' },
          body: request.body ?? '',
        });
        const answer = await readAnswer(response);
        expectNoServerError(request, answer);
        expect(answer.status).toBe(400);
      }),
      { numRuns: Math.round(300 * runs), seed: 20_261_203 },
    );
    expect(await tablesFingerprint(t.db, WRITTEN_TABLES)).toEqual(before);
  }, 300_000);
});
