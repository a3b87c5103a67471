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
  impossibleDate,
  jsonRequest,
  oddUnicode,
  queryValue,
  readAnswer,
  tablesFingerprint,
  unstorableText,
  urlValue,
  wrongType,
} from '../../testing/fuzz-arbitraries';
import { suiteFixture } from '../../testing/suite-fixture';
import { insertProducts, insertStores } from '../../testing/sync-fixtures';
import { testDatabases } from '../../testing/test-databases';
import { insertPerson, openIdentityTestApp } from './identity-test-kit';

/**
 * The HQ API (`/v1/users`, `/v1/role-assignments`, `/v1/stores`, `/v1/reports/*`,
 * `/v1/stock-levels`, `/v1/audit/*`) and the PIN endpoints (`/v1/pins/*`, `PUT /v1/users/:id/pin`)
 * under hostile input (issue 12, item 4), as black boxes through their documented inputs. No answer
 * is a 5xx, errors are the shared envelope, and no invalid write leaves a trace.
 */

/** Tables these endpoints can write (a table not there yet is compared as absent). */
const WRITTEN_TABLES = [
  'users',
  'role_assignments',
  'audit_log',
  'user_pins',
  'pin_events',
  'counter_assignments',
];

/** Who calls: grants of a test issuer's tokens. */
const CALLERS = {
  hq: ['hq_admin@all'],
  manager: ['store_manager@store:s1'],
  regional: ['regional_manager@region:r1'],
  auditor: ['auditor@all'],
  cashier: ['cashier@store:s1'],
} as const;
type Caller = keyof typeof CALLERS;
const caller = fc.constantFrom<Caller>('hq', 'hq', 'manager', 'regional', 'auditor', 'cashier');

const dateOrNot = fc.oneof(fc.constant('2026-04-01'), impossibleDate);

const hqReads: fc.Arbitrary<FuzzRequest> = fc.oneof(
  getWith('/v1/users', { x: queryValue('1') }),
  getWith('/v1/role-assignments', { userId: queryValue('asha') }),
  getWith('/v1/stores', { x: queryValue('1') }),
  getWith('/v1/reports/sales-by-store', { from: urlValue(dateOrNot), to: urlValue(dateOrNot) }),
  getWith('/v1/stock-levels', {
    storeId: queryValue('s1'),
    after: queryValue(''),
    limit: queryValue('10'),
  }),
  getWith('/v1/audit/verify', { x: queryValue('1') }),
  getWith('/v1/audit/export', {
    from: urlValue(fc.oneof(dateOrNot, fc.constantFrom('-271821-04-20', '+275760-09-13'))),
    to: urlValue(fc.oneof(dateOrNot, fc.constant('+275760-09-13T00:00:00.000Z'))),
    format: queryValue('csv'),
  }),
);

/** A scope naming nothing, or nothing valid. */
const badScope = fc.oneof(
  fc.record({
    kind: fc.constant('store'),
    storeId: fc.oneof(fc.constant('no-such-store'), unstorableText),
  }),
  fc.record({
    kind: fc.constant('region'),
    regionId: fc.oneof(fc.constant('no-such-region'), unstorableText),
  }),
  fc.record({ kind: fc.constantFrom('chain', 'ALL', ''), storeId: fc.constant('s1') }),
  wrongType,
);

const goodUser = {
  username: 'fuzz.user',
  displayName: 'Fuzz User',
  password: 'a-long-password-1',
  role: 'cashier',
  scope: { kind: 'store', storeId: 's1' },
};

const hqWrites: fc.Arbitrary<FuzzRequest> = fc.oneof(
  fc
    .oneof(
      fc.record({
        field: fc.constantFrom('username', 'displayName', 'password'),
        value: unstorableText,
      }),
      fc.record({
        field: fc.constant('role'),
        value: fc.oneof(fc.constantFrom('root', 'owner'), oddUnicode),
      }),
      fc.record({ field: fc.constant('scope'), value: badScope }),
      fc.record({ field: fc.constantFrom(...Object.keys(goodUser)), value: wrongType }),
    )
    .map(({ field, value }) => jsonRequest('POST', '/v1/users', { ...goodUser, [field]: value })),
  fc
    .record({
      userId: fc.oneof(fc.constant('asha'), fc.constant('no-such-user'), unstorableText),
      role: fc.constantFrom('cashier', 'store_manager'),
      scope: badScope,
    })
    .map((body) => jsonRequest('POST', '/v1/role-assignments', body)),
  fc
    .record({
      userId: fc.oneof(fc.constant('no-such-user'), unstorableText),
      role: fc.constant('cashier'),
      scope: fc.constant({ kind: 'store', storeId: 's1' }),
    })
    .map((body) => jsonRequest('POST', '/v1/role-assignments', body)),
  urlValue(hostileText).map((id) => ({ method: 'DELETE', path: `/v1/role-assignments/${id}` })),
);

/** PINs nobody may set: not 4–6 ASCII digits, trivial, or not text at all. */
const badPin = fc.oneof(
  fc.constantFrom(
    '0000',
    '1234',
    '1111',
    '123456',
    '987654',
    '12345678901',
    '४८२७',
    '４８２７',
    '48 27',
    '',
  ),
  unstorableText,
  wrongType,
);

const pinWrites: fc.Arbitrary<FuzzRequest> = fc
  .record({
    userId: fc.oneof(fc.constantFrom('asha', 'ravi', 'no-such-user'), urlValue(hostileText)),
    pin: badPin,
  })
  .map(({ userId, pin }) => jsonRequest('PUT', `/v1/users/${userId}/pin`, { pin }));

/** A PIN event that is wrong: about nobody (or someone of another store), at no real time. */
const badPinEvent = fc.oneof(
  fc.record({
    id: fc.constant(null).map(() => randomUUID()),
    userId: fc.oneof(fc.constantFrom('no-such-user', 'bina', 'hq-1'), unstorableText),
    kind: fc.constant('sign_in'),
    action: fc.constant(null),
    at: fc.constant('2026-04-01T04:30:00.000Z'),
  }),
  fc
    .record({
      id: fc.oneof(
        fc.constant(null).map(() => randomUUID()),
        hostileText,
      ),
      userId: fc.constant('asha'),
      kind: fc.oneof(fc.constant('sign_in'), oddUnicode),
      action: fc.oneof(fc.constant(null), fc.constantFrom('delete', 'VOID'), unstorableText),
      at: fc.oneof(
        fc.constantFrom('2026-02-30T10:00:00Z', '2026-04-01T24:00:00Z', '0000-01-01T00:00:00Z'),
        impossibleDate,
        unstorableText,
      ),
    })
    .filter(
      (event) =>
        typeof event.kind !== 'string' ||
        event.kind !== 'sign_in' ||
        event.action !== null ||
        !event.at.startsWith('2026-04-01T'),
    ),
);

const pinDeviceRequests: fc.Arbitrary<FuzzRequest> = fc.oneof(
  fc
    .array(badPinEvent, { minLength: 1, maxLength: 3 })
    .map((events) => jsonRequest('POST', '/v1/pins/events', { events })),
  fc.oneof(hostileText, fc.json({ maxDepth: 2 })).map((body) => ({
    method: 'POST',
    path: '/v1/pins/events',
    body,
    contentType: 'application/json',
  })),
  getWith('/v1/pins/verifiers', { since: queryValue('0'), storeId: queryValue('s2') }),
);

describe.each(testDatabases())('HQ and PIN endpoints under hostile input on $name', (database) => {
  const t = suiteFixture(() => openIdentityTestApp(database), { timeoutMs: 120_000 });
  const tokens = new Map<Caller, string>();
  let deviceToken = '';
  beforeAll(async () => {
    await insertStores(t.db, 'r1', ['s1']);
    await insertStores(t.db, 'r2', ['s2']);
    await insertProducts(t.db, ['p1']);
    for (const [id, role, scope] of [
      ['asha', 'cashier', { kind: 'store', storeId: 's1' }],
      ['ravi', 'store_manager', { kind: 'store', storeId: 's1' }],
      ['bina', 'cashier', { kind: 'store', storeId: 's2' }],
    ] as const) {
      await insertPerson(t.db, { id, role, scope });
    }
    for (const [name, grants] of Object.entries(CALLERS)) {
      tokens.set(name as Caller, await t.mint(`${name}-1`, grants));
    }
    deviceToken = (await t.enrolDevice('s1')).token;
    // The device receives its store's verifiers once, as a terminal does before any event.
    await t.app.request('/v1/pins/verifiers', {
      headers: { authorization: `Bearer ${deviceToken}` },
    });
  }, 120_000);

  const runs = fuzzRunShare(database);

  async function send(request: FuzzRequest, token: string) {
    return readAnswer(
      await t.app.request(request.path, fuzzInit(request, { authorization: `Bearer ${token}` })),
    );
  }

  it('answers hostile HQ reads below 500, errors in the envelope', async () => {
    const codes = new Set<string>();
    await fc.assert(
      fc.asyncProperty(caller, hqReads, async (who, request) => {
        const code = expectNoServerError(request, await send(request, tokens.get(who) ?? ''));
        if (code) codes.add(code);
      }),
      { numRuns: Math.round(800 * runs), seed: 20_261_211 },
    );
    expect([...codes]).toEqual(expect.arrayContaining(['VALIDATION_FAILED', 'FORBIDDEN']));
  }, 300_000);

  it('refuses invalid people, roles and PINs below 500 and stores nothing', async () => {
    const before = await tablesFingerprint(t.db, WRITTEN_TABLES);
    const codes = new Set<string>();
    await fc.assert(
      fc.asyncProperty(caller, fc.oneof(hqWrites, pinWrites), async (who, request) => {
        const answer = await send(request, tokens.get(who) ?? '');
        const code = expectNoServerError(request, answer);
        expect(answer.status, `${request.path} ${request.body ?? ''}`).toBeGreaterThanOrEqual(400);
        if (code) codes.add(code);
      }),
      { numRuns: Math.round(1_000 * runs), seed: 20_261_212 },
    );
    expect(await tablesFingerprint(t.db, WRITTEN_TABLES)).toEqual(before);
    expect([...codes]).toEqual(expect.arrayContaining(['VALIDATION_FAILED', 'NOT_FOUND']));
  }, 300_000);

  it('refuses hostile PIN uploads and reads from a terminal below 500, recording no event', async () => {
    const before = await tablesFingerprint(t.db, WRITTEN_TABLES);
    await fc.assert(
      fc.asyncProperty(pinDeviceRequests, async (request) => {
        const answer = await send(request, deviceToken);
        expectNoServerError(request, answer);
        if (request.method === 'POST') expect(answer.status).toBeGreaterThanOrEqual(400);
      }),
      { numRuns: Math.round(700 * runs), seed: 20_261_213 },
    );
    expect(await tablesFingerprint(t.db, WRITTEN_TABLES)).toEqual(before);
  }, 300_000);
});
