import { errorEnvelope } from '@kiryana/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deviceFetcher } from '../../testing/sync-test-app';
import { testDatabases } from '../../testing/test-databases';
import { type AdminTestApp, openAdminTestApp } from '../admin-api/admin-test-kit';

const forbidden = (permission: string) =>
  errorEnvelope('FORBIDDEN', `This needs the ${permission} permission here.`, { permission });

describe.each(testDatabases())('stores and terminals on $name', (database) => {
  let t: AdminTestApp;
  beforeAll(async () => {
    t = await openAdminTestApp(database);
  });
  afterAll(async () => {
    await t.close();
  });

  it('lists only the regions and stores in reach', async () => {
    const stores = (await (await t.as('regional', '/v1/admin/stores')).json()) as {
      stores: { id: string; activeTerminals: number }[];
    };
    expect(stores.stores.map((s) => [s.id, s.activeTerminals])).toEqual([
      ['s1a', 1],
      ['s1b', 1],
    ]);
    const regions = (await (await t.as('storeManager', '/v1/admin/regions')).json()) as {
      regions: { id: string }[];
    };
    expect(regions.regions.map((r) => r.id)).toEqual(['r1']);
    const all = (await (await t.as('auditor', '/v1/admin/stores')).json()) as {
      stores: unknown[];
    };
    expect(all.stores).toHaveLength(3);
  });

  it('creates an enrolment code for a store in reach, attributed in the audit log', async () => {
    const res = await t.as('regional', '/v1/admin/stores/s1b/enrolment-codes', { method: 'POST' });
    expect(res.status).toBe(201);
    const issued = (await res.json()) as { code: string; storeId: string };
    expect(issued.storeId).toBe('s1b');
    expect(issued.code).toMatch(/\S{6,}/);
    const { rows } = await t.db.query<{ actor: string }>(
      "SELECT actor FROM audit_log WHERE kind = 'device.enrolment_code_created' AND store_id = 's1b' ORDER BY seq DESC LIMIT 1",
    );
    expect(rows[0]?.actor).toBe('user:regional');
  });

  it('refuses codes outside the reach and to auditors, the same for unknown stores', async () => {
    for (const [actor, store] of [
      ['regional', 's2a'],
      ['storeManager', 's1b'],
      ['auditor', 's1a'],
      ['regional', 'nope'],
    ] as const) {
      const res = await t.as(actor, `/v1/admin/stores/${store}/enrolment-codes`, {
        method: 'POST',
      });
      expect(res.status).toBe(403);
      expect(await res.json()).toEqual(forbidden('devices:enroll'));
    }
  });

  it('revokes a terminal in reach: its next sync request gets 401', async () => {
    const outside = await t.as(
      'storeManager',
      `/v1/admin/devices/${t.devices.s1b.principal.deviceId}/revoke`,
      { method: 'POST' },
    );
    expect(outside.status).toBe(403);
    expect(await outside.json()).toEqual(forbidden('devices:revoke'));
    const auditor = await t.as(
      'auditor',
      `/v1/admin/devices/${t.devices.s1a.principal.deviceId}/revoke`,
      {
        method: 'POST',
      },
    );
    expect(auditor.status).toBe(403);
    const res = await t.as(
      'storeManager',
      `/v1/admin/devices/${t.devices.s1a.principal.deviceId}/revoke`,
      { method: 'POST' },
    );
    expect(res.status).toBe(200);
    const pull = await deviceFetcher(t.app, t.devices.s1a)('/v1/sync/products/pull');
    expect(pull.status).toBe(401);
    const { rows } = await t.db.query<{ actor: string }>(
      "SELECT actor FROM audit_log WHERE kind = 'device.revoked' AND store_id = 's1a'",
    );
    expect(rows.map((r) => r.actor)).toEqual(['user:storeManager']);
    const again = await t.as(
      'storeManager',
      `/v1/admin/devices/${t.devices.s1a.principal.deviceId}/revoke`,
      { method: 'POST' },
    );
    expect(again.status).toBe(404);
  });
});
