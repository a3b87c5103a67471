/**
 * The one small database interface the server uses, served by node-postgres against a real
 * Postgres or by embedded PGlite when no DATABASE_URL is configured. Services and queries see only
 * this; the same plain-SQL migrations run on both.
 */

/** Rows and count of one statement. */
type QueryResult<R> = { rows: R[]; rowCount: number };

/** Something that runs parameterised SQL: the database or a transaction. */
export type Queryable = {
  query<R extends object = Record<string, unknown>>(
    sql: string,
    params?: readonly unknown[],
  ): Promise<QueryResult<R>>;
};

/** A transaction: parameterised statements plus parameterless scripts. */
export type Tx = Queryable & { exec(sql: string): Promise<void> };

/** A database connection (pool) of either kind. */
export type Db = Queryable & {
  readonly kind: 'postgres' | 'pglite';
  /** Runs `fn` in one transaction; commits when it resolves, rolls back when it throws. */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** Runs a multi-statement SQL script without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /**
   * Subscribes to NOTIFY on a channel. `onReconnect` runs after the listening connection was lost
   * and re-established: notifications sent in between are lost, so callers treat it as "anything
   * may have changed".
   */
  listen(
    channel: string,
    onPayload: (payload: string) => void,
    onReconnect?: () => void,
  ): Promise<() => Promise<void>>;
  close(): Promise<void>;
};

/** Postgres type OIDs whose text form we parse the same way on both drivers. */
export const PG_TYPE = { int8: 20, date: 1082, timestamptz: 1184, numeric: 1700 } as const;

/**
 * int8 columns hold money in minor units and stock in base units: parse them to numbers, and refuse
 * a value beyond 2^53 rather than silently losing precision. Sequence numbers that may exceed it are
 * selected as text.
 */
export function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`int8 value ${text} is beyond Number.MAX_SAFE_INTEGER; select it as text`);
  }
  return value;
}
