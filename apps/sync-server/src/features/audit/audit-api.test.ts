import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../testing/test-databases';
import { type IdentityTestApp, openIdentityTestApp } from '../identity/identity-test-kit';
import { appendAudit } from '../../db/audit-append';
import type { AuditExport } from '@kiryana/shared';
import { GENESIS_HASH, auditEntryHash } from './canonical-json';

describe.each(testDatabases())('audit API on $name', (database) => {
  let t: IdentityTestApp;
  let auditor = '';
  const get = async (path: string) => {
    const response = await t.app.request(path, { headers: { authorization: `Bearer ${auditor}` } });
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      text: await response.text(),
    };
  };

  beforeAll(async () => {
    t = await openIdentityTestApp(database);
    auditor = await t.mint('farah', ['auditor@all']);
    const day = Date.UTC(2026, 2, 10);
    for (let i = 0; i < 4; i += 1) {
      await appendAudit(t.db, {
        kind: 'test.event',
        actor: 'user:x',
        storeId: 'sx',
        subject: `=cmd${i}`,
        data: { i, note: 'a,"b"\n' },
        atMs: day + i * 3_600_000,
      });
    }
  }, 60_000);
  afterAll(async () => {
    await t.close();
  });

  it('exports a period as JSON with what proves it continues its chain', async () => {
    const answer = await get('/v1/audit/export?from=2026-03-10T01:00:00Z&to=2026-03-10T03:00:00Z');
    expect(answer.status).toBe(200);
    const exported = JSON.parse(answer.text) as AuditExport;
    const segment = exported.chains.find((c) => c.chain === 'store:sx');
    expect(segment?.entries.map((e) => e.seq)).toEqual([2, 3]);
    expect(segment?.anchor.seq).toBe(1);
    expect(segment?.head).toEqual({
      seq: 4,
      hash: expect.stringMatching(/^[0-9a-f]{64}$/) as string,
    });
    let prev = segment?.anchor.hash ?? '';
    for (const entry of segment?.entries ?? []) {
      expect(auditEntryHash(prev, entry)).toBe(entry.hash);
      prev = entry.hash;
    }
    expect(GENESIS_HASH).toHaveLength(64);
  });

  it('exports CSV with quoting and formula-safe cells', async () => {
    const answer = await get('/v1/audit/export?from=2026-03-10&to=2026-03-11&format=csv');
    expect(answer.type).toBe('text/csv; charset=utf-8');
    const lines = answer.text.split('\r\n');
    expect(lines[0]).toBe('chain,seq,at,at_ms,kind,actor,store_id,subject,data,prev_hash,hash');
    expect(lines[1]).toMatch(
      /^store:sx,1,2026-03-10T00:00:00.000Z,\d+,test.event,user:x,sx,"'=cmd0","\{""i"":0,""note"":""a,\\""b\\""\\n""\}",0{64},[0-9a-f]{64}$/,
    );
  });

  it('names the tampered entry through the verify API', async () => {
    expect(JSON.parse((await get('/v1/audit/verify')).text)).toEqual({
      ok: true,
      chains: 1,
      entries: 4,
      breaks: [],
    });
    await t.db.transaction(async (tx) => {
      await tx.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only');
      await tx.query(
        "UPDATE audit_log SET actor = 'user:someone-else' WHERE chain = 'store:sx' AND seq = 2",
      );
      await tx.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only');
    });
    expect(JSON.parse((await get('/v1/audit/verify')).text)).toEqual({
      ok: false,
      chains: 1,
      entries: 2,
      breaks: [{ chain: 'store:sx', seq: 2, problem: 'hash_mismatch' }],
    });
  });
});
