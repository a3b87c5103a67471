import pg from 'pg';
import { type PrivatePostgres, startPrivatePostgres } from './private-postgres';

/**
 * Where a run's database lives and how it is "restarted". A private cluster is restarted for real
 * (`pg_ctl restart -m immediate`); on the shared Postgres other suites are running, so there the
 * restart falls back to terminating every backend of the run's own database (open transactions
 * roll back, pools reconnect), which is the closest that does not touch anyone else.
 */
export type RunPostgres = {
  readonly adminUrl: string;
  readonly kind: 'private-cluster' | 'shared-terminate-backends';
  /** Why a private cluster was not used, when it was not. */
  readonly note: string;
  restart(databaseName: string): Promise<void>;
  stop(): Promise<void>;
};

/** Terminates every backend connected to `databaseName` on the server at `adminUrl`. */
async function terminateBackends(adminUrl: string, databaseName: string): Promise<number> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(
      `SELECT count(*) FILTER (WHERE pg_terminate_backend(pid))::text AS n
         FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
      [databaseName],
    );
    return Number(rows[0]?.n ?? 0);
  } finally {
    await client.end();
  }
}

/** A private cluster if one can start, else the shared Postgres at `sharedAdminUrl`, else undefined. */
export async function openRunPostgres(
  sharedAdminUrl: string | undefined,
  options: { preferPrivate: boolean },
): Promise<RunPostgres | undefined> {
  let note = 'a private cluster was not asked for';
  if (options.preferPrivate || !sharedAdminUrl) {
    const cluster: PrivatePostgres | { unavailable: string } = await startPrivatePostgres();
    if (!('unavailable' in cluster)) {
      return {
        adminUrl: cluster.adminUrl,
        kind: 'private-cluster',
        note: `private cluster on port ${String(cluster.port)}`,
        restart: () => cluster.restart(),
        stop: () => cluster.stop(),
      };
    }
    note = cluster.unavailable;
  }
  if (!sharedAdminUrl) return undefined;
  return {
    adminUrl: sharedAdminUrl,
    kind: 'shared-terminate-backends',
    note,
    restart: async (databaseName) => {
      await terminateBackends(sharedAdminUrl, databaseName);
    },
    stop: () => Promise.resolve(),
  };
}
