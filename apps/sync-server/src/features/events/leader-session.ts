import pg from 'pg';
import { ADVISORY_LOCKS } from '../../db/advisory-locks';
import type { Db, Queryable } from '../../db/db';

/**
 * The relay's connection while it leads. Leadership is a session-level advisory lock
 * (`pg_try_advisory_lock`): Postgres releases it when the holder's connection ends, including
 * when its process is killed, so a standby that keeps trying takes over within one retry. The
 * leader also reads the outbox and moves its positions on this very connection: once the lock is
 * lost, so is the connection, and a leader that lost it can no longer move a position.
 */

/** The advisory lock key of the outbox relay. */
const RELAY_LOCK_KEY = ADVISORY_LOCKS.relayLeader;

/** A connection that may hold the relay's lock. */
export type LeaderSession = {
  readonly q: Queryable;
  /** Whether the connection is gone (the lock with it). */
  isLost(): boolean;
  close(): Promise<void>;
};

/** Tries to take the relay's lock on the session; true when this session now leads. */
export async function tryLead(session: LeaderSession): Promise<boolean> {
  const { rows } = await session.q.query<{ locked: boolean }>(
    'SELECT pg_try_advisory_lock($1) AS locked',
    [RELAY_LOCK_KEY],
  );
  return rows[0]?.locked === true;
}

/** Opens a dedicated Postgres connection for the relay (not one of the pool's). */
export function postgresLeaderSessions(connectionString: string): () => Promise<LeaderSession> {
  return async () => {
    // keepAlive: a leader whose host vanishes without closing its socket is noticed by TCP
    // keepalives instead of the kernel's default two hours (docs/events.md, hand-over).
    const client = new pg.Client({ connectionString, keepAlive: true });
    let lost = false;
    client.on('error', () => {
      lost = true;
    });
    client.on('end', () => {
      lost = true;
    });
    await client.connect();
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
 * the lock is always this process's; the relay uses the database itself.
 */
export function pgliteLeaderSessions(db: Db): () => Promise<LeaderSession> {
  const session: LeaderSession = { q: db, isLost: () => false, close: async () => {} };
  return () => Promise.resolve(session);
}
