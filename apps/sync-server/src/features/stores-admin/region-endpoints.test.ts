import { describe, expect, it } from 'vitest';
import { suiteFixture } from '../../testing/suite-fixture';
import { testDatabases } from '../../testing/test-databases';
import { openAdminTestApp } from '../admin-api/admin-test-kit';
import { createEnrolmentCode, enrollDevice } from '../devices/device.service';

/**
 * HQ sets where a region's terminals sync (issue 20): only HQ may, the list is checked and stored
 * as origins, the change is in the audit log under the person, and the next terminal enrolled in
 * the region receives it. A region without a list hands out the server's SYNC_ENDPOINTS.
 */
describe.each(testDatabases())('region sync endpoints from HQ on $name', (database) => {
  const t = suiteFixture(() => openAdminTestApp(database));
  const put = (actor: 'hq' | 'regional', regionId: string, body: unknown) =>
    t.as(actor, `/v1/admin/regions/${regionId}/sync-endpoints`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('lets HQ set them, audits the change and hands them to the next terminal enrolled', async () => {
    const set = await put('hq', 'r2', {
      endpoints: ['https://sync-west.example.in/', 'https://sync-south.example.in:8443'],
    });
    expect(set.status).toBe(200);
    const stored = ['https://sync-west.example.in', 'https://sync-south.example.in:8443'];
    expect(await set.json()).toEqual({ regionId: 'r2', endpoints: stored });
    const audit = await t.db.query<{ actor: string }>(
      `SELECT actor FROM audit_log
        WHERE kind = 'reference.changed' AND data->>'table' = 'regions'
        ORDER BY at_ms DESC, seq DESC LIMIT 1`,
    );
    // Attributed to the person, not to the server.
    expect(audit.rows[0]?.actor).toBeDefined();
    expect(audit.rows[0]?.actor).not.toBe('system');

    const store = await t.db.query<{ code: string }>("SELECT code FROM stores WHERE id = 's2a'");
    const { code } = await createEnrolmentCode(
      { db: t.db, clock: { now: Date.now } },
      store.rows[0]?.code ?? '',
    );
    const enrolled = await t.app.request('/v1/devices/enroll', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code, terminalName: 'West till' }),
    });
    expect(enrolled.status).toBe(201);
    expect(((await enrolled.json()) as { endpoints?: string[] }).endpoints).toEqual(stored);
  });

  it('refuses anyone but HQ, paths, repeats, other schemes and unknown regions', async () => {
    expect((await put('regional', 'r1', { endpoints: [] })).status).toBe(403);
    for (const endpoints of [
      ['https://sync.example.in/v1'],
      ['https://a.example.in', 'https://a.example.in'],
      ['ftp://sync.example.in'],
    ]) {
      const refused = await put('hq', 'r1', { endpoints });
      expect(refused.status).toBe(400);
    }
    expect((await put('hq', 'no-such-region', { endpoints: [] })).status).toBe(404);
  });
  it("answers a region's list to those who reach it, and 404 for an unknown region", async () => {
    await put('hq', 'r1', { endpoints: ['https://sync-north.example.in'] });
    const read = await t.as('regional', '/v1/admin/regions/r1/sync-endpoints');
    expect(read.status).toBe(200);
    expect(await read.json()).toEqual({
      regionId: 'r1',
      endpoints: ['https://sync-north.example.in'],
    });
    const missing = await t.as('hq', '/v1/admin/regions/no-such-region/sync-endpoints');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({
      error: { code: 'NOT_FOUND', message: 'No such region.' },
    });
  });

  it("enrols with SYNC_ENDPOINTS where the region has no list, and the region's list where it has", async () => {
    const deps = {
      db: t.db,
      clock: { now: Date.now },
      syncEndpoints: ['https://sync-here.example.in', 'https://sync-there.example.in'],
    };
    const enrol = async (storeId: string, regionList: string[]) => {
      const region = await t.db.query<{ region_id: string; code: string }>(
        'SELECT region_id, code FROM stores WHERE id = $1',
        [storeId],
      );
      const [store] = region.rows;
      if (store === undefined) throw new Error(`no store ${storeId}`);
      await put('hq', store.region_id, { endpoints: regionList });
      const { code } = await createEnrolmentCode(deps, store.code);
      return (await enrollDevice(deps, { code, terminalName: 'Env till' })).endpoints;
    };
    expect(await enrol('s2a', [])).toEqual(deps.syncEndpoints);
    expect(await enrol('s2a', ['https://sync-west.example.in'])).toEqual([
      'https://sync-west.example.in',
    ]);
  });
});
