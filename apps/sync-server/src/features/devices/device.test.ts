import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppEnv } from '../../http/app-env';
import { requireDevice } from '../../http/require-device';
import type { Queryable } from '../../db/db';
import { createErrorHandler } from '../../http/errors';
import { createLogger } from '../../http/logger';
import { type TestApp, openTestApp } from '../../http/test-app';
import { testDatabases } from '../../testing/test-databases';
import { createEnrolmentCode, revokeDevice } from './device.service';

// One region with two stores, enough for enrolment.
async function insertDeviceFixture(db: Queryable): Promise<void> {
  await db.query(`INSERT INTO regions (id, code, name_en) VALUES ('reg-n', 'N', 'North')`);
  await db.query(
    `INSERT INTO stores (id, code, region_id, name_en, gstin, state_code) VALUES
     ('st-del1', 'DEL1', 'reg-n', 'Delhi 1', '07ABCDE1234F1Z5', '07'),
     ('st-del2', 'DEL2', 'reg-n', 'Delhi 2', '07ABCDE1234F2Z4', '07')`,
  );
}

const json = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify(body),
});

describe.each(testDatabases())('devices on $name', (database) => {
  let t: TestApp;
  /** A bare app behind the real middleware that answers who the caller is. */
  let echo: Hono<AppEnv>;

  beforeAll(async () => {
    t = await openTestApp(database);
    await insertDeviceFixture(t.db);
    echo = new Hono<AppEnv>();
    echo.onError(createErrorHandler(createLogger('silent')));
    echo.use('*', requireDevice(t.deps.verifyDeviceToken));
    echo.get('/who', (c) => c.json(c.var.device));
  });
  afterAll(async () => {
    await t.close();
  });

  async function enroll(storeCode = 'DEL1', terminalName = 'Counter 1') {
    const { code } = await createEnrolmentCode(t.deps, storeCode);
    const res = await t.app.request('/v1/devices/enroll', json({ code, terminalName }));
    expect(res.status).toBe(201);
    return (await res.json()) as { deviceId: string; deviceSecret: string; terminalCode: string };
  }

  async function token(deviceId: string, secret: string) {
    return t.app.request('/v1/devices/token', json({ deviceId, secret }));
  }

  async function accessToken(deviceId: string, secret: string): Promise<string> {
    const res = await token(deviceId, secret);
    expect(res.status).toBe(200);
    return ((await res.json()) as { accessToken: string }).accessToken;
  }

  const who = (bearer?: string) =>
    echo.request('/who', bearer ? { headers: { Authorization: `Bearer ${bearer}` } } : {});

  it('enrols a terminal with a one-time code and authenticates its access token', async () => {
    const issued = await createEnrolmentCode(t.deps, 'DEL2');
    expect(issued).toEqual({
      code: expect.stringMatching(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/) as string,
      storeId: 'st-del2',
      storeCode: 'DEL2',
      storeName: 'Delhi 2',
      expiresAt: new Date(t.clock.now() + 86_400_000).toISOString(),
    });
    // People type codes in lower case with spaces; that must still work.
    const typed = issued.code.toLowerCase().replace('-', ' ');
    const res = await t.app.request(
      '/v1/devices/enroll',
      json({ code: typed, terminalName: 'Counter 1' }),
    );
    expect(res.status).toBe(201);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const device = (await res.json()) as { deviceId: string; deviceSecret: string };
    expect(device).toEqual({
      deviceId: expect.stringMatching(/^[0-9a-f-]{36}$/) as string,
      deviceSecret: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) as string,
      pinKey: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) as string,
      storeId: 'st-del2',
      storeCode: 'DEL2',
      regionId: 'reg-n',
      terminalCode: 'T1',
    });
    const tokenRes = await token(device.deviceId, device.deviceSecret);
    expect(await tokenRes.json()).toEqual({
      accessToken: expect.any(String) as string,
      tokenType: 'Bearer',
      expiresIn: 900,
      expiresAt: new Date(t.clock.now() + 900_000).toISOString(),
    });
    const stored = await t.db.query<{ secret_hash: string; status: string; name: string }>(
      'SELECT secret_hash, status, name FROM devices WHERE id = $1',
      [device.deviceId],
    );
    expect(stored.rows[0]?.secret_hash).not.toContain(device.deviceSecret);
    expect(stored.rows[0]).toMatchObject({ status: 'active', name: 'Counter 1' });

    const second = await enroll('DEL2', 'Counter 2');
    expect(second.terminalCode).toBe('T2');
    const bearer = await accessToken(second.deviceId, second.deviceSecret);
    const me = await who(bearer);
    expect(await me.json()).toEqual({
      kind: 'device',
      deviceId: second.deviceId,
      storeId: 'st-del2',
      regionId: 'reg-n',
      terminalCode: 'T2',
    });
  });

  it('refuses a code that was already used, and a code nobody issued', async () => {
    const { code } = await createEnrolmentCode(t.deps, 'DEL1');
    expect(
      (await t.app.request('/v1/devices/enroll', json({ code, terminalName: 'A' }))).status,
    ).toBe(201);
    const invalid = {
      error: {
        code: 'ENROLMENT_CODE_INVALID',
        message: 'This enrolment code is not valid or was already used.',
      },
    };
    const again = await t.app.request('/v1/devices/enroll', json({ code, terminalName: 'B' }));
    expect([again.status, await again.json()]).toEqual([400, invalid]);
    const made = await t.app.request(
      '/v1/devices/enroll',
      json({ code: 'ZZZZZ-ZZZZZ', terminalName: 'B' }),
    );
    expect([made.status, await made.json()]).toEqual([400, invalid]);
  });

  it('lets exactly one of three terminals racing with one code enrol', async () => {
    const { code } = await createEnrolmentCode(t.deps, 'DEL1');
    const results = await Promise.all(
      ['A', 'B', 'C'].map(async (terminalName) =>
        t.app.request('/v1/devices/enroll', json({ code, terminalName })),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 400, 400]);
  });

  it('refuses an expired code with ENROLMENT_CODE_EXPIRED', async () => {
    const { code } = await createEnrolmentCode(t.deps, 'DEL1', 60_000);
    t.clock.advance(60_000);
    try {
      const res = await t.app.request('/v1/devices/enroll', json({ code, terminalName: 'Late' }));
      expect([res.status, await res.json()]).toEqual([
        400,
        {
          error: {
            code: 'ENROLMENT_CODE_EXPIRED',
            message: 'This enrolment code has expired; ask for a new one.',
          },
        },
      ]);
    } finally {
      t.clock.advance(-60_000);
    }
  });

  it('lists every bad field of an enrolment request, and refuses bad JSON', async () => {
    const res = await t.app.request('/v1/devices/enroll', json({ code: 5, extra: true }));
    expect([res.status, await res.json()]).toEqual([
      400,
      {
        error: {
          code: 'VALIDATION_FAILED',
          message: 'The request body is not valid.',
          details: {
            fields: [
              { path: 'code', message: expect.any(String) as string },
              { path: 'terminalName', message: expect.any(String) as string },
              { path: '(root)', message: expect.stringContaining('extra') as string },
            ],
          },
        },
      },
    ]);
    const bad = await t.app.request('/v1/devices/enroll', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"code": ',
    });
    expect([bad.status, await bad.json()]).toEqual([
      400,
      { error: { code: 'BAD_JSON', message: 'The body is not valid JSON.' } },
    ]);
    const form = await t.app.request('/v1/devices/enroll', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'code=1',
    });
    expect(form.status).toBe(415);
  });

  it('answers a wrong secret and an unknown device alike with UNAUTHENTICATED', async () => {
    const device = await enroll();
    const expected = {
      error: { code: 'UNAUTHENTICATED', message: 'Unknown device or wrong secret.' },
    };
    const wrong = await token(device.deviceId, `${device.deviceSecret}x`);
    expect([wrong.status, await wrong.json()]).toEqual([401, expected]);
    const unknown = await token('no-such-device', device.deviceSecret);
    expect([unknown.status, await unknown.json()]).toEqual([401, expected]);
  });

  it('refuses a missing, expired or tampered access token', async () => {
    const device = await enroll();
    const bearer = await accessToken(device.deviceId, device.deviceSecret);
    const missing = await who();
    expect([missing.status, await missing.json()]).toEqual([
      401,
      { error: { code: 'UNAUTHENTICATED', message: 'An access token is required.' } },
    ]);
    expect(missing.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');

    const [header, payload, signature] = bearer.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<
      string,
      unknown
    >;
    const forged = Buffer.from(JSON.stringify({ ...claims, sid: 'st-del2' })).toString('base64url');
    for (const tampered of [
      `${header}.${forged}.${signature}`,
      `${header}.${payload}.${signature.slice(0, -2)}AA`,
      'garbage',
    ]) {
      const res = await who(tampered);
      expect([res.status, await res.json()]).toEqual([
        401,
        { error: { code: 'UNAUTHENTICATED', message: 'The access token is not valid.' } },
      ]);
    }
    const noneAlg = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${payload}.`;
    expect((await who(noneAlg)).status).toBe(401);

    t.clock.advance(900_000);
    try {
      const expired = await who(bearer);
      expect([expired.status, await expired.json()]).toEqual([
        401,
        {
          error: {
            code: 'TOKEN_EXPIRED',
            message: 'The access token has expired; request a new one.',
          },
        },
      ]);
    } finally {
      t.clock.advance(-900_000);
    }
  });

  it('answers DEVICE_REVOKED on the very next request after the revocation', async () => {
    const device = await enroll();
    const bearer = await accessToken(device.deviceId, device.deviceSecret);
    expect((await who(bearer)).status).toBe(200);
    expect(await revokeDevice(t.deps, device.deviceId)).toEqual({
      deviceId: device.deviceId,
      revokedAt: new Date(t.clock.now()).toISOString(),
    });
    const revoked = {
      error: { code: 'DEVICE_REVOKED', message: 'This device has been revoked; enrol it again.' },
    };
    const res = await who(bearer);
    expect([res.status, await res.json()]).toEqual([401, revoked]);
    const again = await token(device.deviceId, device.deviceSecret);
    expect([again.status, await again.json()]).toEqual([401, revoked]);
    await expect(revokeDevice(t.deps, device.deviceId)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('records last_seen_at at most once a minute, not on every request', async () => {
    const device = await enroll();
    const bearer = await accessToken(device.deviceId, device.deviceSecret);
    const lastSeen = async () =>
      (
        await t.db.query<{ ms: number }>(
          'SELECT (extract(epoch FROM last_seen_at) * 1000)::int8 AS ms FROM devices WHERE id = $1',
          [device.deviceId],
        )
      ).rows[0]?.ms;
    const issuedAt = t.clock.now();
    expect(await lastSeen()).toBe(issuedAt);
    t.clock.advance(30_000);
    await who(bearer);
    expect(await lastSeen()).toBe(issuedAt);
    t.clock.advance(31_000);
    await who(bearer);
    expect(await lastSeen()).toBe(issuedAt + 61_000);
  });
});
