import type { FailoverConfig } from '@kiryana/shared';
import { type AutoFailoverCluster, startAutoFailoverCluster } from './auto-failover-cluster';
import { type FleetVerdict, judgeFleet } from './fleet-checks';
import type { FleetTerminal } from './fleet';
import { type RegionFleet, startRegionFleet } from './region-fleet';
import type { TerminalPlan, TerminalReport } from './sim-terminal';

/**
 * The region-loss drill (issue 20): terminals of the home region bill through its gateway; the
 * whole home region goes — its gateway off the network, its servers SIGKILLed and its database
 * node (the formation's primary) killed -9 — and pg_auto_failover promotes the other region's
 * standby. Terminals keep billing, fail over down their endpoint list to the other region and
 * drain there. Later the home region returns: its node rejoins as a standby, the database is
 * switched back (optional), its servers start and its gateway opens; terminals move back home
 * after the hold time (hysteresis). Verdict: nothing lost, nothing doubled, stock = Σ movements.
 */

/** What to run. */
type RegionLossOptions = {
  readonly terminals: number;
  readonly terminalsPerStore: number;
  readonly products: number;
  readonly seed: number;
  readonly serversPerRegion: number;
  readonly billsPerSecond: number;
  readonly replication: 'sync' | 'async';
  /** Billing before the loss, ms. */
  readonly leadMs: number;
  /** How long the home region stays away after every terminal moved, ms. */
  readonly outageMs: number;
  /**
   * Switch the database back to the home node (after it rejoined) before the home region opens
   * again; otherwise the home servers use the other region's primary until an operator does.
   */
  readonly failBackDatabase: boolean;
  /** The terminals' fail-over timings. */
  readonly failover: Partial<FailoverConfig>;
  readonly dataRoot?: string;
  readonly maxRunMs: number;
  readonly log?: (line: string) => void;
};

/** One terminal's view of the drill, in ms. */
type TerminalMoves = {
  readonly name: string;
  /** Loss → its first push the other region acknowledged. */
  readonly movedMs: number;
  /** Loss → its outbox back at (or under) its level before the loss. */
  readonly drainedMs: number;
  /** The most facts it held unsent while away from every server. */
  readonly backlogPeak: number;
  /** Home open again → its first push home acknowledged. */
  readonly movedBackMs: number;
  /** How often the region of its acknowledged pushes changed (2: away and back). */
  readonly regionChanges: number;
};

/** What the drill measured and found. */
type RegionLossResult = {
  readonly verdict: FleetVerdict;
  readonly reports: readonly TerminalReport[];
  readonly moves: readonly TerminalMoves[];
  readonly promotedMs: number;
  readonly rejoinMs: number;
  /** The database's switch back to the home node, when asked for. */
  readonly switchoverMs: number | null;
  /** Push attempts that failed (no answer or an error status), all terminals. */
  readonly refusedPushes: number;
  readonly homeHoldMs: number;
  readonly totalMs: number;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function poll<T>(what: string, probe: () => Promise<T | undefined>, ms: number): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${String(ms)} ms`);
    await sleep(250);
  }
}

/** The first acknowledged push to `origin` that started at or after `since` (epoch ms). */
function firstOkPush(report: TerminalReport, origin: string, since: number): number | undefined {
  const push = report.wire.pushTimings.find((p) => p.ok && p.origin === origin && p.at >= since);
  return push === undefined ? undefined : push.at + push.ms;
}

/** Runs the drill on a fresh formation and two fresh regions, and takes everything down. */
export async function runRegionLoss(options: RegionLossOptions): Promise<RegionLossResult> {
  const log = options.log ?? (() => undefined);
  const started = performance.now();
  const cluster = await startAutoFailoverCluster({
    replication: options.replication,
    fastDetection: true,
    log,
  });
  let fleet: RegionFleet | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    fleet = await startRegionFleet({
      cluster,
      terminals: options.terminals,
      terminalsPerStore: options.terminalsPerStore,
      products: options.products,
      seed: options.seed,
      serversPerRegion: options.serversPerRegion,
      ...(options.dataRoot ? { dataRoot: options.dataRoot } : {}),
      log,
    });
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reject(
          new Error(`the region-loss drill did not finish within ${String(options.maxRunMs)} ms`),
        );
      }, options.maxRunMs);
    });
    return await Promise.race([drill(fleet, cluster, options, started, log), deadline]);
  } finally {
    clearTimeout(timer);
    await fleet?.close();
    await cluster.stop();
  }
}

async function drill(
  fleet: RegionFleet,
  cluster: AutoFailoverCluster,
  options: RegionLossOptions,
  started: number,
  log: (line: string) => void,
): Promise<RegionLossResult> {
  const { home, other, terminals } = fleet;
  const plan = (terminal: FleetTerminal, index: number): TerminalPlan => ({
    name: terminal.process.name,
    credential: terminal.credential,
    dataDir: fleet.dataDir,
    // Billing ends when the timeline is done (stopBilling); this is only a ceiling.
    bills: Math.ceil((options.billsPerSecond * options.maxRunMs) / 1000),
    billsPerSecond: options.billsPerSecond,
    seed: options.seed * 1000 + index,
    offlineChance: 0,
    offlineMs: [0, 0],
    simulatedDays: 0,
    billOffline: false,
    repushEvery: 0,
    receiptEvery: 15,
    failover: options.failover,
  });
  const opening = performance.now();
  await Promise.all(terminals.map((t, i) => t.process.open(plan(t, i))));
  log(
    `${String(terminals.length)} terminals ready at home (${home.gateway.url}) in ${(performance.now() - opening).toFixed(0)} ms; set-up ${(performance.now() - started).toFixed(0)} ms in all`,
  );
  const billing = Promise.all(terminals.map((t) => t.process.bill()));
  billing.catch(() => undefined);
  const outbox = () => Promise.all(terminals.map((t) => t.process.outboxCount()));

  // Steady state: what each outbox holds while home answers (a bill or two in flight).
  const baseline = terminals.map(() => 0);
  const leadEnd = Date.now() + options.leadMs;
  while (Date.now() < leadEnd) {
    (await outbox()).forEach((n, i) => (baseline[i] = Math.max(baseline[i] ?? 0, n)));
    await sleep(250);
  }

  const lossAt = Date.now();
  log('home region lost: gateway off the network, servers SIGKILLed, primary killed -9');
  const [, failover] = await Promise.all([home.lose(), cluster.killPrimary(60_000)]);
  log(
    `standby (${failover.promoted.name}) promoted ${failover.promotedMs.toFixed(0)} ms after the kill`,
  );

  // Every terminal pushes through the other region, and its backlog drains there.
  const backlogPeak = terminals.map(() => 0);
  const drainedAt: (number | undefined)[] = terminals.map(() => undefined);
  await poll(
    'every terminal moved to the other region and drained',
    async () => {
      const counts = await outbox();
      const reports = await Promise.all(terminals.map((t) => t.process.report()));
      counts.forEach((n, i) => {
        backlogPeak[i] = Math.max(backlogPeak[i] ?? 0, n);
        const report = reports[i];
        const moved = report && firstOkPush(report, other.gateway.url, lossAt);
        if (moved !== undefined && drainedAt[i] === undefined && n <= (baseline[i] ?? 0))
          drainedAt[i] = Date.now();
      });
      return drainedAt.every((at) => at !== undefined) ? true : undefined;
    },
    90_000,
  );
  await sleep(options.outageMs);

  // The home region returns: its node as a standby and its servers (on the primary wherever it
  // is), then its gateway, which terminals probe. With the database switched back home first,
  // the servers start after the switchover.
  let switchoverMs: number | null = null;
  const rejoin = async () => {
    const ms = await cluster.rejoin(failover.killed.name);
    log(`${failover.killed.name} back as a standby after ${ms.toFixed(0)} ms`);
    return ms;
  };
  // When the home gateway opened: what terminals' probes can see from then on.
  const openHome = async () => {
    await home.restore();
    log('home region open again');
    return Date.now();
  };
  let rejoinMs: number;
  let returnAt: number;
  if (options.failBackDatabase) {
    rejoinMs = await rejoin();
    switchoverMs = await cluster.switchover();
    log(`database switched back home in ${switchoverMs.toFixed(0)} ms`);
    returnAt = await openHome();
  } else {
    [rejoinMs, returnAt] = await Promise.all([rejoin(), openHome()]);
  }
  const movedBackAt = await poll(
    'every terminal back home',
    async () => {
      const reports = await Promise.all(terminals.map((t) => t.process.report()));
      const back = reports.map((r) => firstOkPush(r, home.gateway.url, returnAt));
      return back.every((at) => at !== undefined) ? back : undefined;
    },
    60_000 + (options.failover.homeHoldMs ?? 0),
  );
  // A little billing at home, to see that nobody flaps back out.
  await sleep(2_000);
  await Promise.all(terminals.map((t) => t.process.stopBilling()));
  await billing;
  await Promise.all(terminals.map((t) => t.process.drain(60_000)));

  const reports = await Promise.all(terminals.map((t) => t.process.report()));
  const verdict = await judgeFleet(
    { database: { ...fleet.database, db: await fleet.primaryDb() }, terminals },
    reports,
  );
  const moves = reports.map((report, i): TerminalMoves => {
    const acknowledged = report.wire.pushTimings.filter((p) => p.ok).map((p) => p.origin);
    const regionChanges = acknowledged.filter(
      (origin, j) => j > 0 && origin !== acknowledged[j - 1],
    ).length;
    return {
      name: report.name,
      movedMs: (firstOkPush(report, other.gateway.url, lossAt) ?? Number.NaN) - lossAt,
      drainedMs: (drainedAt[i] ?? Number.NaN) - lossAt,
      backlogPeak: backlogPeak[i] ?? 0,
      movedBackMs: (movedBackAt[i] ?? Number.NaN) - returnAt,
      regionChanges,
    };
  });
  return {
    verdict,
    reports,
    moves,
    promotedMs: failover.promotedMs,
    rejoinMs,
    switchoverMs,
    refusedPushes: reports.reduce((n, r) => n + r.wire.pushFailures, 0),
    homeHoldMs: options.failover.homeHoldMs ?? 0,
    totalMs: performance.now() - started,
  };
}

/** The drill's figures, one line each, for the test log, `pnpm sim` and docs/operations.md. */
export function formatRegionLoss(result: RegionLossResult): string {
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const range = (pick: (m: TerminalMoves) => number) => {
    const values = result.moves.map(pick).sort((a, b) => a - b);
    return `median ${s(values[Math.floor(values.length / 2)] ?? 0)}, max ${s(values.at(-1) ?? 0)}`;
  };
  const v = result.verdict;
  return [
    `region-loss: ${String(result.moves.length)} terminals; standby promoted ${s(result.promotedMs)} after the kill`,
    `region-loss: time to move (loss → first push acknowledged by the other region): ${range((m) => m.movedMs)}`,
    `region-loss: time to drain (loss → outbox back to its level before): ${range((m) => m.drainedMs)}; backlog peak ${String(Math.max(...result.moves.map((m) => m.backlogPeak)))} facts`,
    `region-loss: home node rejoined as standby in ${s(result.rejoinMs)}${result.switchoverMs === null ? '' : `, database switched back home in ${s(result.switchoverMs)}`}`,
    `region-loss: time to move back (home open → first push acknowledged at home; hold ${s(result.homeHoldMs)}): ${range((m) => m.movedBackMs)}`,
    `region-loss: region changes per terminal ${result.moves.map((m) => m.regionChanges).join(',')}; ${String(result.refusedPushes)} push attempts failed or refused`,
    `region-loss: sales made ${String(v.madeSales)}, held ${String(v.serverSales)}, missing ${String(v.missingSales)}, doubled ${String(v.doubledInvoices)}, unexpected ${String(v.unexpectedSales)}; movements missing ${String(v.missingMovements)}; stock drift ${String(v.stockDrift)}; quarantined ${String(v.quarantined)}`,
    `region-loss: total ${s(result.totalMs)}`,
    '',
  ].join('\n');
}
