import { createHash, randomBytes } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { Db } from '../db/db';
import { migrate, migrationNames } from '../db/migrate';
import { openPgDb } from '../db/pg-db';
import { dumpPgliteDb, openPgliteDb } from '../db/pglite-db';
import { configuredPgUrl, isCi } from './test-env';

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
function testPgUrl(): string | undefined {
  const url = configuredPgUrl;
  if (!url && isCi) {
    throw new Error('CI=true but TEST_PG_URL is not set: the Postgres suites must run in CI');
  }
  return url;
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

// initdb and the migrations cost seconds of WASM per PGlite. The first test process to need one
// migrates a template and leaves its dump in the temp folder, keyed by the migrations' content;
// every PGlite test database after that is a copy of the dump.
const MIGRATIONS_DIR = fileURLToPath(new URL('../db/migrations/', import.meta.url));
let pgliteTemplate: Promise<Blob> | undefined;

async function templatePath(): Promise<string> {
  const hash = createHash('sha256');
  for (const name of await migrationNames()) {
    hash.update(name).update(await readFile(join(MIGRATIONS_DIR, name)));
  }
  return join(tmpdir(), `kiryana-pglite-template-${hash.digest('hex').slice(0, 16)}.tar`);
}

async function buildTemplate(path: string): Promise<Blob> {
  const template = await openPgliteDb();
  await migrate(template);
  const dump = await dumpPgliteDb(template);
  await template.close();
  const partial = `${path}.${String(process.pid)}.partial`;
  await writeFile(partial, new Uint8Array(await dump.arrayBuffer()));
  await rename(partial, path);
  return dump;
}

async function openTestPglite(): Promise<TestDb> {
  const path = await templatePath();
  pgliteTemplate ??= readFile(path).then(
    (bytes) => new Blob([bytes]),
    () => buildTemplate(path),
  );
  try {
    return await openPgliteDb(undefined, { loadDataDir: await pgliteTemplate });
  } catch {
    // A dump of another PGlite version, or torn: make a fresh one.
    pgliteTemplate = buildTemplate(path);
    return openPgliteDb(undefined, { loadDataDir: await pgliteTemplate });
  }
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
