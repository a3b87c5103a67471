import { INDIAN_GST_SCHEDULE, INDIAN_TAX_CLASSES } from '@kiryana/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REF_SCOPE } from '../../db/sync-scopes';
import { type TestDb, testDatabases } from '../../testing/test-databases';
import { hsnFits } from '../tax-admin/hsn.service';
import { buildCatalogue } from './seed-catalogue';
import { SEED_REGIONS, seedStores } from './seed-chain';
import { createSeedRandom } from './seed-random';
import { SEED_HSN_PREFIXES, insertTaxClasses } from './seed-tax-classes';
import { insertTaxRates, takeSeqBlock } from './seed.queries';

/**
 * The demo tax classes: every class of the schedule is written with its description and, where the
 * notification names the headings, its HSN prefixes; and every product the demo catalogue makes
 * fits its class's prefixes, so the seed never holds a product the admin API would refuse.
 */
describe('demo tax classes', () => {
  it('name only classes of the schedule, and every seeded product fits its class', () => {
    const ids = new Set(INDIAN_TAX_CLASSES.map((c) => c.id));
    for (const id of Object.keys(SEED_HSN_PREFIXES)) expect(ids.has(id), id).toBe(true);
    const { products } = buildCatalogue(
      createSeedRandom(20_250_922),
      2000,
      SEED_REGIONS,
      seedStores(),
    );
    const misfits = products.filter((p) => !hsnFits(p.hsn, SEED_HSN_PREFIXES[p.taxClassId] ?? []));
    expect(misfits.map((p) => `${p.sku} ${p.hsn} ${p.taxClassId}`)).toEqual([]);
    expect(products.some((p) => p.taxClassId === 'gst-28-cess-pan-masala')).toBe(true);
  });

  describe.each(testDatabases())('written on $name', (database) => {
    let db: TestDb;
    beforeAll(async () => {
      db = await database.open();
    }, 60_000);
    afterAll(async () => {
      await db.close();
    });

    it('writes each class with its description and prefixes', async () => {
      const rows = INDIAN_GST_SCHEDULE.rows;
      const base = await takeSeqBlock(db, REF_SCOPE, rows.length);
      await insertTaxRates(db, rows, (id) => id, base);
      await insertTaxClasses(db);
      const { rows: classes } = await db.query<{
        id: string;
        description: string;
        hsn_prefixes: string[];
      }>('SELECT id, description, hsn_prefixes FROM tax_classes ORDER BY id');
      expect(classes.map((c) => c.id).sort()).toEqual(
        [...new Set(rows.map((r) => r.taxClassId))].sort(),
      );
      const pan = classes.find((c) => c.id === 'gst-28-cess-pan-masala');
      expect(pan?.hsn_prefixes).toEqual(['21069020']);
      expect(pan?.description).toBe(
        INDIAN_TAX_CLASSES.find((c) => c.id === 'gst-28-cess-pan-masala')?.description,
      );
      expect(classes.find((c) => c.id === 'gst-18')?.hsn_prefixes).toEqual([]);
    });
  });
});
