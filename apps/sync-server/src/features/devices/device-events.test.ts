import { eventEnvelopeSchema } from '@kiryana/shared';
import { describe, expect, it } from 'vitest';
import { openTestApp } from '../../http/test-app';
import { suiteFixture } from '../../testing/suite-fixture';
import { testDatabases } from '../../testing/test-databases';
import { drainOutbox } from '../events/events-test-kit';
import { createEnrolmentCode, revokeDevice } from './device.service';

/**
 * A terminal's enrolment and revocation raise `device.enrolled` / `device.revoked` on its store's
 * stream, in the transaction that changed the device (migration 0510).
 */
describe.each(testDatabases())('device events on $name', (database) => {
  const t = suiteFixture(async () => {
    const app = await openTestApp(database);
    await app.db.query(`INSERT INTO regions (id, code, name_en) VALUES ('reg-s', 'S', 'South')`);
    await app.db.query(
      `INSERT INTO stores (id, code, region_id, name_en, gstin, state_code)
       VALUES ('st-blr1', 'BLR1', 'reg-s', 'Bengaluru 1', '29ABCDE1234F1Z5', '29')`,
    );
    return app;
  });

  it('raises device.enrolled on enrolment and device.revoked once on revocation', async () => {
    const { code } = await createEnrolmentCode(t.deps, 'BLR1');
    const res = await t.app.request('/v1/devices/enroll', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code, terminalName: 'Counter 3' }),
    });
    expect(res.status).toBe(201);
    const { deviceId, terminalCode } = (await res.json()) as {
      deviceId: string;
      terminalCode: string;
    };
    const revoked = await revokeDevice(t.deps, deviceId);
    // A second revocation is refused and raises nothing.
    await expect(revokeDevice(t.deps, deviceId)).rejects.toThrow();

    const { events, invalid } = await drainOutbox(t.db);
    expect(invalid).toEqual([]);
    for (const event of events) eventEnvelopeSchema.parse(event);
    expect(events.map((e) => ({ ...e, id: undefined }))).toEqual([
      {
        id: undefined,
        type: 'device.enrolled',
        version: 1,
        storeId: 'st-blr1',
        regionId: 'reg-s',
        occurredAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) as string,
        storeSeq: '1',
        data: { deviceId, terminalCode, name: 'Counter 3' },
      },
      {
        id: undefined,
        type: 'device.revoked',
        version: 1,
        storeId: 'st-blr1',
        regionId: 'reg-s',
        occurredAt: revoked.revokedAt,
        storeSeq: '2',
        data: { deviceId },
      },
    ]);
  });
});
