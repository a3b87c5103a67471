import pg from 'pg';
import type { Db, Queryable } from '../../db/db';

/**
 * The connection a retention run holds its lock on (retention-job.ts). On Postgres a run opens one
 * of its own, not one of the pool's: a session-level advisory lock belongs to the connection, and
 * a pooled one would go back to the pool still holding it should the unlock fail. Closing it (or
 * the process dying) releases the lock.
 */
export type RunConnection = {
  readonly q: Queryable;
  close(): Promise<void>;
};

/** Opens a dedicated Postgres connection per run. */
export function postgresRunConnections(connectionString: string): () => Promise<RunConnection> {
  return async () => {
    // keepAlive: a run whose database host vanishes without closing the socket fails within
    // minutes instead of the kernel's default two hours, so the next run is not held up.
    const client = new pg.Client({ connectionString, keepAlive: true });
    // An error between queries (the server going away) surfaces at the next query; unhandled here
    // it would crash the process.
    client.on('error', () => undefined);
    await client.connect();
    return {
      q: {
        async query(sql, params) {
          const result = await client.query(sql, params as unknown[] | undefined);
          return { rows: result.rows as never[], rowCount: result.rowCount ?? 0 };
        },
      },
      close: () => client.end().catch(() => undefined),
    };
  };
}

/**
 * Embedded PGlite is one connection in one process (boot/pglite-owner.ts refuses a second): the
 * run uses the database itself, and the job never runs two at once (advisory locks are re-entrant
 * within a session, so the lock alone would not keep two runs of one process apart).
 */
export function pgliteRunConnections(db: Db): () => Promise<RunConnection> {
  const connection: RunConnection = { q: db, close: async () => {} };
  return () => Promise.resolve(connection);
}
