import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Db, openPgDb } from '@kiryana/sync-server/operator';
import type { AutoFailoverCluster, ClusterNode } from './auto-failover-cluster';
import { enrolTerminal } from './enrol';
import type { FleetTerminal } from './fleet';
import { seededRandom } from './random';
import { type ServerProcess, startServerProcess } from './server-process';
import { type SimDatabase, createSimDatabase } from './sim-database';
import { type TcpProxy, startTcpProxy } from './tcp-proxy';
import { spawnTerminal } from './terminal-process';

/**
 * Two regions on one machine for the region-loss drill (issue 20): each region has its own
 * sync-server processes behind a gateway of its own (a loopback TCP proxy that balances them and
 * can be taken "off the network"), and its own node of a pg_auto_failover formation — the home
 * region holds the primary, the other the standby. Every server connects with a multi-host URL
 * that names its own region's node first (`target_session_attrs=read-write` picks the primary),
 * and hands out `SYNC_ENDPOINTS=[its region's gateway, the other's]` at enrolment, so terminals
 * enrolled in the home region hold [home, other] as a real one would.
 */

/** One region: servers behind a gateway, and the database node that lives there. */
type Region = {
  readonly name: string;
  /** What terminals talk to: the region's gateway. */
  readonly gateway: TcpProxy;
  readonly servers: readonly ServerProcess[];
  readonly node: ClusterNode;
  /** The region's servers' DATABASE_URL: its own node first. */
  readonly databaseUrl: string;
  /** The region falls off the network: its gateway refuses and cuts, its servers are SIGKILLed. */
  lose(): Promise<void>;
  /** Its servers start again (on the formation's primary, wherever it is), then its gateway opens. */
  restore(): Promise<void>;
};

/** How to set the two regions up. */
type RegionFleetOptions = {
  readonly cluster: AutoFailoverCluster;
  readonly terminals: number;
  readonly terminalsPerStore: number;
  readonly products: number;
  readonly seed: number;
  readonly serversPerRegion: number;
  /** Where terminal databases go (default: the OS temp folder). */
  readonly dataRoot?: string;
  readonly log?: (line: string) => void;
};

/** The two regions and the home region's terminals. */
export type RegionFleet = {
  readonly database: SimDatabase;
  readonly home: Region;
  readonly other: Region;
  readonly terminals: readonly FleetTerminal[];
  readonly dataDir: string;
  /** A pool on the formation's current primary, for the verdict; closed by `close`. */
  primaryDb(): Promise<Db>;
  close(): Promise<void>;
};

function multiHostUrl(nodes: readonly ClusterNode[], database: string): string {
  const hosts = nodes.map((n) => `127.0.0.1:${String(n.port)}`).join(',');
  return `postgres://postgres@${hosts}/${database}?target_session_attrs=read-write`;
}

/** Starts both regions on the formation, seeds the database and enrols the terminals at home. */
export async function startRegionFleet(options: RegionFleetOptions): Promise<RegionFleet> {
  const log = options.log ?? (() => undefined);
  const cleanups: (() => Promise<void>)[] = [];
  const close = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) {
      await cleanup().catch((error: unknown) => {
        log(`cleanup failed: ${String(error)}`);
      });
    }
  };
  const setupStarted = performance.now();
  try {
    const dataDir = mkdtempSync(join(options.dataRoot ?? tmpdir(), 'kiryana-regions-'));
    cleanups.push(() => {
      rmSync(dataDir, { recursive: true, force: true });
      return Promise.resolve();
    });
    const { cluster } = options;
    const primary = await cluster.primary();
    const standby = cluster.nodes.find((n) => n.name !== primary.name);
    if (!standby) throw new Error('the formation has no standby');
    // Created, migrated and seeded on the primary; the standby replays it. The formation is
    // removed as a whole, so the database is never dropped on its own.
    const seeded = await createSimDatabase(
      `postgres://postgres@127.0.0.1:${String(primary.port)}/postgres`,
      { products: options.products, seed: options.seed },
    );
    await seeded.db.close();
    const secret = randomBytes(32).toString('base64url');

    const startRegion = async (
      name: string,
      node: ClusterNode,
      peers: readonly ClusterNode[],
    ): Promise<Region> => {
      const servers: ServerProcess[] = [];
      serversOf.set(name, servers);
      const gateway = await startTcpProxy({
        upstreams: Array.from({ length: options.serversPerRegion }, (_, i) => () => {
          const server = servers[i];
          return server?.isUp() ? { host: '127.0.0.1', port: server.port() } : undefined;
        }),
        random: seededRandom(options.seed ^ name.length),
      });
      cleanups.push(() => gateway.close());
      const databaseUrl = multiHostUrl([node, ...peers], seeded.name);
      return {
        name,
        gateway,
        servers,
        node,
        databaseUrl,
        async lose() {
          gateway.setFaults({ down: true });
          await Promise.all(servers.map((server) => server.kill()));
        },
        async restore() {
          await Promise.all(servers.map((server) => server.restart()));
          gateway.setFaults({ down: false });
        },
      };
    };
    const serversOf = new Map<string, ServerProcess[]>();
    // Gateways first: each region's servers hand out both addresses, their own first.
    const home = await startRegion('home', primary, [standby]);
    const other = await startRegion('other', standby, [primary]);
    for (const [region, endpoints] of [
      [home, `${home.gateway.url},${other.gateway.url}`],
      [other, `${other.gateway.url},${home.gateway.url}`],
    ] as const) {
      for (let i = 0; i < options.serversPerRegion; i++) {
        const server = await startServerProcess({
          databaseUrl: region.databaseUrl,
          deviceTokenSecret: secret,
          name: `${region.name}-${String(i + 1)}`,
          entry: 'compiled',
          env: { SYNC_ENDPOINTS: endpoints },
        });
        serversOf.get(region.name)?.push(server);
        cleanups.push(() => server.stop());
      }
      log(
        `${(performance.now() - setupStarted).toFixed(0)} ms: region ${region.name}: gateway ${region.gateway.url} → ${region.servers.map((s) => s.url()).join(', ')}; database node ${region.node.name} first`,
      );
    }

    // The home region's stores, so every terminal's home is the home region.
    const homeRegionId = seeded.stores[0]?.regionId;
    const stores = seeded.stores.filter((s) => s.regionId === homeRegionId);
    const terminals: FleetTerminal[] = [];
    for (let i = 0; i < options.terminals; i++) {
      const store = stores[Math.floor(i / options.terminalsPerStore)];
      if (!store) throw new Error(`only ${String(stores.length)} stores in the home region`);
      const credential = await enrolTerminal({
        serverUrl: home.gateway.url,
        deviceTokenSecret: secret,
        storeCode: store.code,
        terminalName: `Region ${String(i + 1)}`,
      });
      const want = [home.gateway.url, other.gateway.url];
      if (JSON.stringify(credential.endpoints) !== JSON.stringify(want)) {
        throw new Error(
          `enrolment handed out ${JSON.stringify(credential.endpoints)}, not SYNC_ENDPOINTS ${JSON.stringify(want)}`,
        );
      }
      const process = spawnTerminal(`R${String(i + 1).padStart(2, '0')}@${store.code}`);
      cleanups.push(() => process.close());
      terminals.push({ process, credential, storeCode: store.code });
    }

    const pools: Db[] = [];
    cleanups.push(async () => {
      for (const pool of pools) await pool.close().catch(() => undefined);
    });
    return {
      database: seeded,
      home,
      other,
      terminals,
      dataDir,
      async primaryDb() {
        const now = await cluster.primary();
        const pool = openPgDb(`postgres://postgres@127.0.0.1:${String(now.port)}/${seeded.name}`, {
          max: 4,
        });
        pools.push(pool);
        return pool;
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
