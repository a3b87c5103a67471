import { beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { suiteFixture } from '../../testing/suite-fixture';
import { testDatabases } from '../../testing/test-databases';
import { adminOperations } from './admin-operations';
import { openAdminTestApp } from './admin-test-kit';

/** Real answers of the admin API parsed with the schemas its OpenAPI document shows. */
describe.each(testDatabases().slice(-1))(
  'admin API answers match its OpenAPI schemas on $name',
  (database) => {
    const t = suiteFixture(() => openAdminTestApp(database));
    beforeAll(async () => {
      await t.sell('s1a', 2);
    });

    const schemaOf = (operationId: string): z.ZodType => {
      const op = adminOperations.find((o) => o.operationId === operationId);
      const response = op && (op.responses[200] ?? op.responses[201]);
      if (!response?.schema) throw new Error(`${operationId} documents no schema`);
      return response.schema;
    };

    it('documents what GET routes answer', async () => {
      const calls: [string, string][] = [
        ['getDashboard', '/v1/admin/dashboard'],
        ['getFleetHealth', '/v1/admin/fleet'],
        ['listAdminRegions', '/v1/admin/regions'],
        ['listAdminStores', '/v1/admin/stores'],
        ['getCatalogueOptions', '/v1/admin/catalogue-options'],
        ['listProducts', '/v1/admin/products'],
        ['getProduct', '/v1/admin/products/p1'],
        ['getStoreStock', '/v1/admin/stock?storeId=s1a'],
        ['getProductStock', '/v1/admin/stock/by-product?productId=p1'],
        ['getStockMovements', '/v1/admin/stock/movements?storeId=s1a&productId=p1'],
        ['getSalesReport', `/v1/admin/reports/sales?from=${t.today}&to=${t.today}&groupBy=product`],
        ['getGstSummary', `/v1/admin/reports/gst?from=${t.today}&to=${t.today}`],
      ];
      for (const [operationId, path] of calls) {
        const res = await t.as('hq', path);
        expect(res.status, path).toBe(200);
        const parsed = schemaOf(operationId).safeParse(await res.json());
        expect(parsed.error?.issues ?? [], path).toEqual([]);
      }
    });

    it('documents what writes answer', async () => {
      const code = await t.as('hq', '/v1/admin/stores/s1b/enrolment-codes', { method: 'POST' });
      expect(schemaOf('createStoreEnrolmentCode').safeParse(await code.json()).success).toBe(true);
      const price = await t.as('hq', '/v1/admin/prices', {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ productId: 'p1', level: 'store', storeId: 's1a', priceMinor: 4900 }),
      });
      expect(schemaOf('setPrice').safeParse(await price.json()).success).toBe(true);
      const dry = await t.as('hq', '/v1/admin/products/import', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ csv: 'sku,name_en\nX,Y\n' }),
      });
      const report = schemaOf('importProducts').safeParse(await dry.json());
      expect(report.error?.issues ?? []).toEqual([]);
    });
  },
);
