import { supplierListSchema, supplierSchema } from '@kiryana/shared';
import { describe, expect, it } from 'vitest';
import { suiteFixture } from '../../testing/suite-fixture';
import { testDatabases } from '../../testing/test-databases';
import { type AdminActor, errorCodeOf, openAdminTestApp } from '../admin-api/admin-test-kit';

/**
 * The supplier master through the admin API on a real database: who may create and change which
 * supplier, who sees which, GSTIN and reference checks answered 400 with nothing written, and an
 * audit entry per change.
 */

const GSTIN_27 = '27AAPFU0939F1ZV';

const supplier = (over: Record<string, unknown> = {}) => ({
  name: 'Shree Traders',
  gstin: GSTIN_27,
  stateCode: '27',
  paymentTermsDays: 30,
  leadTimeDays: 3,
  regionId: 'r1',
  storeIds: ['s1a', 's1b'],
  products: [
    {
      productId: 'p1',
      orderUnitName: 'case',
      baseUnitsPerOrderUnit: 24,
      lastCostMinorPerOrderUnit: 24_000,
    },
    {
      productId: 'p2',
      orderUnitName: 'piece',
      baseUnitsPerOrderUnit: 1,
      lastCostMinorPerOrderUnit: null,
    },
  ],
  ...over,
});

describe.each(testDatabases())('suppliers admin API on $name', (database) => {
  const t = suiteFixture(() => openAdminTestApp(database));
  const send = (actor: AdminActor, method: string, path: string, body: unknown) =>
    t.json(actor, method, path, body);
  const count = async (table: string) =>
    Number(
      (await t.db.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${table}`)).rows[0]?.n,
    );

  it('lets a region keep its suppliers and HQ the chain-wide ones, each change audited', async () => {
    const created = await send('regional', 'POST', '/v1/admin/suppliers', supplier());
    expect(created.status).toBe(201);
    const body = supplierSchema.parse(await created.json());
    expect(body).toMatchObject({ name: 'Shree Traders', regionId: 'r1', storeIds: ['s1a', 's1b'] });
    expect(body.products.map((p) => p.productId)).toEqual(['p1', 'p2']);

    const chainWide = await send('hq', 'POST', '/v1/admin/suppliers', {
      ...supplier({ name: 'All India FMCG', regionId: null, storeIds: ['s2a'], gstin: null }),
    });
    expect(chainWide.status).toBe(201);
    const chain = supplierSchema.parse(await chainWide.json());
    const other = await send('hq', 'POST', '/v1/admin/suppliers', {
      ...supplier({ name: 'East Wholesale', regionId: 'r2', storeIds: ['s2a'] }),
    });
    expect(other.status).toBe(201);

    // A region may not write a chain-wide supplier, nor change one; it reads it.
    expect(
      (await send('regional', 'POST', '/v1/admin/suppliers', supplier({ regionId: null }))).status,
    ).toBe(403);
    const takeOver = await send(
      'regional',
      'PUT',
      `/v1/admin/suppliers/${chain.supplierId}`,
      supplier(),
    );
    expect(takeOver.status).toBe(403);
    expect((await send('storeManager', 'POST', '/v1/admin/suppliers', supplier())).status).toBe(
      403,
    );
    expect((await send('cashier', 'POST', '/v1/admin/suppliers', supplier())).status).toBe(403);

    const renamed = await send('regional', 'PUT', `/v1/admin/suppliers/${body.supplierId}`, {
      ...supplier({ name: 'Shree Traders Pvt Ltd', storeIds: ['s1a'] }),
      active: false,
    });
    expect(renamed.status).toBe(200);
    expect(supplierSchema.parse(await renamed.json())).toMatchObject({
      name: 'Shree Traders Pvt Ltd',
      storeIds: ['s1a'],
      active: false,
    });

    const names = async (actor: AdminActor, query = '') => {
      const res = await t.as(actor, `/v1/admin/suppliers${query}`);
      expect(res.status).toBe(200);
      return supplierListSchema.parse(await res.json()).suppliers.map((s) => s.name);
    };
    expect(await names('hq')).toEqual([
      'All India FMCG',
      'East Wholesale',
      'Shree Traders Pvt Ltd',
    ]);
    expect(await names('regional')).toEqual(['All India FMCG', 'Shree Traders Pvt Ltd']);
    expect(await names('storeManager')).toEqual(['All India FMCG', 'Shree Traders Pvt Ltd']);
    // A chain-wide supplier is read by everyone, but only with the stores the reader reaches.
    const seenByStore = await t.as('storeManager', `/v1/admin/suppliers/${chain.supplierId}`);
    expect(supplierSchema.parse(await seenByStore.json()).storeIds).toEqual([]);
    const seenByHq = await t.as('hq', `/v1/admin/suppliers/${chain.supplierId}`);
    expect(supplierSchema.parse(await seenByHq.json()).storeIds).toEqual(['s2a']);
    expect(await names('hq', '?regionId=r2')).toEqual(['East Wholesale']);
    expect(await names('hq', '?storeId=s2a')).toEqual(['All India FMCG', 'East Wholesale']);
    const east = (
      await t.db.query<{ id: string }>("SELECT id FROM suppliers WHERE name = 'East Wholesale'")
    ).rows[0]?.id;
    expect((await t.as('regional', `/v1/admin/suppliers/${east}`)).status).toBe(404);
    expect((await t.as('hq', `/v1/admin/suppliers/${east}`)).status).toBe(200);
    expect((await t.as('hq', '/v1/admin/suppliers?cursor=%7B')).status).toBe(400);

    const audit = await t.db.query<{ kind: string; actor: string; subject: string }>(
      "SELECT kind, actor, subject FROM audit_log WHERE kind LIKE 'supplier.%' ORDER BY seq, chain",
    );
    expect(audit.rows.map((r) => r.kind).sort()).toEqual([
      'supplier.created',
      'supplier.created',
      'supplier.created',
      'supplier.updated',
    ]);
    expect(audit.rows.find((r) => r.kind === 'supplier.updated')).toMatchObject({
      subject: body.supplierId,
    });
    expect(audit.rows.find((r) => r.kind === 'supplier.updated')?.actor).toMatch(/^user:/);
  });

  it('refuses bad input with the envelope and writes nothing', async () => {
    const before = [
      await count('suppliers'),
      await count('supplier_products'),
      await count('supplier_stores'),
      await count('audit_log'),
    ];
    const bad: [string, unknown][] = [
      ['check character', supplier({ gstin: '27AAPFU0939F1ZW' })],
      ['GSTIN of another state', supplier({ gstin: '29AAPFU0939F1ZV', stateCode: '27' })],
      ['unknown state', supplier({ stateCode: '99', gstin: null })],
      [
        'unknown product',
        supplier({
          products: [
            {
              productId: 'nope',
              orderUnitName: 'case',
              baseUnitsPerOrderUnit: 6,
              lastCostMinorPerOrderUnit: null,
            },
          ],
        }),
      ],
      [
        'zero pack',
        supplier({
          products: [
            {
              productId: 'p1',
              orderUnitName: 'case',
              baseUnitsPerOrderUnit: 0,
              lastCostMinorPerOrderUnit: null,
            },
          ],
        }),
      ],
      [
        'negative cost',
        supplier({
          products: [
            {
              productId: 'p1',
              orderUnitName: 'case',
              baseUnitsPerOrderUnit: 6,
              lastCostMinorPerOrderUnit: -1,
            },
          ],
        }),
      ],
      ['unknown store', supplier({ storeIds: ['s9'] })],
      ['store of another region', supplier({ storeIds: ['s2a'] })],
      ['unknown region', supplier({ regionId: 'r9', storeIds: [] })],
    ];
    for (const [label, body] of bad) {
      const res = await send('hq', 'POST', '/v1/admin/suppliers', body);
      expect(res.status, label).toBe(400);
      expect(await errorCodeOf(res), label).toBe('VALIDATION_FAILED');
    }
    expect((await send('hq', 'PUT', '/v1/admin/suppliers/sup-none', supplier())).status).toBe(404);
    expect([
      await count('suppliers'),
      await count('supplier_products'),
      await count('supplier_stores'),
      await count('audit_log'),
    ]).toEqual(before);
  });
});
