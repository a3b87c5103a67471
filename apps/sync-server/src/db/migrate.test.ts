import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases, type TestDb } from '../testing/test-databases';
import { migrate, migrationNames } from './migrate';

describe.each(testDatabases())('migrate on $name', (database) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await database.open();
  });
  afterAll(async () => {
    await db.close();
  });

  it('records every migration once and applies nothing on a second run', async () => {
    const recorded = await db.query<{ name: string }>(
      'SELECT name FROM schema_migrations ORDER BY name',
    );
    expect(recorded.rows.map((r) => r.name)).toEqual(await migrationNames());
    expect(await migrate(db)).toEqual([]);
  });

  it('creates the monthly sale_lines partitions ahead and moves stray default rows into them', async () => {
    await db.query(
      `INSERT INTO sale_lines (store_id, business_date, sale_id, line_no, kind, product_id, qty_base, net_minor,
         taxable_minor, cgst_minor, sgst_minor, igst_minor, cess_minor, gst_rate_bp, hsn)
       VALUES ('s1', '2031-07-15', '0190a8a0-0000-7000-8000-000000000001', 1, 'sale', 'p1', 1, 100, 90, 5, 5, 0, 0, 1200, '1905')`,
    );
    const created = await db.query<{ n: number }>(
      "SELECT ensure_sale_lines_partitions('2031-06-01', '2031-06-10', 2) AS n",
    );
    expect(created.rows[0]?.n).toBe(3);
    const where = await db.query<{ part: string }>(
      "SELECT tableoid::regclass::text AS part FROM sale_lines WHERE store_id = 's1'",
    );
    expect(where.rows).toEqual([{ part: 'sale_lines_203107' }]);
  });
});
