import type pg from 'pg';
import type { Db, Queryable } from './db';
import { pgTargets } from './pg-targets';

/**
 * A connection of its own, outside the pool, for work that holds a session-level advisory lock
 * (the relay's leadership, a retention run): the lock belongs to the connection, and a pooled one
 * would go back to the pool still holding it should the unlock fail. Closing it, or the process
 * dying, releases the lock.
 */
export type DedicatedSession = {
  readonly q: Queryable;
  /** Whether the connection is gone (any lock with it). */
  isLost(): boolean;
  close(): Promise<void>;
};

/** Opens a dedicated Postgres connection per call (to the primary of a multi-host URL). */
export function postgresDedicatedSessions(
  connectionString: string,
): () => Promise<DedicatedSession> {
  const targets = pgTargets(connectionString);
  return async () => {
    // keepAlive: a holder whose host vanishes without closing its socket is noticed by TCP
    // keepalives instead of the kernel's default two hours (docs/events.md, hand-over).
    const client: pg.Client = await targets.connect({ keepAlive: true });
    let lost = false;
    // An error between queries (the server going away) surfaces at the next query; unhandled
    // here it would crash the process.
    client.on('error', () => {
      lost = true;
    });
    client.on('end', () => {
      lost = true;
    });
    return {
      q: {
        async query(sql, params) {
          const result = await client.query(sql, params as unknown[] | undefined);
          return { rows: result.rows as never[], rowCount: result.rowCount ?? 0 };
        },
      },
      isLost: () => lost,
      async close() {
        lost = true;
        await client.end().catch(() => undefined);
      },
    };
  };
}

/**
 * Embedded PGlite is one connection in one process (boot/pglite-owner.ts refuses a second), so
 * any lock is always this process's; the session is the database itself.
 */
export function pgliteDedicatedSessions(db: Db): () => Promise<DedicatedSession> {
  const session: DedicatedSession = { q: db, isLost: () => false, close: async () => {} };
  return () => Promise.resolve(session);
}
