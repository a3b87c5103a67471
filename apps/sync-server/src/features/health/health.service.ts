import type { Db } from '../../db/db';
import { migrationNames } from '../../db/migrate';

/** What `/readyz` reports. */
export type Readiness = {
  readonly ready: boolean;
  readonly database: 'up' | 'down';
  readonly pendingMigrations: readonly string[];
};

/**
 * Ready when the database answers and every migration file shipped with this build is applied:
 * a process that would serve against an older schema must not get traffic.
 */
export async function checkReadiness(db: Db): Promise<Readiness> {
  let applied: Set<string>;
  try {
    const result = await db.query<{ name: string }>('SELECT name FROM schema_migrations');
    applied = new Set(result.rows.map((row) => row.name));
  } catch {
    return { ready: false, database: 'down', pendingMigrations: [] };
  }
  const pendingMigrations = (await migrationNames()).filter((name) => !applied.has(name));
  return { ready: pendingMigrations.length === 0, database: 'up', pendingMigrations };
}
