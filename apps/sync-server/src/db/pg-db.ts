import pg from 'pg';
import { type Db, PG_TYPE, type Tx, parseInt8 } from './db';

const identity = (text: string) => text;
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === PG_TYPE.int8) return parseInt8;
    if (oid === PG_TYPE.date) return identity;
    return (pg.types.getTypeParser as (oid: number, format?: string) => unknown)(oid, format);
  }) as pg.CustomTypesConfig['getTypeParser'],
};

const LISTEN_RETRY_MS = 1000;

/** Opens a node-postgres pool on `connectionString`. */
export function openPgDb(connectionString: string, options: { max?: number } = {}): Db {
  const pool = new pg.Pool({ connectionString, max: options.max ?? 10, types });
  // An idle client losing its connection (database restart) must not crash the process.
  pool.on('error', () => undefined);
  const listener = createListener(connectionString);

  const db: Db = {
    kind: 'postgres',
    async query(sql, params) {
      const result = await pool.query(sql, params as unknown[] | undefined);
      return { rows: result.rows as never[], rowCount: result.rowCount ?? 0 };
    },
    async transaction(fn) {
      let broken = false;
      const client = await pool.connect();
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
      await pool.query(sql);
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
function createListener(connectionString: string) {
  const channels = new Map<string, Set<Subscriber>>();
  let client: pg.Client | undefined;
  let connecting: Promise<pg.Client> | undefined;
  let closed = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  async function connect(isReconnect: boolean): Promise<pg.Client> {
    const c = new pg.Client({ connectionString, types });
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
    await c.connect();
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
