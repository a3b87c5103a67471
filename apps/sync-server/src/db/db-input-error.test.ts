import { errorEnvelopeSchema } from '@kiryana/shared';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppEnv } from '../http/app-env';
import { createErrorHandler } from '../http/errors';
import { createLogger } from '../http/logger';
import { insertStores } from '../testing/sync-fixtures';
import { type TestDb, testDatabases } from '../testing/test-databases';

/**
 * The net under validation: a statement the database refuses because of the data a request
 * carried answers a 4xx envelope, never a 500 (issue 12, item 4). Real errors from the real
 * schema, on Postgres and PGlite.
 */
describe.each(testDatabases())('database input errors on $name', (database) => {
  let db: TestDb;
  let app: Hono<AppEnv>;
  beforeAll(async () => {
    db = await database.open();
    await insertStores(db, 'r1', ['s1']);
    app = new Hono<AppEnv>();
    app.onError(createErrorHandler(createLogger('silent')));
    const statements: Record<string, [string, unknown[]]> = {
      'foreign-key': [
        `INSERT INTO prices (id, product_id, level, store_id, price_minor, mrp_minor, effective_from)
         VALUES ('x', 'no-such-product', 'store', 's1', 1, 1, '2026-04-01')`,
        [],
      ],
      unique: ["INSERT INTO regions (id, code, name_en) VALUES ('r1', 'RR1', 'again')", []],
      nul: ['SELECT id FROM stores WHERE id = $1', ['s\u0000']],
      date: ['SELECT $1::date', ['0000-01-01']],
    };
    app.get('/broken', async (c) => c.json((await db.query('SELECT * FROM no_such_table')).rows));
    for (const [name, [sql, params]] of Object.entries(statements)) {
      app.get(`/${name}`, async (c) => c.json((await db.query(sql, params)).rows));
    }
    app.get('/check-price', async (c) =>
      c.json(
        (
          await db.query(
            `INSERT INTO products (id, sku, name_en, hsn, tax_class_id, category, unit, price_basis_qty, mrp_minor)
             VALUES ('bad', 'BAD', 'Bad', '1905', 'gst5', 'x', 'piece', 1, -5)`,
          )
        ).rows,
      ),
    );
  }, 60_000);
  afterAll(async () => {
    await db.close();
  });

  it.each([
    ['foreign-key', 404, 'NOT_FOUND', 'Something this request refers to does not exist.'],
    ['unique', 409, 'CONFLICT', 'This already exists.'],
    ['check-price', 400, 'VALIDATION_FAILED', 'A value in this request is not acceptable.'],
    ['nul', 400, 'VALIDATION_FAILED', 'A value in this request is not acceptable.'],
    ['date', 400, 'VALIDATION_FAILED', 'A value in this request is not acceptable.'],
  ] as const)(
    'answers a %s violation %i %s in the envelope',
    async (name, status, code, message) => {
      const response = await app.request(`/${name}`);
      const body = errorEnvelopeSchema.parse(await response.json());
      expect([response.status, body.error.code, body.error.message]).toEqual([
        status,
        code,
        message,
      ]);
    },
  );

  it('still answers a plain 500 for an error that is not about the data (a missing table)', async () => {
    const response = await app.request('/broken');
    expect(response.status).toBe(500);
  });
});
