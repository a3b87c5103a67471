import {
  type AutoFailoverCluster,
  type FailoverTiming,
  startAutoFailoverCluster,
} from './auto-failover-cluster';
import type { Fleet } from './fleet';
import { type RunResult, runFleet } from './run-fleet';
import type { TerminalReport } from './sim-terminal';

/**
 * Issue 20's first drill, "database fail-over under load": sync-server processes on a
 * pg_auto_failover formation (auto-failover-cluster.ts) through its multi-host URL, terminals
 * billing, and a kill -9 of the primary's Postgres and keeper while they do. The standby is
 * promoted, the servers answer 503 + Retry-After meanwhile and find the new primary, the
 * terminals carry on; then the usual verdict (0 lost, 0 doubled, stock = Σ movements).
 *
 * With asynchronous replication a sale the old primary acknowledged may be missing on the new
 * one. The operator's step of the runbook (docs/operations.md, "Database fail-over") then starts
 * a new epoch of every store scope; each terminal's next pull sees it, reconciles with the
 * server's sync health and re-pushes what the server lacks. The drill does that step and counts
 * what the terminals re-pushed.
 */

export type FailoverDrillOptions = {
  readonly replication: 'sync' | 'async';
  readonly terminals: number;
  readonly terminalsPerStore: number;
  readonly bills: number;
  readonly billsPerSecond: number;
  readonly servers: number;
  readonly products: number;
  readonly seed: number;
  /** Billing time before the kill. */
  readonly killAfterMs: number;
  /** After the promotion, start the old primary again as a standby (fail-back, step 1). */
  readonly rejoin: boolean;
  /** After billing, switch over back to the old primary (fail-back, step 2; needs `rejoin`). */
  readonly switchBack: boolean;
  /** Pg_auto_failover's default detection timings instead of the drill's short ones. */
  readonly defaultDetection?: boolean;
  readonly dataRoot?: string;
  readonly maxRunMs: number;
  readonly log: (line: string) => void;
};

/** Refused push attempts of one phase, relative to its start (ms). */
type RefusedWindow = {
  readonly attempts: number;
  readonly firstMs: number;
  readonly lastMs: number;
};

/** What the drill measured. */
export type FailoverDrillResult = {
  readonly run: RunResult;
  readonly failover: FailoverTiming;
  /**
   * Push attempts answered without a 2xx from the kill until the switchover (the unplanned
   * fail-over, the old node's rejoin included), and when the first and last answers came.
   */
  readonly refused: RefusedWindow;
  /** The same for the planned switchover back (none without one). */
  readonly refusedInSwitchover: RefusedWindow | undefined;
  /** Answers by status among all requests of the run (503 expected, never 500). */
  readonly httpErrors: Readonly<Record<string, number>>;
  /** Kill → the first push accepted after the last refused one of the fail-over, ms. */
  readonly firstAcceptedMs: number;
  readonly rejoinMs: number | undefined;
  readonly switchBackMs: number | undefined;
  /** Store scopes given a new epoch after an async fail-over; undefined with sync. */
  readonly epochsReset: number | undefined;
  /** Documents the terminals re-pushed in their reconciliation after the new epoch. */
  readonly repushed: number;
  readonly reconciliations: readonly string[];
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts a new epoch of every store scope (the runbook's step after an async fail-over). */
async function openStoreEpochs(fleet: Fleet): Promise<number> {
  const { rows } = await fleet.database.db.query<{ n: string }>(
    "SELECT count(sync_reset_epoch(scope))::text AS n FROM sync_scope WHERE scope LIKE 'store:%'",
  );
  return Number(rows[0]?.n ?? 0);
}

/** Waits until every terminal has reconciled for the new epoch; answers their outcomes. */
async function awaitEpochReconciliations(
  fleet: Fleet,
  timeoutMs: number,
): Promise<TerminalReport[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const reports = await Promise.all(fleet.terminals.map((t) => t.process.report()));
    const done = reports.filter((r) => {
      const last = r.lastStatus?.lastReconciliation;
      return last?.reason === 'epoch' && last.status !== 'failed';
    });
    if (done.length === reports.length) return reports;
    if (Date.now() > deadline) {
      const late = reports.filter((r) => !done.includes(r)).map((r) => r.name);
      throw new Error(
        `no epoch reconciliation within ${String(timeoutMs)} ms on ${late.join(', ')}`,
      );
    }
    // The pull that sees the new epoch comes with the next hint or resync.
    for (const t of fleet.terminals) await t.process.resync();
    await sleep(1000);
  }
}

/** Runs the drill on a formation of its own, which it takes down again. */
export async function runFailoverDrill(
  options: FailoverDrillOptions,
): Promise<FailoverDrillResult> {
  const { log } = options;
  const cluster: AutoFailoverCluster = await startAutoFailoverCluster({
    replication: options.replication,
    fastDetection: !options.defaultDetection,
    log,
  });
  let failover: FailoverTiming | undefined;
  let rejoinMs: number | undefined;
  let switchBackMs: number | undefined;
  let switchAt: number | undefined;
  let epochsReset: number | undefined;
  let reconciled: TerminalReport[] = [];
  try {
    const run = await runFleet({
      adminUrl: cluster.url('postgres'),
      terminals: options.terminals,
      terminalsPerStore: options.terminalsPerStore,
      products: options.products,
      seed: options.seed,
      servers: options.servers,
      // Compiled, as production runs them: twenty terminals' worth of tsx would crowd 2 cores.
      serverEntry: 'compiled',
      ...(options.dataRoot ? { dataRoot: options.dataRoot } : {}),
      plan: {
        bills: options.bills,
        billsPerSecond: options.billsPerSecond,
        receiptEvery: 10,
        repushEvery: 0,
      },
      duringBilling: async (fleet) => {
        await sleep(options.killAfterMs);
        failover = await cluster.killPrimary();
        if (options.replication === 'async') {
          epochsReset = await openStoreEpochs(fleet);
          log(`new epoch of ${String(epochsReset)} store scopes (async fail-over runbook step)`);
        }
        if (options.rejoin) {
          rejoinMs = await cluster.rejoin(failover.killed.name);
          log(`${failover.killed.name} back as a standby after ${rejoinMs.toFixed(0)} ms`);
        }
      },
      afterBilling: async (fleet) => {
        // A server that died in the fail-over would leave the terminals nothing to drain to.
        const dead = fleet.servers.filter((server) => !server.isUp());
        if (dead.length > 0) {
          throw new Error(
            `${dead.map((d) => d.name).join(', ')} exited during the fail-over:\n${dead.map((d) => d.recentOutput()).join('\n')}`,
          );
        }
        if (epochsReset !== undefined) reconciled = await awaitEpochReconciliations(fleet, 90_000);
        if (options.switchBack && options.rejoin) {
          switchAt = Date.now();
          switchBackMs = await cluster.switchover();
          log(`switched back to ${failover?.killed.name ?? '?'} in ${switchBackMs.toFixed(0)} ms`);
        }
      },
      maxRunMs: options.maxRunMs,
      log,
    });
    if (!failover) throw new Error('the primary was never killed (billing ended first?)');
    return summarise(run, failover, {
      rejoinMs,
      switchBackMs,
      switchAt,
      epochsReset,
      reconciled,
    });
  } catch (error) {
    log(`monitor log:\n${cluster.recentLog('monitor')}`);
    throw error;
  } finally {
    await cluster.stop();
  }
}

function summarise(
  run: RunResult,
  failover: FailoverTiming,
  extra: {
    rejoinMs: number | undefined;
    switchBackMs: number | undefined;
    switchAt: number | undefined;
    epochsReset: number | undefined;
    reconciled: readonly TerminalReport[];
  },
): FailoverDrillResult {
  const pushes = run.reports.flatMap((r) => r.wire.pushTimings);
  const endOf = (p: { at: number; ms: number }) => p.at + p.ms;
  const until = extra.switchAt ?? Infinity;
  const window = (from: number, to: number): RefusedWindow => {
    const ends = pushes.filter((p) => !p.ok && endOf(p) >= from && endOf(p) < to).map(endOf);
    return {
      attempts: ends.length,
      firstMs: ends.length ? Math.min(...ends) - from : 0,
      lastMs: ends.length ? Math.max(...ends) - from : 0,
    };
  };
  const refused = window(failover.killedAt, until);
  const lastRefused = failover.killedAt + refused.lastMs;
  const accepted = pushes.filter((p) => p.ok && endOf(p) > lastRefused && endOf(p) < until);
  const httpErrors: Record<string, number> = {};
  for (const r of run.reports) {
    for (const [status, n] of Object.entries(r.wire.httpErrors)) {
      httpErrors[status] = (httpErrors[status] ?? 0) + n;
    }
  }
  const outcomes = extra.reconciled.map((r) => r.lastStatus?.lastReconciliation);
  return {
    run,
    failover,
    refused,
    refusedInSwitchover:
      extra.switchAt === undefined ? undefined : window(extra.switchAt, Infinity),
    httpErrors,
    firstAcceptedMs: accepted.length
      ? Math.min(...accepted.map(endOf)) - failover.killedAt
      : Number.NaN,
    rejoinMs: extra.rejoinMs,
    switchBackMs: extra.switchBackMs,
    epochsReset: extra.epochsReset,
    repushed: outcomes.reduce((n, o) => n + (o?.repushed ?? 0), 0),
    reconciliations: outcomes.map((o) => `${o?.status ?? '?'}:${String(o?.repushed ?? 0)}`),
  };
}

/** The drill's figures, as the test and `pnpm sim --scenario db-failover` print them. */
export function formatFailoverFigures(
  result: FailoverDrillResult,
  replication: 'sync' | 'async',
): string {
  const s = (ms: number | undefined) => (ms === undefined ? '–' : `${(ms / 1000).toFixed(1)} s`);
  const t = result.run.timings;
  return [
    `db-failover (${replication} replication): kill -9 of ${result.failover.killed.name}; ${result.failover.promoted.name} writable after ${s(result.failover.promotedMs)}`,
    `  refused pushes  ${String(result.refused.attempts)} attempts answered without a 2xx, the first ${s(result.refused.firstMs)} and the last ${s(result.refused.lastMs)} after the kill; first push accepted after that at ${s(result.firstAcceptedMs)}; HTTP errors over the run ${JSON.stringify(result.httpErrors)}`,
    `  drain           outboxes empty ${s(t.drainMs)} after billing ended (slowest terminal ${s(Math.max(0, ...t.drainByTerminalMs))}); billing ${s(t.billingMs)}`,
    `  fail-back       old primary back as standby in ${s(result.rejoinMs)}, switched back in ${s(result.switchBackMs)}${result.refusedInSwitchover ? ` (${String(result.refusedInSwitchover.attempts)} pushes refused, the last ${s(result.refusedInSwitchover.lastMs)} after it began)` : ''}`,
    `  reconciliation  ${result.epochsReset === undefined ? 'not needed (synchronous: every acknowledged sale was on the standby)' : `${String(result.epochsReset)} store epochs reset; ${String(result.repushed)} documents re-pushed by terminals (${result.reconciliations.join(' ')})`}`,
  ].join('\n');
}
