import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from './db/migrate';
import { openPgliteDb } from './db/pglite-db';
import { parseEnv } from './env';
import { appendAudit } from './db/audit-append';
import { runAuditVerify } from './audit-cli';

describe('audit verify command', () => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kiryana-audit-cli-'));
    const db = await openPgliteDb(join(dir, 'pglite'));
    await migrate(db);
    for (let i = 0; i < 3; i += 1)
      await appendAudit(db, { kind: 'test', actor: 'system', storeId: 'sa', data: { i } });
    await db.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only');
    await db.query("DELETE FROM audit_log WHERE chain = 'store:sa' AND seq = 2");
    await db.close();
  }, 60_000);
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('names the deleted entry and exits with status 2', async () => {
    const lines: string[] = [];
    const code = await runAuditVerify(parseEnv({ DATA_DIR: dir }), [], (line) => lines.push(line));
    expect(code).toBe(2);
    expect(lines.at(-1)).toBe('BROKEN store:sa at seq 2: missing');
  }, 60_000);
});
