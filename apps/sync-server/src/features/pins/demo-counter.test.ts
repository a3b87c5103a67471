import { pinProblem } from '@kiryana/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertStores } from '../../testing/sync-fixtures';
import { type TestDb, testDatabases } from '../../testing/test-databases';
import { DEMO_PEOPLE, seedDemoIdentityIfEmpty } from '../seed/demo-users';

describe.each(testDatabases())('demo counter staff on $name', (database) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await database.open();
    await insertStores(db, 'r1', ['s1', 's2']);
    await seedDemoIdentityIfEmpty(db, Date.now());
  }, 120_000);
  afterAll(async () => {
    await db.close();
  });

  it('gives the demo people non-trivial PINs and assigns those with one to the demo store only', async () => {
    const pins = DEMO_PEOPLE.flatMap((p) => (p.pin ? [p.pin] : []));
    expect(pins).toHaveLength(3);
    for (const pin of pins) expect(pinProblem(pin), pin).toBeNull();
    const { rows } = await db.query<{ username: string; store_id: string }>(
      `SELECT u.username, ca.store_id FROM counter_assignments ca JOIN users u ON u.id = ca.user_id
        ORDER BY u.username`,
    );
    expect(rows).toEqual([
      { username: 'cashier', store_id: 's1' },
      { username: 'regional.manager', store_id: 's1' },
      { username: 'store.manager', store_id: 's1' },
    ]);
  });
});
