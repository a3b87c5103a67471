import { EMPTY_ID_CHECKSUM, idChecksum as webIdChecksum, xorChecksums } from '@kiryana/shared';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDb, testDatabases } from '../../testing/test-databases';
import { idChecksum as nodeIdChecksum } from './id-checksum';
import { sqlIdChecksum } from './sync-health.queries';

// Any Unicode text Postgres can hold (no NUL), UUIDs as terminals make them, and movement ids.
const idArbitrary = fc.oneof(
  fc.uuid(),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }).filter((s) => !s.includes('\u0000')),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }).map((s) => `m-${s}`),
);

describe.each(testDatabases())('id checksums agree on $name', (database) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await database.open();
  }, 60_000);
  afterAll(async () => {
    await db.close();
  });

  it('the shared WebCrypto function, the SQL and the node helper give the same checksum', async () => {
    let checkedIds = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(idArbitrary, { minLength: 10, maxLength: 80 }), async (ids) => {
        const web = await webIdChecksum(ids);
        expect(web).toBe(nodeIdChecksum(ids));
        expect(web).toBe(await sqlIdChecksum(db, ids));
        checkedIds += ids.length;
      }),
      { numRuns: 60 },
    );
    expect(checkedIds).toBeGreaterThan(1000);
  });

  it('is order-independent, combines by XOR and is zero for no ids or a doubled id', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(idArbitrary, { maxLength: 30 }), fc.nat(), async (ids, k) => {
        const cut = ids.length === 0 ? 0 : k % ids.length;
        const whole = await webIdChecksum(ids);
        expect(await webIdChecksum([...ids].reverse())).toBe(whole);
        expect(
          xorChecksums(await webIdChecksum(ids.slice(0, cut)), await webIdChecksum(ids.slice(cut))),
        ).toBe(whole);
      }),
      { numRuns: 40 },
    );
    expect(await webIdChecksum([])).toBe(EMPTY_ID_CHECKSUM);
    expect(await webIdChecksum(['a', 'a'])).toBe(EMPTY_ID_CHECKSUM);
    expect(await sqlIdChecksum(db, [])).toBe(EMPTY_ID_CHECKSUM);
  });
});
