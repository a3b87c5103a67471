import { type Server, type Socket, createConnection, createServer } from 'node:net';

/**
 * A loopback TCP proxy between terminals and servers that misbehaves on purpose: it refuses or
 * drops connections, delays bytes, and cuts a response after the request went through (the
 * server committed, the terminal never hears it — the case idempotent pushes exist for). With
 * several upstreams it is also the load balancer of the scale-out test: each connection goes to
 * the next upstream that accepts it, so a killed server's terminals reconnect to the other.
 */

/** The faults in force; all off by default. */
export type ProxyFaults = {
  /** Refuse every new connection and cut the open ones (a network outage). */
  readonly down: boolean;
  /** Probability that a new connection is accepted and immediately dropped. */
  readonly dropRate: number;
  /** Probability that a response is cut after its request was forwarded. */
  readonly cutResponseRate: number;
  /** Delay added to every chunk in both directions, in milliseconds. */
  readonly delayMs: number;
};

/** What the proxy has done so far. */
export type ProxyStats = {
  connections: number;
  dropped: number;
  cutResponses: number;
  refused: number;
  upstreamFailures: number;
  /** Connections made to each upstream, by index. */
  perUpstream: number[];
};

/** A running proxy. */
export type TcpProxy = {
  readonly port: number;
  readonly url: string;
  setFaults(faults: Partial<ProxyFaults>): void;
  faults(): ProxyFaults;
  /** Cuts every open connection now (streams included); new ones are still accepted. */
  cutAll(): void;
  /** Requests forwarded whose answer has not begun yet (a push the server is working on). */
  inFlight(): number;
  stats(): Readonly<ProxyStats>;
  close(): Promise<void>;
};

/** An upstream: where to connect, asked afresh for every connection (a restart moves a port). */
export type Upstream = () => { host: string; port: number } | undefined;

const NO_FAULTS: ProxyFaults = { down: false, dropRate: 0, cutResponseRate: 0, delayMs: 0 };

/** Starts a proxy on a free loopback port. `random` makes the faults reproducible. */
export async function startTcpProxy(options: {
  upstreams: readonly Upstream[];
  random?: () => number;
}): Promise<TcpProxy> {
  const random = options.random ?? Math.random;
  let faults = NO_FAULTS;
  let next = 0;
  const open = new Set<Socket>();
  const awaiting = new Set<Socket>();
  const stats: ProxyStats = {
    connections: 0,
    dropped: 0,
    cutResponses: 0,
    refused: 0,
    upstreamFailures: 0,
    perUpstream: options.upstreams.map(() => 0),
  };

  /**
   * Forwards `from` → `to`, each chunk after the configured delay, in order. Returns a promise of
   * the writes still queued, so a closing side is ended only after its last bytes went out.
   */
  const pipeWithDelay = (from: Socket, to: Socket, onChunk?: () => boolean) => {
    let queue = Promise.resolve();
    from.on('data', (chunk: Buffer) => {
      if (onChunk && !onChunk()) return;
      const write = () => {
        if (!to.destroyed) to.write(chunk);
      };
      const delayMs = faults.delayMs;
      if (delayMs > 0) {
        from.pause();
        queue = queue
          .then(() => new Promise((resolve) => setTimeout(resolve, delayMs)))
          .then(() => {
            write();
            from.resume();
          });
      } else {
        queue = queue.then(write);
      }
    });
    return () => queue;
  };

  const connectUpstream = (
    attempt: number,
    onReady: (socket: Socket) => void,
    onFail: () => void,
  ) => {
    const count = options.upstreams.length;
    if (attempt >= count) {
      onFail();
      return;
    }
    const index = (next + attempt) % count;
    const upstream = options.upstreams[index]?.();
    if (!upstream) {
      connectUpstream(attempt + 1, onReady, onFail);
      return;
    }
    const socket = createConnection(upstream);
    const failed = () => {
      stats.upstreamFailures += 1;
      socket.destroy();
      connectUpstream(attempt + 1, onReady, onFail);
    };
    socket.once('error', failed);
    socket.once('connect', () => {
      socket.off('error', failed);
      next = (next + attempt + 1) % count;
      stats.perUpstream[index] = (stats.perUpstream[index] ?? 0) + 1;
      onReady(socket);
    });
  };

  const server: Server = createServer((client) => {
    stats.connections += 1;
    if (faults.down) {
      stats.refused += 1;
      client.destroy();
      return;
    }
    if (random() < faults.dropRate) {
      stats.dropped += 1;
      client.destroy();
      return;
    }
    open.add(client);
    client.pause();
    client.on('error', () => undefined);
    client.once('close', () => open.delete(client));
    connectUpstream(
      0,
      (upstream) => {
        open.add(upstream);
        upstream.on('error', () => undefined);
        client.once('close', () => {
          awaiting.delete(client);
          upstream.destroy();
        });
        let requestSent = false;
        pipeWithDelay(client, upstream, () => {
          requestSent = true;
          awaiting.add(client);
          return true;
        });
        const answered = pipeWithDelay(upstream, client, () => {
          // The first bytes of an answer to a forwarded request: the server has done its work.
          if (requestSent) {
            requestSent = false;
            awaiting.delete(client);
            if (random() < faults.cutResponseRate) {
              stats.cutResponses += 1;
              upstream.destroy();
              client.destroy();
              return false;
            }
          }
          return true;
        });
        // The server closed (or died): pass on what it sent, then close the terminal's side.
        upstream.once('close', () => {
          open.delete(upstream);
          void answered().then(() => client.end());
        });
        client.resume();
      },
      () => {
        stats.refused += 1;
        client.destroy();
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  const cutAll = () => {
    for (const socket of open) socket.destroy();
    open.clear();
  };
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    setFaults(patch) {
      faults = { ...faults, ...patch };
      if (faults.down) cutAll();
    },
    faults: () => faults,
    inFlight: () => awaiting.size,
    cutAll,
    stats: () => ({ ...stats, perUpstream: [...stats.perUpstream] }),
    close: async () => {
      cutAll();
      await new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      });
    },
  };
}
