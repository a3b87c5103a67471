import { type Store, errorEnvelope, storeSchema } from '@kiryana/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncApi } from '../../testing/sync-api';
import { deviceFetcher } from '../../testing/sync-test-app';
import { testDatabases } from '../../testing/test-databases';
import { type AdminTestApp, openAdminTestApp } from '../admin-api/admin-test-kit';

/** The test stores are in Maharashtra (27); a valid GSTIN there and one of Karnataka (29). */
const MAHARASHTRA = '27AAPFU0939F1ZV';
const KARNATAKA = '29AABCT1332L1ZA';

const settings = {
  gstin: MAHARASHTRA,
  legalName: 'Kiryana Retail Private Limited',
  composition: true,
  einvoicing: false,
};

describe.each(testDatabases())('store GST settings on $name', (database) => {
  let t: AdminTestApp;
  beforeAll(async () => {
    t = await openAdminTestApp(database);
  });
  afterAll(async () => {
    await t.close();
  });

  it('sets the registration, audited, and the store’s terminal pulls store v2', async () => {
    const res = await t.json('hq', 'PUT', '/v1/admin/stores/s1a/gst', {
      ...settings,
      gstin: ` ${MAHARASHTRA.toLowerCase()} `,
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      id: 's1a',
      stateCode: '27',
      ...settings,
    });
    const listed = (await (await t.as('hq', '/v1/admin/stores')).json()) as {
      stores: { id: string; legalName: string; composition: boolean; einvoicing: boolean }[];
    };
    expect(listed.stores.find((s) => s.id === 's1b')).toMatchObject({
      legalName: '',
      composition: false,
      einvoicing: false,
    });
    const { rows } = await t.db.query<{ actor: string; ids: string[] }>(
      `SELECT actor, data->'ids' AS ids FROM audit_log
        WHERE kind = 'reference.changed' AND subject = 'stores' ORDER BY seq DESC LIMIT 1`,
    );
    expect(rows).toEqual([{ actor: 'user:hq', ids: ['s1a'] }]);
    const pulled = await syncApi(deviceFetcher(t.app, t.devices.s1a)).pullAll<Store>('stores', 10);
    expect(pulled.documents).toHaveLength(1);
    const store = storeSchema.parse(pulled.documents[0]);
    expect(store).toMatchObject({
      id: 's1a',
      schemaVersion: 2,
      ...settings,
    });
  });

  it('refuses a bad GSTIN, one of another state, an unknown state, and composition with e-invoicing', async () => {
    const put = (body: object) =>
      t.json('hq', 'PUT', '/v1/admin/stores/s1b/gst', { ...settings, ...body });
    const mistyped = await put({ gstin: '27AAPFU0939F1ZA' });
    expect(mistyped.status).toBe(400);
    const message = 'The GSTIN check character does not match: a character is mistyped.';
    expect(await mistyped.json()).toEqual(
      errorEnvelope('GSTIN_INVALID', message, { fields: [{ path: 'gstin', message }] }),
    );
    const elsewhere = await put({ gstin: KARNATAKA });
    expect(elsewhere.status).toBe(400);
    expect(await elsewhere.json()).toMatchObject({
      error: {
        code: 'GSTIN_INVALID',
        message: 'The GSTIN is registered in state 29; this store is in state 27.',
      },
    });
    const nowhere = await put({ gstin: '98AAPFU0939F1ZV' });
    expect(nowhere.status).toBe(400);
    expect(await nowhere.json()).toMatchObject({ error: { code: 'STATE_CODE_UNKNOWN' } });
    const both = await put({ composition: true, einvoicing: true });
    expect(both.status).toBe(400);
    expect(await both.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
    const { rows } = await t.db.query<{ composition: boolean }>(
      "SELECT composition FROM stores WHERE id = 's1b'",
    );
    expect(rows).toEqual([{ composition: false }]);
  });

  it('needs stores:write for the store: a regional manager and unknown stores get 403', async () => {
    for (const [actor, store] of [
      ['regional', 's1a'],
      ['storeManager', 's1a'],
      ['hq', 'nope'],
    ] as const) {
      const res = await t.json(actor, 'PUT', `/v1/admin/stores/${store}/gst`, settings);
      expect([403, 404]).toContain(res.status);
      if (actor !== 'hq') {
        expect(await res.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
      }
    }
  });

  it('opens a store with its registration (HQ only), refusing bad input', async () => {
    const store = {
      code: 'BLR9',
      regionId: 'r1',
      nameEn: 'Kiryana Bengaluru Whitefield',
      stateCode: '29',
      gstin: KARNATAKA,
      legalName: 'Tata Consultancy Hotel Supplies',
      einvoicing: true,
    };
    const created = await t.json('hq', 'POST', '/v1/admin/stores', store);
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({
      id: 'st-blr9',
      code: 'BLR9',
      nameHi: '',
      composition: false,
      einvoicing: true,
      activeTerminals: 0,
    });
    const listed = (await (await t.as('regional', '/v1/admin/stores')).json()) as {
      stores: { id: string }[];
    };
    expect(listed.stores.map((s) => s.id)).toContain('st-blr9');
    const again = await t.json('hq', 'POST', '/v1/admin/stores', store);
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ error: { code: 'CONFLICT' } });
    const codeOf = async (actor: 'hq' | 'regional', body: object) => {
      const res = await t.json(actor, 'POST', '/v1/admin/stores', { ...store, ...body });
      return [res.status, ((await res.json()) as { error: { code: string } }).error.code];
    };
    // stores:write is HQ's: a regional manager may not open a store even in their region.
    expect(await codeOf('regional', { code: 'PUN9' })).toEqual([403, 'FORBIDDEN']);
    expect(await codeOf('hq', { code: 'XXX9', stateCode: '98' })).toEqual([
      400,
      'STATE_CODE_UNKNOWN',
    ]);
    expect(await codeOf('hq', { code: 'MUM9', stateCode: '27' })).toEqual([400, 'GSTIN_INVALID']);
    expect(await codeOf('hq', { code: 'MUM9', regionId: 'nowhere' })).toEqual([404, 'NOT_FOUND']);
    expect(await codeOf('hq', { code: 'MUM9', composition: true })).toEqual([
      400,
      'VALIDATION_FAILED',
    ]);
    const { rows } = await t.db.query<{ actor: string }>(
      `SELECT actor FROM audit_log
        WHERE kind = 'reference.changed' AND subject = 'stores' AND data->'ids' ? 'st-blr9'`,
    );
    expect(rows).toEqual([{ actor: 'user:hq' }]);
  });
});
