import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './cli';
import { openPgDb } from './db/pg-db';
import { openPgliteDb } from './db/pglite-db';
import type { Db } from './db/db';
import { type Env, parseEnv } from './env';
import { enrollDevice } from './features/devices/device.service';
import { createTestClock } from './http/test-app';
import { testDatabases } from './testing/test-databases';

type Run = { code: number; out: string[]; err: string[] };

describe.each(testDatabases())('pnpm cli on $name', (database) => {
  let env: Env;
  let close = async () => {};
  const clock = createTestClock();

  beforeAll(async () => {
    if (database.name === 'postgres') {
      // A fresh, migrated database; the CLI opens its own connections to it.
      const db = await database.open();
      env = parseEnv({ DATABASE_URL: db.connectionString });
      close = () => db.close();
    } else {
      const dir = await mkdtemp(join(tmpdir(), 'kiryana-cli-'));
      env = parseEnv({ DATA_DIR: dir });
      close = () => rm(dir, { recursive: true, force: true });
    }
  });
  afterAll(async () => {
    await close();
  });

  async function cli(...args: string[]): Promise<Run> {
    const run: Run = { code: 0, out: [], err: [] };
    run.code = await runCli(args, {
      env,
      clock,
      out: (line) => run.out.push(line),
      err: (line) => run.err.push(line),
    });
    return run;
  }

  /** Opens the CLI's database the way the server would, for steps a terminal does over HTTP. */
  async function withDb<T>(fn: (db: Db) => Promise<T>): Promise<T> {
    const db = env.DATABASE_URL ? openPgDb(env.DATABASE_URL) : await openPgliteDb(env.pgliteDir);
    try {
      return await fn(db);
    } finally {
      await db.close();
    }
  }

  // Seeding the whole chain through the CLI is slow on PGlite files and is covered there by the
  // seed and server-process tests; here it runs on Postgres.
  it.skipIf(database.name === 'pglite')(
    'seeds an empty database once',
    async () => {
      const seeded = await cli('seed');
      expect(seeded.code).toBe(0);
      expect(seeded.out[0]).toMatch(
        /^Seeded \{"regions":3,"stores":13,"taxRates":28,"products":2000,/,
      );
      expect((await cli('seed')).out).toEqual(['The database already has stores; nothing seeded.']);
    },
    60_000,
  );

  it('migrates, enrols, lists and revokes', async () => {
    expect(await cli('migrate')).toMatchObject({ code: 0 });
    await withDb(async (db) => {
      await db.query(
        `INSERT INTO regions (id, code, name_en) VALUES ('reg-west', 'W', 'West') ON CONFLICT DO NOTHING`,
      );
      await db.query(
        `INSERT INTO stores (id, code, region_id, name_en, gstin, state_code)
         VALUES ('st-mum1', 'MUM1', 'reg-west', 'Kiryana Mumbai Dadar West', '27AAKCK4821M1Z4', '27')
         ON CONFLICT DO NOTHING`,
      );
    });
    const enrolled = await cli('enroll', 'MUM1', '--hours', '2');
    expect(enrolled.code).toBe(0);
    const code = /: ([0-9A-Z]{5}-[0-9A-Z]{5})$/.exec(enrolled.out[0] ?? '')?.[1];
    expect(enrolled.out).toEqual([
      `Enrolment code for MUM1 (Kiryana Mumbai Dadar West): ${code ?? '?'}`,
      `Valid once, until ${new Date(clock.now() + 2 * 3_600_000).toISOString()}. Enter it on the terminal to enrol it.`,
    ]);
    expect((await cli('devices', 'MUM1')).out).toEqual(['No devices.']);

    const device = await withDb((db) =>
      enrollDevice({ db, clock }, { code: code ?? '', terminalName: 'Till 1' }),
    );
    const listed = await cli('devices', 'MUM1');
    expect(listed.out).toEqual([`${device.deviceId}  MUM1 T1   active  last seen never  Till 1`]);

    expect(await cli('revoke', device.deviceId)).toEqual({
      code: 0,
      out: [`Revoked device ${device.deviceId} at ${new Date(clock.now()).toISOString()}.`],
      err: [],
    });
    expect((await cli('devices')).out).toEqual([
      `${device.deviceId}  MUM1 T1   revoked last seen never  Till 1`,
    ]);
    expect(await cli('revoke', device.deviceId)).toEqual({
      code: 1,
      out: [],
      err: [`NOT_FOUND: No active device ${device.deviceId}.`],
    });
  }, 60_000);

  it('explains unknown stores, commands and bad arguments', async () => {
    expect(await cli('enroll', 'NOPE')).toEqual({
      code: 1,
      out: [],
      err: ['NOT_FOUND: No store with code NOPE.'],
    });
    expect(await cli('enroll', 'MUM1', '--hours', '999')).toEqual({
      code: 2,
      out: [],
      err: ['Usage: pnpm cli enroll <store-code> [--hours N]'],
    });
    const unknown = await cli('frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.err[0]).toMatch(/^Unknown command "frobnicate"\.\n\nUsage: pnpm cli <command>/);
    expect((await cli()).code).toBe(2);
  });
});
