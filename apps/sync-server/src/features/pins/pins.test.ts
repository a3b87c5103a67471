import { pbkdf2Sync } from 'node:crypto';
import { errorEnvelope } from '@kiryana/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../testing/test-databases';
import { insertStores } from '../../testing/sync-fixtures';
import { chainEntries } from '../audit/audit.queries';
import { createEnrolmentCode, enrollDevice, revokeDevice } from '../devices/device.service';
import { type IdentityTestApp, openIdentityTestApp } from '../identity/identity-test-kit';
import { insertRoleAssignment, insertUser } from '../identity/user.queries';
import { cashierBelongsToStore, foreignCashiers } from './pin.queries';
import type { StoreVerifiers } from './pin.service';

describe.each(testDatabases())('cashier PINs on $name', (database) => {
  let t: IdentityTestApp;
  let deviceToken = '';
  let deviceId = '';
  let managerToken = '';

  const asDevice = (path: string, init: RequestInit = {}) =>
    t.app.request(path, {
      ...init,
      headers: { authorization: `Bearer ${deviceToken}`, 'content-type': 'application/json' },
    });
  const asManager = (path: string, body: unknown) =>
    t.app.request(path, {
      method: 'PUT',
      headers: { authorization: `Bearer ${managerToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    t = await openIdentityTestApp(database);
    await insertStores(t.db, 'r1', ['s1', 's2']);
    const people = [
      { id: 'asha', role: 'cashier', scope: { kind: 'store', storeId: 's1' } },
      { id: 'ravi', role: 'store_manager', scope: { kind: 'store', storeId: 's1' } },
      { id: 'meera', role: 'regional_manager', scope: { kind: 'region', regionId: 'r1' } },
      { id: 'farah', role: 'auditor', scope: { kind: 'all' } },
      { id: 'bina', role: 'cashier', scope: { kind: 'store', storeId: 's2' } },
    ] as const;
    for (const p of people) {
      await insertUser(t.db, {
        id: p.id,
        username: p.id,
        displayName: p.id.toUpperCase(),
        kind: 'user',
        passwordHash: null,
      });
      await insertRoleAssignment(t.db, {
        id: `ra-${p.id}`,
        userId: p.id,
        role: p.role,
        scope: p.scope,
        createdBy: 'test',
      });
    }
    await t.db.query("UPDATE users SET status = 'disabled' WHERE id = 'bina'");
    const code = await createEnrolmentCode(
      { db: t.db, clock: t.clock },
      (await t.db.query<{ code: string }>("SELECT code FROM stores WHERE id = 's1'")).rows[0]
        ?.code ?? '',
    );
    const device = await enrollDevice(
      { db: t.db, clock: t.clock },
      { code: code.code, terminalName: 'Counter 1' },
    );
    const issued = await t.app.request('/v1/devices/token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ deviceId: device.deviceId, secret: device.deviceSecret }),
    });
    deviceToken = ((await issued.json()) as { accessToken: string }).accessToken;
    deviceId = device.deviceId;
    managerToken = await t.mint('ravi', ['store_manager@store:s1']);
  }, 60_000);
  afterAll(async () => {
    await t.close();
  });

  it('lets people set their own PIN and managers of users set their staff’s, and audits it', async () => {
    const bad = await asManager('/v1/users/asha/pin', { pin: '12a4' });
    expect({ status: bad.status, body: await bad.json() }).toEqual({
      status: 400,
      body: errorEnvelope('VALIDATION_FAILED', 'A PIN is 4 to 6 digits.', {
        fields: [{ path: 'pin', message: '4 to 6 digits' }],
      }),
    });
    const cashierByStoreManager = await asManager('/v1/users/asha/pin', { pin: '1111' });
    expect(cashierByStoreManager.status).toBe(404);
    const own = await asManager('/v1/users/ravi/pin', { pin: '2222' });
    expect({ status: own.status, body: await own.json() }).toEqual({
      status: 200,
      body: { version: 1 },
    });
    const meera = await t.mint('meera', ['regional_manager@region:r1']);
    for (const [user, pin] of [
      ['asha', '1111'],
      ['meera', '333333'],
    ] as const) {
      const set = await t.app.request(`/v1/users/${user}/pin`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${meera}`, 'content-type': 'application/json' },
        body: JSON.stringify({ pin }),
      });
      expect({ status: set.status, body: await set.json() }).toEqual({
        status: 200,
        body: { version: 1 },
      });
    }
    const entries = await chainEntries(t.db, 'store:s1', 0, 100);
    expect(
      entries.filter((e) => e.kind === 'pin.changed').map((e) => [e.actor, e.subject]),
    ).toEqual([
      ['user:ravi', 'ravi'],
      ['user:meera', 'asha'],
    ]);
    expect(JSON.stringify(entries)).not.toContain('1111');
  });

  it('issues the store’s verifiers with counter permissions, expiring, and a PIN checks against them', async () => {
    const response = await asDevice('/v1/pins/verifiers');
    const body = (await response.json()) as StoreVerifiers;
    expect(response.status).toBe(200);
    expect(body.storeId).toBe('s1');
    expect(Date.parse(body.expiresAt) - Date.parse(body.issuedAt)).toBe(7 * 86_400_000);
    expect(
      body.people.map(({ userId, displayName, permissions, discountLimitBp, version }) => ({
        userId,
        displayName,
        permissions,
        discountLimitBp,
        version,
      })),
    ).toEqual([
      {
        userId: 'asha',
        displayName: 'ASHA',
        permissions: ['sales:create', 'returns:create'],
        discountLimitBp: 500,
        version: 1,
      },
      {
        userId: 'meera',
        displayName: 'MEERA',
        permissions: ['sales:create', 'returns:create', 'voids:authorise', 'discounts:override'],
        discountLimitBp: 500,
        version: 1,
      },
      {
        userId: 'ravi',
        displayName: 'RAVI',
        permissions: ['sales:create', 'returns:create', 'voids:authorise', 'discounts:override'],
        discountLimitBp: 500,
        version: 1,
      },
    ]);
    const asha = body.people[0];
    if (!asha) throw new Error('no verifier');
    const derived = pbkdf2Sync(
      '1111',
      Buffer.from(asha.kdf.salt, 'base64url'),
      asha.kdf.iterations,
      32,
      'sha256',
    );
    expect(derived.toString('base64url')).toBe(asha.verifier);
  });

  it('records uploaded offline PIN events once in the store’s audit chain', async () => {
    const events = [
      {
        id: '01900000-0000-7000-8000-000000000001',
        userId: 'asha',
        kind: 'sign_in_failed',
        action: null,
        at: '2026-04-01T04:00:00.000Z',
      },
      {
        id: '01900000-0000-7000-8000-000000000002',
        userId: 'asha',
        kind: 'sign_in',
        action: null,
        at: '2026-04-01T04:00:05.000Z',
      },
      {
        id: '01900000-0000-7000-8000-000000000003',
        userId: 'ravi',
        kind: 'authorised',
        action: 'void',
        at: '2026-04-01T04:01:00.000Z',
      },
    ];
    const first = await asDevice('/v1/pins/events', {
      method: 'POST',
      body: JSON.stringify({ events }),
    });
    expect(await first.json()).toEqual({ recorded: 3 });
    const again = await asDevice('/v1/pins/events', {
      method: 'POST',
      body: JSON.stringify({ events }),
    });
    expect(await again.json()).toEqual({ recorded: 0 });
    const kinds = (await chainEntries(t.db, 'store:s1', 0, 100)).filter(
      (e) => e.kind.startsWith('pin.') && e.kind !== 'pin.changed',
    );
    expect(
      kinds.map((e) => [e.kind, e.subject, (e.data as { action: string | null }).action]),
    ).toEqual([
      ['pin.sign_in_failed', 'asha', null],
      ['pin.sign_in', 'asha', null],
      ['pin.authorised', 'ravi', 'void'],
    ]);
  });

  it('tells which cashiers do not belong to a store', async () => {
    expect([
      ...(await foreignCashiers(t.db, 's1', ['asha', 'ravi', 'meera', 'farah', 'bina', 'ghost'])),
    ]).toEqual(['farah', 'bina', 'ghost']);
    expect(await cashierBelongsToStore(t.db, 's2', 'asha')).toBe(false);
    expect(await cashierBelongsToStore(t.db, 's2', 'meera')).toBe(true);
  });

  it('audits the enrolment and answers a revoked device DEVICE_REVOKED on its next contact', async () => {
    await revokeDevice({ db: t.db, clock: t.clock }, deviceId);
    const response = await asDevice('/v1/pins/verifiers');
    expect({ status: response.status, body: await response.json() }).toEqual({
      status: 401,
      body: errorEnvelope('DEVICE_REVOKED', 'This device has been revoked; enrol it again.'),
    });
    const kinds = (await chainEntries(t.db, 'store:s1', 0, 100)).filter((e) =>
      e.kind.startsWith('device.'),
    );
    expect(kinds.map((e) => [e.kind, e.subject])).toEqual([
      ['device.enrolment_code_created', null],
      ['device.enrolled', deviceId],
      ['device.revoked', deviceId],
    ]);
  });
});
