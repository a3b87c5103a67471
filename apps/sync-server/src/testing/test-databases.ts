import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Db } from '../db/db';
import { migrate } from '../db/migrate';
import { openPgDb } from '../db/pg-db';
import { dumpPgliteDb, openPgliteDb } from '../db/pglite-db';

/**
 * Real databases for tests, built by the real migrations: a fresh uniquely named database on the
 * Postgres at TEST_PG_URL, and an in-memory PGlite. Suites `describe.each(testDatabases())`; when
 * TEST_PG_URL is unset the Postgres case is left out locally and fails under CI=true.
 */
export type TestDatabase = {
  readonly name: 'postgres' | 'pglite';
  /** Opens a migrated, empty database; `close` also drops it. */
  readonly open: () => Promise<TestDb>;
};

/** A migrated test database; closing it drops it. */
export type TestDb = Db & { readonly connectionString?: string };

/** The admin URL of the test Postgres, or undefined when none is configured (fails under CI). */
export function testPgUrl(): string | undefined {
  const url = process.env.TEST_PG_URL;
  if (!url && process.env.CI === 'true') {
    throw new Error('CI=true but TEST_PG_URL is not set: the Postgres suites must run in CI');
  }
  return url || undefined;
}

/** The databases every database test runs on. */
export function testDatabases(options: { postgresOnly?: boolean } = {}): TestDatabase[] {
  const list: TestDatabase[] = [];
  const url = testPgUrl();
  if (url) list.push({ name: 'postgres', open: () => openTestPostgres(url) });
  if (!options.postgresOnly) list.push({ name: 'pglite', open: openTestPglite });
  return list;
}

/** Creates, migrates and opens a uniquely named Postgres database; closing drops it. */
export async function openTestPostgres(
  adminUrl: string,
  options: { max?: number } = {},
): Promise<TestDb> {
  const name = `kiryana_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const connectionString = url.toString();
  const db = openPgDb(connectionString, options);
  await migrate(db);
  return {
    ...db,
    connectionString,
    async close() {
      await db.close();
      const dropper = new pg.Client({ connectionString: adminUrl });
      await dropper.connect();
      try {
        await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await dropper.end();
      }
    },
  };
}

// initdb and the migrations cost seconds of WASM per PGlite; each test process pays them once and
// clones every further database from a dump of that migrated template.
let pgliteTemplate: Promise<Blob> | undefined;

async function openTestPglite(): Promise<TestDb> {
  pgliteTemplate ??= (async () => {
    const template = await openPgliteDb();
    await migrate(template);
    const dump = await dumpPgliteDb(template);
    await template.close();
    return dump;
  })();
  return openPgliteDb(undefined, { loadDataDir: await pgliteTemplate });
}

/**
 * The Postgres test database, or a stand-in that skips: suites whose subject only exists on a
 * server with many connections (concurrency, NOTIFY between processes, EXPLAIN of partitions)
 * `describe.each(postgresOnly())` and show as skipped, not missing, when none is configured.
 */
export function postgresOnly(): (TestDatabase & { skip: boolean })[] {
  const [postgres] = testDatabases({ postgresOnly: true });
  if (postgres) return [{ ...postgres, skip: false }];
  return [
    {
      name: 'postgres',
      skip: true,
      open: () => Promise.reject(new Error('TEST_PG_URL is not set')),
    },
  ];
}
