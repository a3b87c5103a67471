import { ADVISORY_LOCKS } from '../../db/advisory-locks';
import {
  type DedicatedSession,
  pgliteDedicatedSessions,
  postgresDedicatedSessions,
} from '../../db/dedicated-session';

/**
 * The relay's connection while it leads. Leadership is a session-level advisory lock
 * (`pg_try_advisory_lock`): Postgres releases it when the holder's connection ends, including
 * when its process is killed, so a standby that keeps trying takes over within one retry. The
 * leader also reads the outbox and moves its positions on this very connection: once the lock is
 * lost, so is the connection, and a leader that lost it can no longer move a position.
 */

/** The advisory lock key of the outbox relay. */
const RELAY_LOCK_KEY = ADVISORY_LOCKS.relayLeader;

/** A connection that may hold the relay's lock (db/dedicated-session.ts). */
export type LeaderSession = DedicatedSession;

/** Tries to take the relay's lock on the session; true when this session now leads. */
export async function tryLead(session: LeaderSession): Promise<boolean> {
  const { rows } = await session.q.query<{ locked: boolean }>(
    'SELECT pg_try_advisory_lock($1) AS locked',
    [RELAY_LOCK_KEY],
  );
  return rows[0]?.locked === true;
}

/** Dedicated Postgres connections for the relay (not the pool's). */
export const postgresLeaderSessions = postgresDedicatedSessions;

/** The relay's session on embedded PGlite: the database itself. */
export const pgliteLeaderSessions = pgliteDedicatedSessions;
