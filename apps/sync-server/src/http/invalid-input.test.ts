import { errorEnvelopeSchema } from '@kiryana/shared';
import { describe, expect, it } from 'vitest';
import { openAdminTestApp } from '../features/admin-api/admin-test-kit';
import { suiteFixture } from '../testing/suite-fixture';
import { testDatabases } from '../testing/test-databases';

/**
 * The invalid inputs an outside review found answering 500 (issue 12, item 4), each pinned: a NUL
 * byte reaching Postgres, impossible calendar dates, an unknown store behind a foreign key.
 */
describe.each(testDatabases())('invalid input on $name', (database) => {
  const t = suiteFixture(() => openAdminTestApp(database));

  async function answer(response: Response): Promise<{ status: number; code: string }> {
    const body: unknown = await response.json();
    const envelope = errorEnvelopeSchema.parse(body);
    return { status: response.status, code: envelope.error.code };
  }

  it('refuses a NUL byte in a query string, a path and a JSON body with 400', async () => {
    expect(await answer(await t.as('hq', '/v1/admin/products?q=%00'))).toEqual({
      status: 400,
      code: 'VALIDATION_FAILED',
    });
    expect(await answer(await t.as('hq', '/v1/admin/products/p%001'))).toEqual({
      status: 400,
      code: 'VALIDATION_FAILED',
    });
    const put = await t.as('hq', '/v1/admin/prices', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ productId: 'p1\u0000', level: 'hq', priceMinor: 100 }),
    });
    expect(await answer(put)).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
  });

  it('refuses a lone surrogate in a query string with 400', async () => {
    expect(await answer(await t.as('hq', '/v1/admin/products?q=%ED%A0%80'))).toEqual({
      status: 400,
      code: 'VALIDATION_FAILED',
    });
    const body = '{"productId":"p1","level":"hq","priceMinor":100,"effectiveFrom":"\\ud800"}';
    const put = await t.as('hq', '/v1/admin/prices', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(await answer(put)).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
  });

  it.each([
    '/v1/admin/reports/sales?from=2026-01-01&to=2026-02-30',
    '/v1/admin/reports/gst?from=2025-02-29&to=2025-03-01',
    '/v1/admin/dashboard?date=0000-00-00',
    '/v1/admin/dashboard?date=2026-13-01',
    '/v1/reports/sales-by-store?from=2026-04-31&to=2026-05-01',
  ])('refuses the impossible date in %s with 400', async (path) => {
    expect(await answer(await t.as('hq', path))).toEqual({
      status: 400,
      code: 'VALIDATION_FAILED',
    });
  });

  it('accepts 29 February of a leap year', async () => {
    const response = await t.as('hq', '/v1/admin/reports/sales?from=2028-02-29&to=2028-02-29');
    expect(response.status).toBe(200);
  });

  it('answers a price for a store or region that does not exist with 404, storing nothing', async () => {
    for (const body of [
      { productId: 'p1', level: 'store', storeId: 'no-such-store', priceMinor: 100 },
      { productId: 'p1', level: 'region', regionId: 'no-such-region', priceMinor: 100 },
    ]) {
      const put = await t.as('hq', '/v1/admin/prices', {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(await answer(put)).toEqual({ status: 404, code: 'NOT_FOUND' });
    }
    const { rows } = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM prices WHERE store_id = 'no-such-store' OR region_id = 'no-such-region'`,
    );
    expect(rows[0]?.n).toBe(0);
  });
});
