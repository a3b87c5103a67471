import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../db/db';
import { openPgDb } from '../db/pg-db';
import { verifyAuditLog } from '../features/audit/audit-verify';
import { type TestDb, testDatabases } from '../testing/test-databases';
import { openEpochAfterRestore, openEpochIfRestored, readRestoreMarker } from './restore-epoch';

async function epochs(db: Db): Promise<Map<string, string>> {
  const { rows } = await db.query<{ scope: string; epoch: string }>(
    'SELECT scope, epoch FROM sync_scope ORDER BY scope',
  );
  return new Map(rows.map((r) => [r.scope, r.epoch]));
}

describe.each(testDatabases())('a new sync epoch after a restore, on $name', (database) => {
  let db: TestDb | undefined;
  afterEach(async () => {
    await db?.close();
    db = undefined;
  });

  it('resets every scope once per restore id, records the restore and audits it', async () => {
    db = await database.open();
    await db.query("SELECT sync_reset_epoch('store:a'), sync_reset_epoch('store:b')");
    const before = await epochs(db);
    const marker = {
      restoreId: 'r-1',
      targetAt: '2026-12-07T13:00:00.000Z',
      method: 'pgbackrest',
    } as const;

    expect(await openEpochAfterRestore(db, marker)).toEqual({ restoreId: 'r-1', scopesReset: 3 });
    const after = await epochs(db);
    expect([...after.keys()]).toEqual(['ref', 'store:a', 'store:b']);
    for (const [scope, epoch] of after) expect(epoch).not.toBe(before.get(scope));

    // The same restore seen again (a second server, a restart): nothing changes.
    expect(await openEpochAfterRestore(db, marker)).toBeUndefined();
    expect(await epochs(db)).toEqual(after);

    const { rows } = await db.query<{ method: string; scopes_reset: number; target: string }>(
      `SELECT method, scopes_reset, to_char(target_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI') AS target
         FROM database_restores`,
    );
    expect(rows).toEqual([{ method: 'pgbackrest', scopes_reset: 3, target: '2026-12-07T13:00' }]);
    const audit = await db.query<{ kind: string; subject: string; chain: string }>(
      "SELECT kind, subject, chain FROM audit_log WHERE kind = 'database.restored'",
    );
    expect(audit.rows).toEqual([{ kind: 'database.restored', subject: 'r-1', chain: 'global' }]);
    expect((await verifyAuditLog(db)).ok).toBe(true);
  });

  it('reads no restore marker from a configuration without one', async () => {
    db = await database.open();
    expect(await readRestoreMarker(db)).toBeUndefined();
    expect(await openEpochIfRestored(db)).toBeUndefined();
  });
});

describe.each(testDatabases({ postgresOnly: true }))('the restore marker on $name', (database) => {
  it('is read from the kiryana.* settings and opens the epoch exactly once across servers', async () => {
    const db = await database.open();
    const url = db.connectionString ?? '';
    const name = new URL(url).pathname.slice(1);
    // What pgBackRest's --recovery-option leaves in postgresql.auto.conf, scoped to this database.
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`ALTER DATABASE ${name} SET kiryana.restore_id = 'r-42'`);
    await admin.query(`ALTER DATABASE ${name} SET kiryana.restore_target = '2026-12-07T12:58:00Z'`);
    await admin.end();
    const servers = [openPgDb(url, { max: 2 }), openPgDb(url, { max: 2 }), openPgDb(url)];
    try {
      expect(await readRestoreMarker(servers[0] as Db)).toEqual({
        restoreId: 'r-42',
        targetAt: '2026-12-07T12:58:00Z',
        method: 'pgbackrest',
      });
      const before = await epochs(db);
      // Three processes start on the restored database at once: one opens the epoch.
      const opened = await Promise.all(servers.map((s) => openEpochIfRestored(s)));
      expect(opened.filter((o) => o !== undefined)).toEqual([
        { restoreId: 'r-42', scopesReset: 1 },
      ]);
      expect((await epochs(db)).get('ref')).not.toBe(before.get('ref'));
    } finally {
      for (const s of servers) await s.close();
      await db.close();
    }
  });
});
