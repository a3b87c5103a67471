import type { ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { chownSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from './free-port';
import { autoctlRunner, requirePgAutoctl } from './pg-autoctl';

/**
 * A highly available Postgres of pg_auto_failover on this machine: a monitor, a primary and a
 * standby, each a local cluster in one temporary folder on a free loopback port, each under its
 * own `pg_autoctl run` child process (the keeper, which starts and supervises that node's
 * Postgres and reports to the monitor). Built for drills:
 *
 *   const cluster = await startAutoFailoverCluster({ replication: 'sync', fastDetection: true });
 *   cluster.url('kiryana')              // postgres://postgres@127.0.0.1:p1,127.0.0.1:p2/kiryana?target_session_attrs=read-write
 *   await cluster.createDatabase('kiryana');
 *   const old = await cluster.primary();
 *   const { promotedMs } = await cluster.killPrimary();   // kill -9 of keeper and Postgres
 *   await cluster.rejoin(old.name);     // fail-back, step 1: the old node returns as a standby
 *   await cluster.switchover();         // fail-back, step 2: it becomes the primary again
 *   await cluster.stop();               // everything down, the folder removed
 *
 * `fastDetection` shortens the monitor's health checks and demote timeout (defaults: unhealthy
 * after 20 s, demote timeout 30 s, so about a minute from crash to a writable primary) so that a
 * drill stays short; the figures a drill prints say which timing it ran with.
 */

/** One Postgres node of the formation. */
export type ClusterNode = { readonly name: string; readonly port: number };

/** A node as the monitor sees it. */
type NodeState = ClusterNode & {
  /** The state the node reported last (primary, secondary, wait_primary, demoted, …). */
  readonly reported: string;
  /** The state the monitor assigned it. */
  readonly goal: string;
};

/** What a kill of the primary measured. */
export type FailoverTiming = {
  /** The node that was killed. */
  readonly killed: ClusterNode;
  /** The node that became the primary. */
  readonly promoted: ClusterNode;
  /** Epoch ms of the kill. */
  readonly killedAt: number;
  /** Kill → the standby accepts writes (`transaction_read_only = off`, out of recovery). */
  readonly promotedMs: number;
};

export type AutoFailoverOptions = {
  /**
   * `sync` (pg_auto_failover's default with one standby: replication-quorum true, so the primary
   * has `synchronous_standby_names = 'ANY 1 (…)'` and a commit returns once the standby has it),
   * or `async` (the standby leaves the quorum: a commit returns before the standby has it).
   */
  readonly replication: 'sync' | 'async';
  /** Shorter failure detection on the monitor (see above); default true. */
  readonly fastDetection?: boolean;
  readonly log?: (line: string) => void;
};

/** A running formation. */
export type AutoFailoverCluster = {
  readonly monitorUrl: string;
  readonly nodes: readonly ClusterNode[];
  /** Multi-host URL of `database` on the formation, read-write target (libpq's syntax). */
  url(database: string): string;
  /** Creates `database` on the current primary (replicated to the standby like everything). */
  createDatabase(database: string): Promise<void>;
  /** The nodes as the monitor sees them. */
  state(): Promise<NodeState[]>;
  /** The node the monitor has as primary (reported primary or wait_primary). */
  primary(): Promise<ClusterNode>;
  /** kill -9 of the primary's keeper and Postgres; resolves when the standby accepts writes. */
  killPrimary(timeoutMs?: number): Promise<FailoverTiming>;
  /** Starts a killed node's keeper again; resolves (with the time) once it is a secondary. */
  rejoin(name: string, timeoutMs?: number): Promise<number>;
  /** `pg_autoctl perform switchover`: the secondary becomes primary; resolves with the time. */
  switchover(timeoutMs?: number): Promise<number>;
  /** The last lines of a node's (or the monitor's) pg_autoctl log, for failure messages. */
  recentLog(name: string): string;
  stop(): Promise<void>;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Monitor settings for `fastDetection` (milliseconds; pg_auto_failover's GUCs). */
const FAST_MONITOR_SETTINGS: Readonly<Record<string, number>> = {
  'pgautofailover.health_check_period': 1000,
  'pgautofailover.health_check_timeout': 1000,
  'pgautofailover.health_check_max_retries': 1,
  'pgautofailover.health_check_retry_delay': 500,
  'pgautofailover.node_considered_unhealthy_timeout': 4000,
  'pgautofailover.primary_demote_timeout': 6000,
};

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Whether the node at `port` accepts writes now (what target_session_attrs=read-write asks). */
async function isWritable(port: number): Promise<boolean> {
  try {
    return await withClient(`postgres://postgres@127.0.0.1:${String(port)}/postgres`, async (c) => {
      const { rows } = await c.query<{ ro: string; rec: boolean }>(
        'SELECT current_setting($1) AS ro, pg_is_in_recovery() AS rec',
        ['transaction_read_only'],
      );
      return rows[0]?.ro === 'off' && !rows[0].rec;
    });
  } catch {
    return false;
  }
}

function postgresOwner(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres']).toString().trim());
  return { uid: id('-u'), gid: id('-g') };
}

/** Starts the formation and waits until it is primary + secondary (and async if asked). */
export async function startAutoFailoverCluster(
  options: AutoFailoverOptions,
): Promise<AutoFailoverCluster> {
  const { pgAutoctl, pgCtl } = requirePgAutoctl();
  const log = options.log ?? (() => undefined);
  const owner = postgresOwner();
  const dir = mkdtempSync(join(tmpdir(), 'kiryana-pgaf-'));
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const autoctl = autoctlRunner(dir, pgAutoctl, owner !== undefined);
  const running = new Map<string, ChildProcess>();
  const logFile = (name: string) => join(dir, `${name}.log`);
  const pgdata = (name: string) => join(dir, name);

  const killGroup = (name: string, signal: NodeJS.Signals) => {
    const child = running.get(name);
    if (child?.pid === undefined) return;
    try {
      process.kill(-child.pid, signal);
    } catch {
      // The group is gone already.
    }
  };
  let stopping = false;
  // Supervised as production runs a keeper (the systemd unit of `pg_autoctl show systemd` has
  // Restart=always): a keeper gives up and exits when it cannot reach the new primary a few times
  // in a row (pg_auto_failover issue 725), which a loaded 2-core machine can cause while the old
  // primary rejoins. Only a keeper that exits on its own is restarted, not one the drill killed.
  const startKeeper = (name: string) => {
    const child = autoctl.spawn(['run', '--pgdata', pgdata(name)], logFile(name));
    running.set(name, child);
    child.once('exit', (code, signal) => {
      if (stopping || running.get(name) !== child) return;
      log(`${name}'s keeper exited (${String(signal ?? code)}); restarting it, as systemd would`);
      setTimeout(() => {
        if (!stopping && running.get(name) === child) startKeeper(name);
      }, 1000);
    });
  };
  // A failed run must not leave clusters behind: kill every group as the process exits.
  const killAllOnExit = () => {
    for (const name of running.keys()) killGroup(name, 'SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', killAllOnExit);

  const monitorPort = await freePort();
  const monitorUrl = `postgres://autoctl_node@127.0.0.1:${String(monitorPort)}/pg_auto_failover?sslmode=disable`;
  const monitorAdminUrl = `postgres://postgres@127.0.0.1:${String(monitorPort)}/pg_auto_failover`;
  const nodes: ClusterNode[] = [
    { name: 'node1', port: await freePort() },
    { name: 'node2', port: await freePort() },
  ];
  const common = ['--pgctl', pgCtl, '--hostname', '127.0.0.1', '--auth', 'trust', '--no-ssl'];

  const state = async (): Promise<NodeState[]> =>
    withClient(monitorAdminUrl, async (c) => {
      const { rows } = await c.query<{
        name: string;
        port: number;
        reported: string;
        goal: string;
      }>(
        `SELECT nodename AS name, nodeport AS port, reportedstate::text AS reported,
                goalstate::text AS goal
           FROM pgautofailover.node ORDER BY nodeid`,
      );
      return rows;
    });
  const waitFor = async (
    what: string,
    test: () => Promise<boolean>,
    timeoutMs: number,
  ): Promise<number> => {
    const started = performance.now();
    while (!(await test().catch(() => false))) {
      if (performance.now() - started > timeoutMs) {
        const seen = await state().catch((error: unknown) => String(error));
        throw new Error(
          `${what}: not within ${String(timeoutMs)} ms; monitor: ${JSON.stringify(seen)}`,
        );
      }
      await sleep(100);
    }
    return performance.now() - started;
  };
  const primary = async (): Promise<ClusterNode> => {
    const found = (await state()).find((n) => n.goal === 'primary' || n.goal === 'wait_primary');
    if (!found) throw new Error('the monitor has no primary');
    return { name: found.name, port: found.port };
  };
  const readLog = (name: string): string => {
    try {
      return readFileSync(logFile(name), 'utf8').split('\n').slice(-30).join('\n');
    } catch {
      return '';
    }
  };
  const stableFormation = async () => {
    const nodesNow = await state();
    return (
      nodesNow.length === 2 &&
      nodesNow.some((n) => n.reported === 'primary' && n.goal === 'primary') &&
      nodesNow.some((n) => n.reported === 'secondary' && n.goal === 'secondary')
    );
  };

  const stop = async () => {
    stopping = true;
    process.off('exit', killAllOnExit);
    // SIGTERM: each keeper stops its Postgres (fast shutdown) and exits.
    for (const name of running.keys()) killGroup(name, 'SIGTERM');
    const deadline = Date.now() + 15_000;
    for (const [name, child] of running) {
      while (child.exitCode === null && child.signalCode === null && Date.now() < deadline) {
        await sleep(100);
      }
      killGroup(name, 'SIGKILL');
    }
    running.clear();
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    const started = performance.now();
    await autoctl.command([
      'create',
      'monitor',
      '--pgdata',
      pgdata('monitor'),
      '--pgport',
      String(monitorPort),
      ...common,
    ]);
    startKeeper('monitor');
    await waitFor(
      'monitor up',
      () => withClient(monitorAdminUrl, () => Promise.resolve(true)),
      30_000,
    );
    if (options.fastDetection ?? true) {
      await withClient(monitorAdminUrl, async (c) => {
        for (const [name, value] of Object.entries(FAST_MONITOR_SETTINGS)) {
          await c.query(`ALTER SYSTEM SET ${name} = ${String(value)}`);
        }
        await c.query('SELECT pg_reload_conf()');
      });
    }
    for (const node of nodes) {
      await autoctl.command([
        'create',
        'postgres',
        '--pgdata',
        pgdata(node.name),
        '--pgport',
        String(node.port),
        '--listen',
        '127.0.0.1',
        '--name',
        node.name,
        '--dbname',
        'postgres',
        '--monitor',
        monitorUrl,
        ...common,
      ]);
      startKeeper(node.name);
      // The second node's create takes a base backup of a running primary.
      if (node === nodes[0])
        await waitFor(`${node.name} primary`, () => isWritable(node.port), 60_000);
    }
    await waitFor('formation primary + secondary', stableFormation, 90_000);
    if (options.replication === 'async') {
      // The standby leaves the write quorum: the primary stops waiting for it on commit.
      const standby = nodes[1];
      if (!standby) throw new Error('no standby');
      await autoctl.command([
        'set',
        'node',
        'replication-quorum',
        'false',
        '--pgdata',
        pgdata(standby.name),
      ]);
      const first = nodes[0];
      if (!first) throw new Error('no primary');
      await waitFor(
        'asynchronous replication',
        () =>
          withClient(`postgres://postgres@127.0.0.1:${String(first.port)}/postgres`, async (c) => {
            const { rows } = await c.query<{ s: string }>('SHOW synchronous_standby_names');
            return (rows[0]?.s ?? '') === '';
          }),
        30_000,
      );
    }
    log(
      `pg_auto_failover formation up in ${(performance.now() - started).toFixed(0)} ms: monitor :${String(monitorPort)}, ` +
        `${nodes.map((n) => `${n.name} :${String(n.port)}`).join(', ')}, ${options.replication} replication`,
    );
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    monitorUrl,
    nodes,
    url: (database) =>
      `postgres://postgres@${nodes.map((n) => `127.0.0.1:${String(n.port)}`).join(',')}/${database}?target_session_attrs=read-write`,
    async createDatabase(database) {
      const p = await primary();
      await withClient(`postgres://postgres@127.0.0.1:${String(p.port)}/postgres`, (c) =>
        c.query(`CREATE DATABASE "${database.replaceAll('"', '""')}"`),
      );
    },
    state,
    primary,
    async killPrimary(timeoutMs = 120_000) {
      const killed = await primary();
      const survivor = nodes.find((n) => n.name !== killed.name);
      if (!survivor) throw new Error('no standby to promote');
      const killedAt = Date.now();
      killGroup(killed.name, 'SIGKILL');
      running.delete(killed.name);
      log(`kill -9 of ${killed.name} (keeper and Postgres on :${String(killed.port)})`);
      const promotedMs = await waitFor(
        `${survivor.name} promoted`,
        () => isWritable(survivor.port),
        timeoutMs,
      );
      log(`${survivor.name} accepts writes ${promotedMs.toFixed(0)} ms after the kill`);
      return { killed, promoted: survivor, killedAt, promotedMs };
    },
    async rejoin(name, timeoutMs = 180_000) {
      if (running.has(name)) throw new Error(`${name} is running`);
      startKeeper(name);
      try {
        return await waitFor(
          `${name} back as a secondary`,
          async () =>
            (await state()).some(
              (n) => n.name === name && n.reported === 'secondary' && n.goal === 'secondary',
            ) && (await stableFormation()),
          timeoutMs,
        );
      } catch (error) {
        // The keeper's own log says why it did not get there (rewind, connection, …).
        throw new Error(`${String(error)}\n${name}'s keeper log:\n${readLog(name)}`, {
          cause: error,
        });
      }
    },
    async switchover(timeoutMs = 120_000) {
      const before = await primary();
      const started = performance.now();
      await autoctl.command(['perform', 'switchover', '--pgdata', pgdata('monitor')], timeoutMs);
      await waitFor(
        'switchover done',
        async () => (await primary()).name !== before.name && (await stableFormation()),
        timeoutMs,
      );
      return performance.now() - started;
    },
    recentLog: readLog,
    stop,
  };
}
