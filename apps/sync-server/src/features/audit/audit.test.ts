import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDb, testDatabases } from '../../testing/test-databases';
import { setAuditActor } from '../../db/audit-actor';
import { appendAudit } from '../../db/audit-append';
import { chainEntries } from './audit.queries';
import { verifyAuditLog } from './audit-verify';
import { canonicalJson } from './canonical-json';

/** Edits the log as a database owner could, past the append-only trigger. */
async function tamper(db: TestDb, sql: string, params: unknown[]): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only');
    await tx.query(sql, params);
    await tx.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only');
  });
}

describe('canonicalJson', () => {
  it('sorts keys by code point and writes no whitespace', () => {
    expect(
      canonicalJson({ b: [1, { z: null, a: true }], a: 'x', '\u{1F600}': 1, '\uE000': 2 }),
    ).toBe('{"a":"x","b":[1,{"a":true,"z":null}],"\uE000":2,"\u{1F600}":1}');
  });

  it('refuses fractions and unsafe integers', () => {
    expect(() => canonicalJson({ a: 1.5 })).toThrow(RangeError);
    expect(() => canonicalJson(2 ** 53)).toThrow(RangeError);
  });
});

describe.each(testDatabases())('audit log on $name', (database) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await database.open();
  }, 60_000);
  afterAll(async () => {
    await db.close();
  });

  it('chains entries per store and globally, and verifies them in TypeScript', async () => {
    for (let i = 0; i < 5; i += 1) {
      await appendAudit(db, { kind: 'test.event', actor: 'user:u1', storeId: 's1', data: { i } });
    }
    await appendAudit(db, { kind: 'auth.sign_in', actor: 'user:u1', data: { ip: '127.0.0.1' } });
    const s1 = await chainEntries(db, 'store:s1', 0, 100);
    expect(s1.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(s1[1]?.prevHash).toBe(s1[0]?.hash);
    expect(await verifyAuditLog(db, { chains: ['store:s1', 'global'] })).toEqual({
      ok: true,
      chains: 2,
      entries: 6,
      breaks: [],
    });
  });

  it('agrees with the database on the hash of any JSON data', async () => {
    const key = fc.string({ unit: 'binary', maxLength: 6 });
    const leaf = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 12 }),
      fc.maxSafeInteger(),
      fc.boolean(),
      fc.constant(null),
    );
    const json = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, leaf, tie('array'), tie('object')),
      array: fc.array(tie('value'), { maxLength: 3 }),
      object: fc.dictionary(key, tie('value'), { maxKeys: 4 }),
    })).object;
    // Postgres text cannot hold NUL; the data of real events never does.
    const noNul = (v: unknown) => !JSON.stringify(v).includes('\\u0000');
    await fc.assert(
      fc.asyncProperty(json.filter(noNul), async (data) => {
        await appendAudit(db, { kind: 'prop', actor: 'fc', storeId: 'prop', data });
      }),
      { numRuns: 60 },
    );
    expect((await verifyAuditLog(db, { chains: ['store:prop'] })).breaks).toEqual([]);
  }, 60_000);

  it('records quarantined pushes, enrolment codes and reference data changes by trigger', async () => {
    await db.transaction(async (tx) => {
      await setAuditActor(tx, 'user:hq');
      await tx.query(
        "INSERT INTO regions (id, code, name_en) VALUES ('ra', 'RA', 'Region A'), ('rb', 'RB', 'Region B')",
      );
    });
    await db.query(
      `INSERT INTO quarantine (store_id, collection, document_id, device_id, code, message, doc)
       VALUES ('sq', 'sales', 'd1', 'dev1', 'TOTALS_MISMATCH', 'bad totals', '{}')`,
    );
    const global = await chainEntries(db, 'global', 1, 100);
    expect(
      global.map(({ kind, actor, subject, data }) => ({ kind, actor, subject, data })),
    ).toEqual([
      {
        kind: 'reference.changed',
        actor: 'user:hq',
        subject: 'regions',
        data: { table: 'regions', op: 'insert', rows: 2, ids: ['ra', 'rb'], storeOverrides: 0 },
      },
    ]);
    const quarantined = await chainEntries(db, 'store:sq', 0, 10);
    expect(
      quarantined.map(({ kind, actor, storeId, subject, data }) => ({
        kind,
        actor,
        storeId,
        subject,
        data,
      })),
    ).toEqual([
      {
        kind: 'sync.quarantined',
        actor: 'device:dev1',
        storeId: 'sq',
        subject: 'sales/d1',
        data: {
          collection: 'sales',
          documentId: 'd1',
          code: 'TOTALS_MISMATCH',
          message: 'bad totals',
        },
      },
    ]);
  });

  it('refuses updates and deletes through the application', async () => {
    await expect(
      db.query("UPDATE audit_log SET actor = 'x' WHERE chain = 'store:s1'"),
    ).rejects.toThrow(/append-only/);
    await expect(db.query("DELETE FROM audit_log WHERE chain = 'store:s1'")).rejects.toThrow(
      /append-only/,
    );
  });

  it('names the edited entry, then the deleted one', async () => {
    await tamper(
      db,
      "UPDATE audit_log SET data = '{\"i\": 99}' WHERE chain = 'store:s1' AND seq = 3",
      [],
    );
    expect((await verifyAuditLog(db)).breaks).toEqual([
      { chain: 'store:s1', seq: 3, problem: 'hash_mismatch' },
    ]);
    await appendAudit(db, { kind: 'test.event', actor: 'user:u1', storeId: 's2' });
    await appendAudit(db, { kind: 'test.event', actor: 'user:u1', storeId: 's2' });
    await appendAudit(db, { kind: 'test.event', actor: 'user:u1', storeId: 's2' });
    await tamper(db, "DELETE FROM audit_log WHERE chain = 'store:s2' AND seq = 2", []);
    await tamper(
      db,
      "DELETE FROM audit_log WHERE chain = 'global' AND seq = (SELECT max(seq) FROM audit_log WHERE chain = 'global')",
      [],
    );
    const result = await verifyAuditLog(db);
    expect(result.ok).toBe(false);
    expect(result.breaks).toEqual([
      { chain: 'global', seq: 2, problem: 'missing' },
      { chain: 'store:s1', seq: 3, problem: 'hash_mismatch' },
      { chain: 'store:s2', seq: 2, problem: 'missing' },
    ]);
  });
});
