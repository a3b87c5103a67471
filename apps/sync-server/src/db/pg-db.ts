import pg from 'pg';
import { type Db, PG_TYPE, type Tx, parseInt8 } from './db';
import { isDatabaseUnavailable } from './db-unavailable';
import { type PgTargets, pgTargets } from './pg-targets';

const identity = (text: string) => text;
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === PG_TYPE.int8) return parseInt8;
    if (oid === PG_TYPE.date) return identity;
    return (pg.types.getTypeParser as (oid: number, format?: string) => unknown)(oid, format);
  }) as pg.CustomTypesConfig['getTypeParser'],
};

const LISTEN_RETRY_MS = 1000;

/**
 * Opens a node-postgres pool on `connectionString`, which may list several hosts with
 * `target_session_attrs=read-write` (pg-targets.ts): connections then go to the primary.
 */
export function openPgDb(connectionString: string, options: { max?: number } = {}): Db {
  const targets = pgTargets(connectionString);
  const pool = new pg.Pool({
    ...targets.poolOptions,
    max: options.max ?? 10,
    types,
    // With standbys listed, a host that vanished from the network must not hold a request for
    // the kernel's connect timeout: fail it (503) and let the probe find the new primary.
    ...(targets.hostCount > 1 ? { connectionTimeoutMillis: 10_000, keepAlive: true } : {}),
  });
  // An idle client losing its connection (database restart) must not crash the process.
  pool.on('error', () => undefined);
  const listener = createListener(targets);

  // A connection that failed before any statement ran (host down or read-only) is safe to try
  // again once the probe it started has found the primary: a standby listed first, or a primary
  // just promoted, then costs a request nothing.
  const checkout = async (): Promise<pg.PoolClient> => {
    try {
      return await pool.connect();
    } catch (error) {
      if (targets.hostCount === 1 || !isDatabaseUnavailable(error)) throw error;
      await targets.suspect();
      return pool.connect();
    }
  };

  const db: Db = {
    kind: 'postgres',
    async query(sql, params) {
      const client = await checkout();
      try {
        const result = await client.query(sql, params as unknown[] | undefined);
        client.release();
        return { rows: result.rows as never[], rowCount: result.rowCount ?? 0 };
      } catch (error) {
        // As pool.query does: a client whose statement failed is not reused.
        client.release(error instanceof Error ? error : true);
        throw error;
      }
    },
    async transaction(fn) {
      let broken = false;
      const client = await checkout();
      // A checked-out client whose connection dies emits 'error' besides rejecting its query;
      // unheard, that event would crash the process (the pool listens only while it is idle).
      const onError = () => {
        broken = true;
      };
      client.on('error', onError);
      const tx: Tx = {
        async query(sql, params) {
          const result = await client.query(sql, params as unknown[] | undefined);
          return { rows: result.rows as never[], rowCount: result.rowCount ?? 0 };
        },
        async exec(sql) {
          await client.query(sql);
        },
      };
      try {
        await client.query('BEGIN');
        const value = await fn(tx);
        await client.query('COMMIT');
        return value;
      } catch (error) {
        // A connection that lost its database (or whose host turned read-only in a fail-over)
        // must not serve the next request: the pool opens a new one, to the primary.
        if (isDatabaseUnavailable(error)) broken = true;
        try {
          await client.query('ROLLBACK');
        } catch {
          broken = true; // connection is gone; do not return it to the pool
        }
        throw error;
      } finally {
        client.off('error', onError);
        client.release(broken);
      }
    },
    async exec(sql) {
      await db.query(sql);
    },
    listen: (channel, onPayload, onReconnect) => listener.listen(channel, onPayload, onReconnect),
    async close() {
      await listener.close();
      await pool.end();
    },
  };
  return db;
}

type Subscriber = { onPayload: (payload: string) => void; onReconnect?: (() => void) | undefined };

/** One dedicated LISTEN connection per pool, re-established after errors. */
function createListener(targets: PgTargets) {
  const channels = new Map<string, Set<Subscriber>>();
  let client: pg.Client | undefined;
  let connecting: Promise<pg.Client> | undefined;
  let closed = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  async function connect(isReconnect: boolean): Promise<pg.Client> {
    const c = await targets.connect({ types });
    c.on('notification', (message) => {
      for (const subscriber of channels.get(message.channel) ?? [])
        subscriber.onPayload(message.payload ?? '');
    });
    c.on('error', () => {
      scheduleReconnect(c);
    });
    c.on('end', () => {
      scheduleReconnect(c);
    });
    for (const channel of channels.keys()) await c.query(`LISTEN ${quoteIdent(channel)}`);
    client = c;
    if (isReconnect) {
      for (const subscribers of channels.values()) for (const s of subscribers) s.onReconnect?.();
    }
    return c;
  }

  function scheduleReconnect(dead: pg.Client) {
    if (closed || client !== dead) return;
    client = undefined;
    connecting = undefined;
    clearTimeout(retryTimer);
    retryTimer = setTimeout(() => {
      if (closed) return;
      connecting = connect(true).catch(() => {
        connecting = undefined;
        scheduleReconnect(dead);
        client = dead;
        return dead;
      });
    }, LISTEN_RETRY_MS);
  }

  async function ensureClient(): Promise<pg.Client> {
    if (client) return client;
    connecting ??= connect(false);
    return connecting;
  }

  return {
    async listen(channel: string, onPayload: (payload: string) => void, onReconnect?: () => void) {
      const subscriber: Subscriber = { onPayload, onReconnect };
      const isNew = !channels.has(channel);
      const set = channels.get(channel) ?? new Set<Subscriber>();
      set.add(subscriber);
      channels.set(channel, set);
      const c = await ensureClient();
      if (isNew && client === c) await c.query(`LISTEN ${quoteIdent(channel)}`);
      return async () => {
        set.delete(subscriber);
        if (set.size === 0) {
          channels.delete(channel);
          if (client) await client.query(`UNLISTEN ${quoteIdent(channel)}`).catch(() => undefined);
        }
      };
    },
    async close() {
      closed = true;
      clearTimeout(retryTimer);
      const c = client;
      client = undefined;
      if (c) await c.end().catch(() => undefined);
    },
  };
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
