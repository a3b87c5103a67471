import { createHmac, pbkdf2Sync, randomBytes, scryptSync } from 'node:crypto';
import { errorEnvelope } from '@kiryana/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { suiteFixture } from '../../testing/suite-fixture';
import { testDatabases } from '../../testing/test-databases';
import { insertStores } from '../../testing/sync-fixtures';
import { chainEntries } from '../audit/audit.queries';
import { revokeDevice } from '../devices/device.service';
import { TEST_PIN_SCRYPT, insertPerson, openIdentityTestApp } from '../identity/identity-test-kit';
import { cashierBelongsToStore, foreignCashiers } from './pin.queries';
import type { StoreVerifiers } from '@kiryana/shared';

/** The verifier of a PIN as the server derives it: scrypt(PBKDF2-SHA256(PIN)). */
function verifierOf(pin: string, kdf: StoreVerifiers['people'][number]['kdf']) {
  const inner = pbkdf2Sync(pin, Buffer.from(kdf.salt, 'base64url'), kdf.iterations, 32, 'sha256');
  const outer = scryptSync(inner, Buffer.from(kdf.scrypt.salt, 'base64url'), 32, {
    N: 2 ** kdf.scrypt.logN,
    r: kdf.scrypt.r,
    p: kdf.scrypt.p,
  });
  return { inner, outer };
}

describe.each(testDatabases())('cashier PINs on $name', (database) => {
  const t = suiteFixture(() => openIdentityTestApp(database));
  let deviceToken = '';
  let deviceId = '';
  let deviceSecret = '';
  let pinKey = '';
  let managerToken = '';

  const asDevice = (path: string, init: RequestInit = {}) =>
    t.app.request(path, {
      ...init,
      headers: { authorization: `Bearer ${deviceToken}`, 'content-type': 'application/json' },
    });
  const asManager = (path: string, body: unknown, method = 'PUT', token = managerToken) =>
    t.app.request(path, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  beforeAll(async () => {
    await insertStores(t.db, 'r1', ['s1', 's2']);
    const people = [
      { id: 'asha', role: 'cashier', scope: { kind: 'store', storeId: 's1' } },
      { id: 'ravi', role: 'store_manager', scope: { kind: 'store', storeId: 's1' } },
      { id: 'meera', role: 'regional_manager', scope: { kind: 'region', regionId: 'r1' } },
      { id: 'farah', role: 'auditor', scope: { kind: 'all' } },
      { id: 'bina', role: 'cashier', scope: { kind: 'store', storeId: 's2' } },
      { id: 'kabir', role: 'hq_admin', scope: { kind: 'all' } },
    ] as const;
    for (const p of people) {
      await insertPerson(t.db, { ...p, displayName: p.id.toUpperCase() });
    }
    await t.db.query("UPDATE users SET status = 'disabled' WHERE id = 'bina'");
    const device = await t.enrolDevice('s1');
    deviceToken = device.token;
    deviceId = device.deviceId;
    deviceSecret = device.deviceSecret;
    pinKey = device.pinKey;
    managerToken = await t.mint('ravi', ['store_manager@store:s1']);
  }, 60_000);

  it('lets people set their own PIN and managers of users set their staff’s, and audits it', async () => {
    const bad = await asManager('/v1/users/asha/pin', { pin: '12a4' });
    expect({ status: bad.status, body: await bad.json() }).toEqual({
      status: 400,
      body: errorEnvelope('VALIDATION_FAILED', 'A PIN is 4 to 6 digits.', {
        fields: [{ path: 'pin', message: '4 to 6 digits' }],
      }),
    });
    const cashierByStoreManager = await asManager('/v1/users/asha/pin', { pin: '4827' });
    expect(cashierByStoreManager.status).toBe(404);
    const own = await asManager('/v1/users/ravi/pin', { pin: '7391' });
    expect({ status: own.status, body: await own.json() }).toEqual({
      status: 200,
      body: { version: 1 },
    });
    const meera = await t.mint('meera', ['regional_manager@region:r1']);
    for (const [user, pin] of [
      ['asha', '4827'],
      ['meera', '506418'],
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
    expect(JSON.stringify(entries)).not.toContain('4827');
    const kabir = await t.mint('kabir', ['hq_admin@all']);
    const hq = await asManager('/v1/users/kabir/pin', { pin: '2580' }, 'PUT', kabir);
    expect(hq.status).toBe(200);
  });

  it('refuses trivial PINs with PIN_TOO_WEAK wherever a PIN is set', async () => {
    for (const pin of ['0000', '1111', '1234', '4321', '123456', '999999', '0123']) {
      const response = await asManager('/v1/users/ravi/pin', { pin });
      expect({ pin, status: response.status, body: await response.json() }).toEqual({
        pin,
        status: 400,
        body: errorEnvelope(
          'PIN_TOO_WEAK',
          'This PIN is too easy to guess (one digit repeated, or a run such as 1234); choose another.',
        ),
      });
    }
    const version = await t.db.query<{ version: number }>(
      "SELECT version FROM user_pins WHERE user_id = 'ravi'",
    );
    expect(version.rows).toEqual([{ version: 1 }]);
  });

  it('sends a person’s verifier only to stores where a manager assigned them a counter', async () => {
    const before = (await (await asDevice('/v1/pins/verifiers')).json()) as StoreVerifiers;
    expect(before.people).toEqual([]);
    const refused = [
      ['s1', 'farah', 400],
      ['s1', 'ghost', 404],
      ['s2', 'bina', 403],
      ['nowhere', 'asha', 403],
      ['s1', 'a\u0000b', 400],
    ] as const;
    for (const [store, user, status] of refused) {
      const response = await asManager(
        `/v1/admin/stores/${store}/counter-staff/${encodeURIComponent(user)}`,
        undefined,
      );
      expect({ store, user, status: response.status }).toEqual({ store, user, status });
      expect(((await response.json()) as { error: { code: string } }).error.code).toBeTypeOf(
        'string',
      );
    }
    for (const user of ['asha', 'ravi', 'meera', 'meera']) {
      const response = await asManager(`/v1/admin/stores/s1/counter-staff/${user}`, undefined);
      expect({ status: response.status, body: await response.json() }).toEqual({
        status: 200,
        body: { storeId: 's1', userId: user, assigned: true },
      });
    }
    const listed = await asManager('/v1/admin/stores/s1/counter-staff', undefined, 'GET');
    expect(
      ((await listed.json()) as { people: { userId: string }[] }).people.map((p) => p.userId),
    ).toEqual(['asha', 'meera', 'ravi']);
    const entries = await chainEntries(t.db, 'store:s1', 0, 100);
    expect(
      entries.filter((e) => e.kind.startsWith('counter.')).map((e) => [e.kind, e.actor, e.subject]),
    ).toEqual([
      ['counter.assigned', 'user:ravi', 'asha'],
      ['counter.assigned', 'user:ravi', 'ravi'],
      ['counter.assigned', 'user:ravi', 'meera'],
    ]);
    const openapi = (await (await t.app.request('/openapi.json')).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    expect(
      Object.keys(openapi.paths['/v1/admin/stores/{storeId}/counter-staff/{userId}'] ?? {}),
    ).toEqual(expect.arrayContaining(['put', 'delete']));
  });

  it('issues the assigned people’s verifiers with counter permissions, expiring; never an HQ admin’s', async () => {
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
    // The HQ admin has a PIN and a role reaching every store, but works no counter.
    expect(JSON.stringify(body)).not.toContain('kabir');
  });

  it('gives a device token sealed verifiers that confirm no PIN guess without the terminal’s key', async () => {
    const body = (await (await asDevice('/v1/pins/verifiers')).json()) as StoreVerifiers;
    const asha = body.people.find((p) => p.userId === 'asha');
    if (!asha) throw new Error('no verifier');
    expect(asha.kdf.scrypt).toMatchObject(TEST_PIN_SCRYPT);
    // Everything an attacker can compute from a guess (even the right one) without the key…
    const { inner, outer } = verifierOf('4827', asha.kdf);
    const text = JSON.stringify(body);
    for (const derived of [inner, outer]) {
      expect(text).not.toContain(derived.toString('base64url'));
      expect(text).not.toContain(derived.toString('base64'));
    }
    // …matches nothing in the answer; only the terminal's key turns the right guess into `sealed`.
    const seal = (key: Buffer) => createHmac('sha256', key).update(outer).digest('base64url');
    expect(seal(randomBytes(32))).not.toBe(asha.sealed);
    expect(seal(Buffer.from(pinKey, 'base64url'))).toBe(asha.sealed);
    expect(text).not.toContain(pinKey);
    // The key cannot be fetched with the access token: only with the credential, and only once.
    const withToken = await asDevice('/v1/devices/pin-key', {
      method: 'POST',
      body: JSON.stringify({ deviceId, secret: deviceToken.slice(0, 128) }),
    });
    expect(withToken.status).toBe(401);
    const again = await t.app.request('/v1/devices/pin-key', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ deviceId, secret: deviceSecret }),
    });
    expect({ status: again.status, body: await again.json() }).toEqual({
      status: 409,
      body: errorEnvelope('CONFLICT', 'This device already received its PIN key.'),
    });
  });

  it('wraps a PBKDF2 verifier from before scrypt without the PIN, and keys a terminal enrolled before PIN keys', async () => {
    const salt = randomBytes(16);
    const legacy = pbkdf2Sync('3917', salt, 100_000, 32, 'sha256').toString('base64url');
    await t.db.query(
      `UPDATE user_pins SET salt = $1, iterations = 100000, verifier = $2, scrypt_salt = NULL,
         scrypt_log_n = NULL, scrypt_r = NULL, scrypt_p = NULL WHERE user_id = 'asha'`,
      [salt.toString('base64url'), legacy],
    );
    await t.db.query('DELETE FROM device_pin_keys WHERE device_id = $1', [deviceId]);
    const missing = await asDevice('/v1/pins/verifiers');
    expect({ status: missing.status, body: await missing.json() }).toEqual({
      status: 409,
      body: errorEnvelope(
        'PIN_KEY_MISSING',
        'This terminal has no PIN key yet; fetch it once with POST /v1/devices/pin-key.',
      ),
    });
    const keyed = await t.app.request('/v1/devices/pin-key', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ deviceId, secret: deviceSecret }),
    });
    expect(keyed.status).toBe(200);
    pinKey = ((await keyed.json()) as { pinKey: string }).pinKey;
    const body = (await (await asDevice('/v1/pins/verifiers')).json()) as StoreVerifiers;
    const asha = body.people.find((p) => p.userId === 'asha');
    if (!asha) throw new Error('no verifier');
    const { outer } = verifierOf('3917', asha.kdf);
    expect(
      createHmac('sha256', Buffer.from(pinKey, 'base64url')).update(outer).digest('base64url'),
    ).toBe(asha.sealed);
    const stored = await t.db.query<{ verifier: string; version: number }>(
      "SELECT verifier, version FROM user_pins WHERE user_id = 'asha'",
    );
    expect(stored.rows).toEqual([{ verifier: outer.toString('base64url'), version: 1 }]);
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

  it('refuses PIN events about anyone whose verifier the device never received, writing nothing', async () => {
    const before = (await chainEntries(t.db, 'store:s1', 0, 1000)).length;
    for (const userId of ['bina', 'ghost', 'kabir']) {
      const response = await asDevice('/v1/pins/events', {
        method: 'POST',
        body: JSON.stringify({
          events: [
            {
              id: '01900000-0000-7000-8000-000000000011',
              userId: 'asha',
              kind: 'sign_in',
              action: null,
              at: '2026-04-01T05:00:00.000Z',
            },
            {
              id: '01900000-0000-7000-8000-000000000012',
              userId,
              kind: 'sign_in',
              action: null,
              at: '2026-04-01T05:00:01.000Z',
            },
          ],
        }),
      });
      expect({ status: response.status, body: await response.json() }).toEqual({
        status: 403,
        body: errorEnvelope(
          'PIN_EVENT_REFUSED',
          'PIN events may name only people whose PIN this terminal received.',
          { userIds: [userId] },
        ),
      });
    }
    expect((await chainEntries(t.db, 'store:s1', 0, 1000)).length).toBe(before);
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
    // Revocation ends the device's PIN key: nothing is ever sealed for it again.
    const keys = await t.db.query('SELECT 1 FROM device_pin_keys WHERE device_id = $1', [deviceId]);
    expect(keys.rowCount).toBe(0);
  });
});
