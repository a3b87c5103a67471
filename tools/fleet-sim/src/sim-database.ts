import { randomBytes } from 'node:crypto';
import { type Db, migrate, openPgDb, seedDemo } from '@kiryana/sync-server/operator';

/**
 * A database of its own for a run: created on the Postgres at `adminUrl`, migrated and seeded with
 * the demo chain (13 stores in 3 regions, GST schedule, prices, opening stock) by the server's own
 * code, and dropped at the end. The catalogue is kept small so twenty terminals sync it quickly.
 */
export type SimDatabase = {
  readonly url: string;
  readonly name: string;
  /** A small pool for the fleet's checks. */
  readonly db: Db;
  /** The seeded stores: id, code and region. */
  readonly stores: readonly { id: string; code: string; regionId: string }[];
  drop(): Promise<void>;
};

// Through the server's own pool: the admin URL may list a formation's hosts (a fail-over drill).
async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const db = openPgDb(adminUrl, { max: 1 });
  try {
    await db.exec(sql);
  } finally {
    await db.close();
  }
}

/** `url` naming database `name` instead; a multi-host URL is not a WHATWG URL, so by text. */
function withDatabase(url: string, name: string): string {
  return url.replace(/^([a-z]+:\/\/[^/?#]*)(\/[^?#]*)?/, `$1/${name}`);
}

/** Creates, migrates and seeds a database named `kiryana_sim_…`. */
export async function createSimDatabase(
  adminUrl: string,
  options: { products: number; seed?: number },
): Promise<SimDatabase> {
  const name = `kiryana_sim_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  await adminQuery(adminUrl, `CREATE DATABASE ${name}`);
  const url = withDatabase(adminUrl, name);
  const db = openPgDb(url, { max: 4 });
  try {
    await migrate(db);
    await seedDemo(
      { db, clock: { now: () => Date.now() } },
      { products: options.products, ...(options.seed === undefined ? {} : { seed: options.seed }) },
    );
  } catch (error) {
    await db.close();
    await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    throw error;
  }
  const { rows } = await db.query<{ id: string; code: string; region_id: string }>(
    'SELECT id, code, region_id FROM stores ORDER BY code',
  );
  let dropped = false;
  return {
    url,
    name,
    db,
    stores: rows.map((r) => ({ id: r.id, code: r.code, regionId: r.region_id })),
    async drop() {
      if (dropped) return;
      dropped = true;
      await db.close().catch(() => undefined);
      await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}
