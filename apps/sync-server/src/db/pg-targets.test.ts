import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresOnly, type TestDb } from '../testing/test-databases';
import { postgresDedicatedSessions } from './dedicated-session';
import { isDatabaseUnavailable } from './db-unavailable';
import { openPgDb } from './pg-db';
import { parsePgTargets, redactPgUrl } from './pg-targets';

/**
 * Multi-host connection strings on the real Postgres: a host that refuses connections listed
 * first, and a database whose sessions are read-only standing in for a standby (the fail-over
 * itself, with pg_auto_failover, is tools/fleet-sim's database fail-over drill).
 */

describe('parsePgTargets', () => {
  it('reads every host, defaults the port and keeps the other parameters', () => {
    const parsed = parsePgTargets(
      'postgres://app:secret@db1:5433,db2,[::1]:5434/kiryana?target_session_attrs=read-write&application_name=sync',
    );
    expect(parsed.hosts).toEqual([
      { host: 'db1', port: 5433 },
      { host: 'db2', port: 5432 },
      { host: '::1', port: 5434 },
    ]);
    expect(parsed.attrs).toBe('read-write');
    expect(parsed.urlOf(1)).toBe('postgres://app:secret@db2:5432/kiryana?application_name=sync');
    expect(parsed.urlOf(2)).toBe('postgres://app:secret@[::1]:5434/kiryana?application_name=sync');
    expect(parsePgTargets('postgresql://u@h/d').attrs).toBe('any');
  });

  it('refuses what it cannot honour instead of connecting somewhere else', () => {
    expect(() => parsePgTargets('postgres://h1,h2/d?target_session_attrs=standby')).toThrow(
      /not supported/,
    );
    expect(() => parsePgTargets('postgres://h1:99999/d')).toThrow(/bad port/);
    expect(() => parsePgTargets('mysql://h/d')).toThrow(/postgres/);
  });

  it('masks the password of a multi-host URL', () => {
    expect(redactPgUrl('postgres://app:secret@h1:1,h2:2/d')).toBe('postgres://app:***@h1:1,h2:2/d');
    expect(redactPgUrl('postgres://app@h1/d')).toBe('postgres://app@h1/d');
  });
});

/** A loopback port where nothing listens: a node that is down. */
async function deadPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        resolve(typeof address === 'object' && address ? address.port : 1);
      });
    });
  });
}

/** The test database's URL with a dead host listed before its own. */
function withDeadHostFirst(url: string, port: number, attrs: string): string {
  const u = new URL(url);
  return `postgres://${u.username}@127.0.0.1:${String(port)},${u.hostname}:${u.port || '5432'}${u.pathname}?target_session_attrs=${attrs}`;
}

describe.each(postgresOnly())('multi-host connections on $name', (database) => {
  let db: TestDb;
  let url = '';
  beforeAll(async () => {
    if (database.skip) return;
    db = await database.open();
    url = db.connectionString ?? '';
  });
  afterAll(async () => {
    if (!database.skip) await db.close();
  });

  it.skipIf(database.skip)(
    'finds the host that answers when the first one is down, for the pool, LISTEN and sessions',
    async () => {
      const multi = openPgDb(withDeadHostFirst(url, await deadPort(), 'read-write'), { max: 2 });
      try {
        const { rows } = await multi.query<{ one: number }>('SELECT 1 AS one');
        expect(rows).toEqual([{ one: 1 }]);
        expect(await multi.transaction((tx) => tx.query('SELECT 2 AS two'))).toMatchObject({
          rows: [{ two: 2 }],
        });
        const heard: string[] = [];
        const unlisten = await multi.listen('pg_targets_test', (payload) => heard.push(payload));
        await db.query("SELECT pg_notify('pg_targets_test', 'hello')");
        await expect.poll(() => heard).toEqual(['hello']);
        await unlisten();
      } finally {
        await multi.close();
      }
      const session = await postgresDedicatedSessions(
        withDeadHostFirst(url, await deadPort(), 'read-write'),
      )();
      expect((await session.q.query('SELECT 3 AS three')).rows).toEqual([{ three: 3 }]);
      await session.close();
    },
  );

  it.skipIf(database.skip)(
    'refuses a read-only host under read-write as "unavailable" (503), and takes it under any',
    async () => {
      const name = new URL(url).pathname.slice(1);
      await db.query(`ALTER DATABASE ${name} SET default_transaction_read_only = on`);
      const readWrite = openPgDb(`${url}?target_session_attrs=read-write`, { max: 1 });
      // Every host down or read-only: still "unavailable", never an answer from a standby.
      const none = openPgDb(withDeadHostFirst(url, await deadPort(), 'read-write'), { max: 1 });
      const any = openPgDb(withDeadHostFirst(url, await deadPort(), 'any'), { max: 1 });
      try {
        const error: unknown = await readWrite.query('SELECT 1').catch((e: unknown) => e);
        expect(error).toMatchObject({ code: '25006' });
        expect(isDatabaseUnavailable(error)).toBe(true);
        const noneError: unknown = await none.query('SELECT 1').catch((e: unknown) => e);
        expect(isDatabaseUnavailable(noneError)).toBe(true);
        expect((await any.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
      } finally {
        await readWrite.close();
        await none.close();
        await any.close();
        await db.query(`ALTER DATABASE ${name} RESET default_transaction_read_only`);
      }
    },
  );
});
