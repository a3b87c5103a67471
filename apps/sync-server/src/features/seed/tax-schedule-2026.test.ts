import {
  COMPENSATION_CESS_END,
  INDIAN_GST_SCHEDULE,
  INDIAN_TAX_CLASSES,
  type TaxRateRow,
} from '@kiryana/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../db/migrate';
import { type TestDb, testDatabases } from '../../testing/test-databases';
import { REF_SCOPE } from '../../db/sync-scopes';
import { insertTaxRates, takeSeqBlock } from './seed.queries';

/** The schedule shipped before compensation cess ended: pan masala 28 % + 60 %, open-ended. */
const BEFORE_2026: TaxRateRow[] = [
  ...INDIAN_GST_SCHEDULE.rows.filter(
    (row) => !['gst-28-cess-pan-masala', 'gst-biris', 'gst-tobacco'].includes(row.taxClassId),
  ),
  {
    taxClassId: 'gst-28-cess-pan-masala',
    rateBp: 2800,
    cessBp: 6000,
    effectiveFrom: '2024-04-01',
    effectiveTo: null,
  },
];

const describeClass = (classId: string) =>
  INDIAN_TAX_CLASSES.find((c) => c.id === classId)?.description ?? classId;

type Row = {
  id: string;
  tax_class_id: string;
  rate_bp: number;
  cess_bp: number;
  effective_from: string;
  effective_to: string | null;
  description: string;
};

describe.each(testDatabases())(
  'migration 0430 (tax schedule of 1 Feb 2026) on $name',
  (database) => {
    let db: TestDb;
    beforeAll(async () => {
      db = await database.open();
    }, 60_000);
    afterAll(async () => {
      await db.close();
    });

    it('brings a database seeded with the old schedule to the shipped one, with new seqs', async () => {
      const base = await takeSeqBlock(db, REF_SCOPE, BEFORE_2026.length);
      await insertTaxRates(db, BEFORE_2026, () => 'old', base);
      await db.query("DELETE FROM schema_migrations WHERE name = '0430_tax_schedule_2026.sql'");
      expect(await migrate(db)).toEqual(['0430_tax_schedule_2026.sql']);
      const rows = await db.query<Row & { seq: string }>(
        `SELECT id, tax_class_id, rate_bp, cess_bp, effective_from::text AS effective_from,
              effective_to::text AS effective_to, description, seq::text AS seq
         FROM tax_rates ORDER BY id`,
      );
      const shipped = INDIAN_GST_SCHEDULE.rows.map((row) => ({
        id: `${row.taxClassId}@${row.effectiveFrom}`,
        tax_class_id: row.taxClassId,
        rate_bp: row.rateBp,
        cess_bp: row.cessBp,
        effective_from: row.effectiveFrom,
        effective_to: row.effectiveTo ?? null,
      }));
      expect(rows.rows.map(({ description: _d, seq: _s, ...row }) => row)).toEqual(
        shipped.sort((a, b) => (a.id < b.id ? -1 : 1)),
      );
      const changed = rows.rows.filter((row) => row.description !== 'old');
      expect(changed.map((row) => [row.id, row.description])).toEqual(
        changed.map((row) => [row.id, describeClass(row.tax_class_id)]),
      );
      expect(changed.map((row) => row.id).sort()).toEqual([
        'gst-28-cess-pan-masala@2024-04-01',
        `gst-28-cess-pan-masala@${COMPENSATION_CESS_END}`,
        'gst-biris@2024-04-01',
        `gst-biris@${COMPENSATION_CESS_END}`,
        `gst-tobacco@${COMPENSATION_CESS_END}`,
      ]);
      const oldSeqs = rows.rows
        .filter((row) => row.description === 'old')
        .map((r) => BigInt(r.seq));
      for (const row of changed) {
        expect(BigInt(row.seq) > oldSeqs.reduce((a, b) => (a > b ? a : b))).toBe(true);
      }
    });

    it('leaves an unseeded database without tax rows', async () => {
      await db.query('DELETE FROM tax_rates');
      await db.query("DELETE FROM schema_migrations WHERE name = '0430_tax_schedule_2026.sql'");
      await migrate(db);
      expect((await db.query('SELECT 1 FROM tax_rates')).rowCount).toBe(0);
    });
  },
);
