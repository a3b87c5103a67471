import pg from 'pg';

/**
 * libpq's multi-host connection strings for node-postgres, which parses one host only (a URL
 * with `host1:p1,host2:p2` is an invalid URL to it): `postgres://u@h1:5432,h2:5432/db?
 * target_session_attrs=read-write` names every node of a pg_auto_failover formation, and the
 * server must find the one that accepts writes, as libpq would, and find it again after a
 * fail-over (docs/operations.md, "Database fail-over").
 *
 * Every new connection goes to the host last found writable and, for `read-write` / `primary`,
 * checks it still is (`transaction_read_only` off and not in recovery: a promoted standby stays
 * read-only until the monitor has fenced the old primary). A refused connection or a read-only
 * host makes that connection fail as "database unavailable" (the request gets 503 + Retry-After,
 * http/errors.ts) and starts one probe of the hosts in their listed order; the next connection
 * goes where the probe found a primary. One-off connections (LISTEN, advisory-lock sessions) try
 * the hosts in order themselves.
 */

type SessionAttrs = 'any' | 'read-write' | 'primary';

/** One host of the list. */
type PgHost = { readonly host: string; readonly port: number };

/** The parsed connection string: its hosts and what each connection is checked for. */
type ParsedTargets = {
  readonly hosts: readonly PgHost[];
  readonly attrs: SessionAttrs;
  /** The single-host connection string node-postgres gets for host `index`. */
  urlOf(index: number): string;
};

/** The error a connection to a host that does not take writes fails with (SQLSTATE 25006). */
class ReadOnlyHostError extends Error {
  readonly code = '25006';
}

const URL_SHAPE = /^(postgres(?:ql)?):\/\/(?:([^@/?#]*)@)?([^/?#]*)(\/[^?#]*)?(?:\?([^#]*))?$/;
const SESSION_ATTRS: ReadonlySet<string> = new Set(['any', 'read-write', 'primary']);

function parseHost(text: string): PgHost {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(text);
  const plain = /^([^:[\]]*)(?::(\d+))?$/.exec(text);
  const match = bracketed ?? plain;
  if (!match?.[1]) throw new Error(`connection string: cannot read host "${text}"`);
  const port = match[2] === undefined ? 5432 : Number(match[2]);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    throw new Error(`connection string: bad port in "${text}"`);
  }
  return { host: match[1], port };
}

/** Splits a (possibly multi-host) postgres:// URL; throws on a malformed one. */
export function parsePgTargets(connectionString: string): ParsedTargets {
  const match = URL_SHAPE.exec(connectionString);
  if (!match?.[1]) throw new Error('connection string: not a postgres:// URL');
  const [, scheme, userinfo, hostList = '', path = '', query = ''] = match;
  const params = new URLSearchParams(query);
  const attrs = params.get('target_session_attrs') ?? 'any';
  if (!SESSION_ATTRS.has(attrs)) {
    throw new Error(`connection string: target_session_attrs=${attrs} is not supported`);
  }
  params.delete('target_session_attrs');
  const hosts =
    hostList === '' ? [{ host: 'localhost', port: 5432 }] : hostList.split(',').map(parseHost);
  const rest = params.toString();
  return {
    hosts,
    attrs: attrs as SessionAttrs,
    urlOf(index) {
      const h = hosts[index % hosts.length] ?? hosts[0];
      if (!h) throw new Error('connection string: no host');
      const host = h.host.includes(':') ? `[${h.host}]` : h.host;
      const user = userinfo === undefined ? '' : `${userinfo}@`;
      return `${scheme}://${user}${host}:${String(h.port)}${path}${rest ? `?${rest}` : ''}`;
    },
  };
}

/** The URL with its password masked, for banners and logs (multi-host URLs included). */
export function redactPgUrl(connectionString: string): string {
  return connectionString.replace(/^(postgres(?:ql)?:\/\/[^:@/]*:)[^@/]*@/, '$1***@');
}

/** Checks a connected client against the session attributes; throws ReadOnlyHostError. */
async function verify(client: pg.ClientBase, attrs: SessionAttrs, where: string): Promise<void> {
  if (attrs === 'any') return;
  const { rows } = await client.query<{ ro: string; recovery: boolean }>(
    "SELECT current_setting('transaction_read_only') AS ro, pg_is_in_recovery() AS recovery",
  );
  if (rows[0]?.ro !== 'off' || rows[0].recovery) {
    throw new ReadOnlyHostError(`${where} does not accept writes (target_session_attrs=${attrs})`);
  }
}

/** The hosts of one connection string with the one last found writable. */
export type PgTargets = {
  readonly hostCount: number;
  /**
   * What `pg.Pool` takes to follow the primary: a Client class that connects to the current host,
   * and an `onConnect` check of each new connection (pg-pool ends a connection that fails it).
   */
  readonly poolOptions: {
    readonly Client: typeof pg.Client;
    readonly onConnect: (client: pg.ClientBase) => Promise<void>;
  };
  /** Connects a client of its own, trying every host from the current one on (libpq's order). */
  connect(config?: pg.ClientConfig): Promise<pg.Client>;
  /**
   * A connection failed as unavailable: probes the hosts (once at a time) and resolves when the
   * probe is done, so the caller may try once more.
   */
  suspect(): Promise<void>;
};

/** Gap between two probes of the host list while no host is writable. */
const PROBE_GAP_MS = 250;

/** Resolves the hosts of `connectionString` (a single host works the same, with no probing). */
export function pgTargets(connectionString: string): PgTargets {
  const parsed = parsePgTargets(connectionString);
  const count = parsed.hosts.length;
  const where = (index: number) =>
    `${String(parsed.hosts[index]?.host)}:${String(parsed.hosts[index]?.port)}`;
  let current = 0;
  let probing: Promise<void> | undefined;
  let lastProbe = 0;
  // Which host each pool client was made for, for the message of a failed check.
  const hostOf = new WeakMap<pg.ClientBase, number>();

  const tryHost = async (index: number, config: pg.ClientConfig): Promise<pg.Client> => {
    const client = new pg.Client({ ...config, connectionString: parsed.urlOf(index) });
    // An error between queries surfaces at the next query; unheard it would crash the process.
    client.on('error', () => undefined);
    await client.connect();
    try {
      await verify(client, parsed.attrs, where(index));
      return client;
    } catch (error) {
      // Not awaited: on a connection the server already dropped, end() never settles.
      void client.end().catch(() => undefined);
      throw error;
    }
  };

  // Walks the list in its order (libpq's) and remembers the first host that qualifies.
  const probe = (): Promise<void> => {
    if (count === 1) return Promise.resolve();
    if (probing) return probing;
    const wait = Math.max(0, lastProbe + PROBE_GAP_MS - Date.now());
    probing = (async () => {
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      for (let i = 0; i < count; i++) {
        try {
          const client = await tryHost(i, { connectionTimeoutMillis: 3000 });
          void client.end().catch(() => undefined);
          current = i;
          return;
        } catch {
          // Not this one.
        }
      }
    })().finally(() => {
      lastProbe = Date.now();
      probing = undefined;
    });
    return probing;
  };

  class TargetClient extends pg.Client {
    constructor(config?: string | pg.ClientConfig) {
      const base = typeof config === 'string' ? {} : config;
      const target = current;
      super({ ...base, connectionString: parsed.urlOf(target) });
      hostOf.set(this, target);
      // pg-pool listens for errors only once connected; one while connecting or checking must
      // not crash the process (it fails the connect instead).
      this.on('error', () => undefined);
    }
  }

  return {
    hostCount: count,
    poolOptions: {
      Client: TargetClient,
      onConnect: (client) => verify(client, parsed.attrs, where(hostOf.get(client) ?? current)),
    },
    suspect: probe,
    async connect(config = {}) {
      let lastError: unknown;
      for (let k = 0; k < count; k++) {
        const index = (current + k) % count;
        try {
          const client = await tryHost(index, config);
          current = index;
          return client;
        } catch (error) {
          lastError = error;
        }
      }
      throw lastError;
    },
  };
}
