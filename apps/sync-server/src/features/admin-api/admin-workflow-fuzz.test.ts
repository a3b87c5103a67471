import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type FuzzRequest,
  expectNoServerError,
  fuzzInit,
  fuzzRunShare,
  getWith,
  hostileText,
  jsonRequest,
  oddNumber,
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
 * The admin API of issue 15 (suppliers, purchase orders, transfers, stock in transit and cost)
 * under hostile input, beside admin-fuzz.test.ts: every answer is below 500 in the shared
 * envelope, and writes that are each invalid in at least one field (or aimed at a document that
 * does not exist) leave every table they could touch as it was.
 */

const WRITTEN_TABLES = [
  'suppliers',
  'supplier_stores',
  'supplier_products',
  'workflow_documents',
  'fact_ids',
  'stock_movements',
  'stock_levels',
  'stock_costs',
  'transfer_write_offs',
  'outbox',
  'audit_log',
];

const actor = fc.constantFrom<AdminActor>(
  'hq',
  'hq',
  'regional',
  ...(Object.keys(ADMIN_ACTORS) as AdminActor[]),
);

/** An id of a path: hostile, or a well-formed UUID that names nothing. */
const pathId = fc.oneof(urlValue(hostileText), fc.constant(randomUUID()));

/** Something no id field takes: unstorable, the wrong type, or not a UUID. */
const badFactId = fc.oneof(
  unstorableText,
  wrongType,
  fc.constantFrom('', 'not-a-uuid', 'A'.repeat(37)),
);
/** Something no quantity or amount field takes. */
const badNumber = fc.oneof(
  // −0 is written as 0 in JSON, which some quantities (an approval's cut) accept.
  oddNumber.filter((n) => n !== 0),
  wrongType.filter((v) => typeof v !== 'number' && v !== null),
);
/** Text a reason or name cannot be. */
const badText = fc.oneof(
  unstorableText,
  fc.constant(''),
  fc.string({ minLength: 501, maxLength: 900 }),
);

function replacing<T extends Record<string, unknown>>(
  good: T,
  bad: Partial<Record<keyof T, fc.Arbitrary<unknown>>>,
): fc.Arbitrary<Record<string, unknown>> {
  const fields = Object.entries(bad) as [string, fc.Arbitrary<unknown>][];
  return fc
    .oneof(...fields.map(([field, value]) => value.map((v) => ({ field, v }))))
    .map(({ field, v }) => ({ ...good, [field]: v }));
}

describe.each(testDatabases())('issue 15 admin API under hostile input on $name', (database) => {
  const t = suiteFixture(() => openAdminTestApp(database), { timeoutMs: 120_000 });
  const transferId = randomUUID();
  const poId = randomUUID();
  let supplierId = '';
  const runs = fuzzRunShare(database);

  async function send(who: AdminActor, request: FuzzRequest) {
    return readAnswer(await t.as(who, request.path, fuzzInit(request)));
  }
  async function hq(path: string, body: unknown) {
    const res = await t.as('hq', path, fuzzInit(jsonRequest('POST', path, body)));
    expect(res.status, `${path} ${await res.clone().text()}`).toBe(201);
    return (await res.json()) as { supplierId: string };
  }

  const supplierBody = {
    name: 'Fuzz Traders',
    gstin: '27AAPFU0939F1ZV',
    stateCode: '27',
    paymentTermsDays: 7,
    leadTimeDays: 2,
    regionId: 'r1',
    storeIds: ['s1a'],
    products: [
      {
        productId: 'p1',
        orderUnitName: 'case',
        baseUnitsPerOrderUnit: 12,
        lastCostMinorPerOrderUnit: 100,
      },
    ],
  };
  const poLine = {
    productId: 'p1',
    orderUnitName: 'case',
    baseUnitsPerOrderUnit: 12,
    orderedQtyOrderUnits: 1,
    costMinorPerOrderUnit: 100,
  };

  beforeAll(async () => {
    supplierId = (await hq('/v1/admin/suppliers', supplierBody)).supplierId;
    await hq('/v1/admin/purchase-orders', {
      factId: randomUUID(),
      poId,
      storeId: 's1a',
      supplierId,
      lines: [poLine],
    });
    await hq('/v1/admin/transfers', {
      factId: randomUUID(),
      transferId,
      fromStoreId: 's1a',
      toStoreId: 's1b',
      lines: [{ productId: 'p1', qtyBase: 2 }],
    });
  }, 120_000);

  const reads = (): fc.Arbitrary<FuzzRequest> =>
    fc.oneof(
      getWith('/v1/admin/suppliers', {
        regionId: queryValue('r1'),
        storeId: queryValue('s1a'),
        cursor: queryValue(''),
      }),
      getWith('/v1/admin/transfers', {
        storeId: queryValue('s1a'),
        regionId: queryValue('r1'),
        status: queryValue('requested'),
        cursor: queryValue(''),
      }),
      getWith('/v1/admin/purchase-orders', {
        storeId: queryValue('s1a'),
        supplierId: queryValue(supplierId),
        status: queryValue('draft'),
        cursor: queryValue(''),
      }),
      getWith('/v1/admin/stock/in-transit', { storeId: queryValue('s1a') }),
      getWith('/v1/admin/stock/cost', { storeId: queryValue('s1a'), productId: queryValue('p1') }),
      fc
        .tuple(
          fc.constantFrom('suppliers', 'transfers', 'purchase-orders'),
          pathId,
          fc.constantFrom('', '/export.csv', '/export.pdf'),
        )
        .map(([list, id, tail]) => ({
          method: 'GET',
          path: `/v1/admin/${list}/${id}${list === 'purchase-orders' ? tail : ''}`,
        })),
    );

  const writes = (): fc.Arbitrary<FuzzRequest> =>
    fc.oneof(
      replacing(supplierBody, {
        name: badText,
        gstin: fc.constantFrom('27AAPFU0939F1ZW', '29AAPFU0939F1ZV', 'GSTIN', '27AAPFU0939F1Z'),
        stateCode: fc.oneof(fc.constantFrom('99', '7', '00', 'MH'), unstorableText),
        paymentTermsDays: badNumber,
        leadTimeDays: fc.oneof(badNumber, fc.constant(366)),
        regionId: fc.oneof(unstorableText, fc.constant('r9')),
        storeIds: fc.oneof(
          fc.constant(['s9']),
          fc.constant(['s2a']),
          fc.array(unstorableText, { minLength: 1, maxLength: 2 }),
        ),
        products: fc.oneof(
          badNumber.map((n) => [{ ...supplierBody.products[0], baseUnitsPerOrderUnit: n }]),
          badNumber.map((n) => [{ ...supplierBody.products[0], lastCostMinorPerOrderUnit: n }]),
          fc.constant([{ ...supplierBody.products[0], productId: 'no-such-product' }]),
          fc.constant([supplierBody.products[0], supplierBody.products[0]]),
        ),
      }).chain((body) =>
        fc.constantFrom(
          jsonRequest('POST', '/v1/admin/suppliers', body),
          jsonRequest('PUT', `/v1/admin/suppliers/${supplierId}`, body),
        ),
      ),
      pathId.map((id) => jsonRequest('PUT', `/v1/admin/suppliers/${id}`, supplierBody)),
      replacing(
        {
          factId: randomUUID(),
          transferId: randomUUID(),
          fromStoreId: 's1a',
          toStoreId: 's1b',
          lines: [{ productId: 'p1', qtyBase: 1 }],
        },
        {
          factId: badFactId,
          transferId: badFactId,
          fromStoreId: fc.oneof(unstorableText, fc.constant('s9')),
          toStoreId: fc.oneof(unstorableText, fc.constant('s1a')),
          lines: fc.oneof(
            badNumber.map((n) => [{ productId: 'p1', qtyBase: n }]),
            fc
              .oneof(unstorableText, fc.constant('no-such-product'))
              .map((p) => [{ productId: p, qtyBase: 1 }]),
            fc.constant([]),
          ),
        },
      ).map((body) => jsonRequest('POST', '/v1/admin/transfers', body)),
      // Each step gets only bodies that are invalid for it (an extra key would be stripped).
      fc
        .tuple(
          fc.oneof(fc.constant(transferId), pathId),
          fc.oneof(
            badFactId.map((factId) => ['approve', { factId, lines: null }] as const),
            badFactId.map((factId) => ['cancel', { factId, reason: 'x' }] as const),
            badNumber.map(
              (n) =>
                [
                  'approve',
                  { factId: randomUUID(), lines: [{ productId: 'p1', qtyBase: n }] },
                ] as const,
            ),
            badText.map((reason) => ['cancel', { factId: randomUUID(), reason }] as const),
            // Nothing to resolve on a requested transfer.
            fc.constant([
              'resolve',
              {
                factId: randomUUID(),
                lines: [{ productId: 'p1', foundQtyBase: 0, writeOffQtyBase: 1 }],
                reason: 'theft',
                note: null,
              },
            ] as const),
          ),
        )
        .map(([id, [step, body]]) =>
          jsonRequest('POST', `/v1/admin/transfers/${id}/${step}`, body),
        ),
      replacing(
        { factId: randomUUID(), poId: randomUUID(), storeId: 's1a', supplierId, lines: [poLine] },
        {
          factId: badFactId,
          poId: badFactId,
          storeId: fc.oneof(unstorableText, fc.constantFrom('s9', 's2a')),
          supplierId: fc.oneof(unstorableText, fc.constant('sup-none')),
          lines: fc.oneof(
            badNumber.map((n) => [{ ...poLine, orderedQtyOrderUnits: n }]),
            badNumber.map((n) => [{ ...poLine, costMinorPerOrderUnit: n }]),
            badNumber.map((n) => [{ ...poLine, baseUnitsPerOrderUnit: n }]),
            fc.constant([{ ...poLine, productId: 'no-such-product' }]),
            fc.constant([
              { ...poLine, orderedQtyOrderUnits: 2 ** 30, costMinorPerOrderUnit: 2 ** 30 },
            ]),
          ),
        },
      ).chain((body) =>
        fc.constantFrom(
          jsonRequest('POST', '/v1/admin/purchase-orders', body),
          jsonRequest('POST', '/v1/admin/purchase-orders/from-low-stock', {
            ...body,
            lines: undefined,
          }),
        ),
      ),
      fc
        .tuple(
          fc.oneof(fc.constant(poId), pathId),
          fc.oneof(
            fc
              .tuple(
                fc.constantFrom('revise', 'approve', 'send', 'close-short', 'cancel'),
                badFactId,
              )
              .map(([step, factId]) => [step, { factId, reason: 'x', lines: [poLine] }] as const),
            fc
              .tuple(fc.constantFrom('close-short', 'cancel'), badText)
              .map(([step, reason]) => [step, { factId: randomUUID(), reason }] as const),
            badNumber.map(
              (n) =>
                [
                  'revise',
                  { factId: randomUUID(), lines: [{ ...poLine, orderedQtyOrderUnits: n }] },
                ] as const,
            ),
            // Closing short a draft: nothing was received.
            fc.constant([
              'close-short',
              { factId: randomUUID(), reason: 'rest not coming' },
            ] as const),
          ),
        )
        .map(([id, [step, body]]) =>
          jsonRequest('POST', `/v1/admin/purchase-orders/${id}/${step}`, body),
        ),
    );

  it('answers hostile reads below 500, errors in the envelope', async () => {
    const codes = new Set<string>();
    await fc.assert(
      fc.asyncProperty(actor, reads(), async (who, request) => {
        const code = expectNoServerError(request, await send(who, request));
        if (code) codes.add(code);
      }),
      { numRuns: Math.round(500 * runs), seed: 20_261_207 },
    );
    expect([...codes]).toEqual(
      expect.arrayContaining(['VALIDATION_FAILED', 'NOT_FOUND', 'FORBIDDEN']),
    );
  }, 300_000);

  it('refuses every invalid write below 500 and stores nothing', async () => {
    const before = await tablesFingerprint(t.db, WRITTEN_TABLES);
    const codes = new Set<string>();
    await fc.assert(
      fc.asyncProperty(actor, writes(), async (who, request) => {
        const answer = await send(who, request);
        const code = expectNoServerError(request, answer);
        expect(
          answer.status,
          `${request.method} ${request.path} ${request.body ?? ''}`,
        ).toBeGreaterThanOrEqual(400);
        if (code) codes.add(code);
      }),
      { numRuns: Math.round(700 * runs), seed: 20_261_208 },
    );
    expect(await tablesFingerprint(t.db, WRITTEN_TABLES)).toEqual(before);
    expect([...codes]).toEqual(
      expect.arrayContaining([
        'VALIDATION_FAILED',
        'NOT_FOUND',
        'FORBIDDEN',
        'TRANSITION_NOT_ALLOWED',
      ]),
    );
  }, 300_000);
});
