import { mkdir } from 'node:fs/promises';
import type { Db } from '../db/db';
import { openPgDb } from '../db/pg-db';
import { redactPgUrl } from '../db/pg-targets';

/** Where the data lives, for the banner and logs (never the password). */
export type DatabaseLocation = { kind: 'postgres'; url: string } | { kind: 'pglite'; dir: string };

/** The part of the parsed environment (env.ts) that says where the database is. */
export type DatabaseSettings = {
  readonly DATABASE_URL?: string | undefined;
  readonly pgliteDir: string;
};

/** Postgres at DATABASE_URL, else embedded PGlite in the data folder. */
export async function openDatabase(
  env: DatabaseSettings,
): Promise<{ db: Db; location: DatabaseLocation }> {
  if (env.DATABASE_URL) {
    return {
      db: openPgDb(env.DATABASE_URL),
      location: { kind: 'postgres', url: redactPgUrl(env.DATABASE_URL) },
    };
  }
  await mkdir(env.pgliteDir, { recursive: true });
  // Loaded only here: a Postgres deployment never pays for PGlite's module at start-up.
  const { openPgliteDb } = await import('../db/pglite-db');
  return {
    db: await openPgliteDb(env.pgliteDir),
    location: { kind: 'pglite', dir: env.pgliteDir },
  };
}
