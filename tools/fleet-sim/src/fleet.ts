import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DeviceCredential } from '@kiryana/sync-client';
import { enrolTerminal } from './enrol';
import { freePort } from './free-port';
import { type HaproxyGateway, startHaproxyGateway } from './haproxy-gateway';
import { type ServerProcess, startServerProcess } from './server-process';
import { type SimDatabase, createSimDatabase } from './sim-database';
import type { TerminalPlan } from './sim-terminal';
import { type TcpProxy, startTcpProxy } from './tcp-proxy';
import { type TerminalProcess, spawnTerminal } from './terminal-process';
import { seededRandom } from './random';

/**
 * A whole system on loopback: a database of its own, one or more sync-server processes, the
 * fault-injecting proxy in front of them, and terminal processes enrolled two (or more) per store,
 * all of which `close` takes down again — also when a run fails half-way.
 */

/** How to set a fleet up. */
export type FleetOptions = {
  /** Admin URL of the Postgres that hosts the run's database. */
  readonly adminUrl: string;
  readonly terminals: number;
  readonly terminalsPerStore: number;
  /** Catalogue size of the seed. */
  readonly products: number;
  /** Server processes behind the proxy (2 for scale-out). */
  readonly servers?: number;
  /**
   * What balances the servers: the fault proxy itself (default), or HAProxy with the production
   * rules (docs/gateway.md) behind the fault proxy, which then has one upstream, the gateway.
   * With HAProxy every server keeps its port across restarts, as the gateway's list names it.
   */
  readonly gateway?: 'proxy' | 'haproxy';
  /** How servers run (ServerProcessOptions.entry; default tsx). */
  readonly serverEntry?: 'compiled' | 'tsx';
  readonly seed: number;
  /** Extra server environment. */
  readonly serverEnv?: Readonly<Record<string, string>>;
  /**
   * Where terminal databases go (default: the OS temp folder). A tmpfs keeps the disk's fsyncs,
   * which the storage's own tests cover, out of a run about the protocol.
   */
  readonly dataRoot?: string;
  /** Terminals opened at the same time (each syncs the catalogue first). */
  readonly openConcurrency?: number;
  readonly log?: (line: string) => void;
};

/** A terminal of the fleet with its credential. */
export type FleetTerminal = {
  readonly process: TerminalProcess;
  readonly credential: DeviceCredential;
  readonly storeCode: string;
};

/** A running fleet. */
export type Fleet = {
  readonly database: SimDatabase;
  readonly servers: readonly ServerProcess[];
  readonly proxy: TcpProxy;
  /** HAProxy between the fault proxy and the servers, with `gateway: 'haproxy'`. */
  readonly gateway: HaproxyGateway | undefined;
  readonly terminals: readonly FleetTerminal[];
  /** Opens every terminal with its plan; resolves with each one's time to ready. */
  openTerminals(
    planOf: (index: number, terminal: FleetTerminal) => TerminalPlan,
  ): Promise<number[]>;
  /** A folder for terminal databases that `close` removes. */
  readonly dataDir: string;
  close(): Promise<void>;
};

/** Sets up a fleet. */
export async function startFleet(options: FleetOptions): Promise<Fleet> {
  const log = options.log ?? (() => undefined);
  const cleanups: (() => Promise<void>)[] = [];
  const close = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) {
      await cleanup().catch((error: unknown) => {
        log(`cleanup failed: ${String(error)}`);
      });
    }
  };
  try {
    const dataDir = mkdtempSync(join(options.dataRoot ?? tmpdir(), 'kiryana-fleet-'));
    cleanups.push(() => {
      rmSync(dataDir, { recursive: true, force: true });
      return Promise.resolve();
    });
    const database = await createSimDatabase(options.adminUrl, {
      products: options.products,
      seed: options.seed,
    });
    cleanups.push(() => database.drop());
    const secret = randomBytes(32).toString('base64url');
    const servers: ServerProcess[] = [];
    const withHaproxy = options.gateway === 'haproxy';
    for (let i = 0; i < (options.servers ?? 1); i++) {
      const server = await startServerProcess({
        databaseUrl: database.url,
        deviceTokenSecret: secret,
        name: `server-${String(i + 1)}`,
        ...(withHaproxy ? { port: await freePort() } : {}),
        ...(options.serverEntry ? { entry: options.serverEntry } : {}),
        ...(options.serverEnv ? { env: options.serverEnv } : {}),
      });
      servers.push(server);
      cleanups.push(() => server.stop());
    }
    log(`servers up: ${servers.map((s) => s.url()).join(', ')}`);
    const gateway = withHaproxy
      ? await startHaproxyGateway({
          servers: servers.map((s) => ({ name: s.name, address: `127.0.0.1:${String(s.port())}` })),
        })
      : undefined;
    if (gateway) {
      cleanups.push(() => gateway.close());
      for (const server of servers) await gateway.waitForServer(server.name, 'UP', 30_000);
      log(`HAProxy gateway on ${gateway.url}`);
    }
    const proxy = await startTcpProxy({
      upstreams: gateway
        ? [() => ({ host: '127.0.0.1', port: gateway.port })]
        : servers.map(
            (server) => () =>
              server.isUp() ? { host: '127.0.0.1', port: server.port() } : undefined,
          ),
      random: seededRandom(options.seed ^ 0x5eed),
    });
    cleanups.push(() => proxy.close());
    const stores = database.stores.slice(
      0,
      Math.ceil(options.terminals / options.terminalsPerStore),
    );
    const terminals: FleetTerminal[] = [];
    for (let i = 0; i < options.terminals; i++) {
      const store = stores[Math.floor(i / options.terminalsPerStore)];
      if (!store) throw new Error(`only ${String(database.stores.length)} stores to spread over`);
      const credential = await enrolTerminal({
        serverUrl: servers[0]?.url() ?? '',
        deviceTokenSecret: secret,
        storeCode: store.code,
        terminalName: `Sim ${String(i + 1)}`,
      });
      const process = spawnTerminal(`T${String(i + 1).padStart(2, '0')}@${store.code}`);
      cleanups.push(() => process.close());
      terminals.push({
        process,
        credential: { ...credential, serverUrl: proxy.url },
        storeCode: store.code,
      });
    }
    return {
      database,
      servers,
      proxy,
      gateway,
      terminals,
      dataDir,
      async openTerminals(planOf) {
        const readyMs: number[] = new Array<number>(terminals.length).fill(0);
        const queue = terminals.map((terminal, index) => ({ terminal, index }));
        const worker = async () => {
          for (let item = queue.shift(); item; item = queue.shift()) {
            const { readyMs: ms } = await item.terminal.process.open(
              planOf(item.index, item.terminal),
            );
            readyMs[item.index] = ms;
          }
        };
        await Promise.all(Array.from({ length: options.openConcurrency ?? 4 }, worker));
        return readyMs;
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** A plan with the defaults of a well-behaved counter; override what a scenario needs. */
export function basePlan(
  fleet: Fleet,
  index: number,
  terminal: FleetTerminal,
  overrides: Partial<TerminalPlan> = {},
): TerminalPlan {
  return {
    name: terminal.process.name,
    credential: terminal.credential,
    dataDir: fleet.dataDir,
    bills: 100,
    billsPerSecond: 5,
    seed: 1000 + index,
    offlineChance: 0,
    offlineMs: [500, 3000],
    simulatedDays: 0,
    billOffline: false,
    repushEvery: 0,
    receiptEvery: 0,
    ...overrides,
  };
}
