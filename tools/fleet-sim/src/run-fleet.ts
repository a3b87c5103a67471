import { type Fault, type FaultRecord, runChaos } from './chaos-monkey';
import { type FleetVerdict, judgeFleet } from './fleet-checks';
import { type Fleet, basePlan, startFleet } from './fleet';
import type { TerminalPlan, TerminalReport } from './sim-terminal';
import type { GatewayCounters } from './haproxy-gateway';
import type { ProxyFaults, ProxyStats } from './tcp-proxy';
import { type WorkflowMixOptions, type WorkflowTally, runWorkflowMix } from './workflow-mix';

/**
 * One run of the simulator: set the fleet up, let every terminal bill its plan while the proxy
 * misbehaves and the chaos timetable strikes, clear the faults, wait until every terminal has
 * drained its outbox, judge, and take everything down. Bounded: a run that is not done by
 * `maxRunMs` fails rather than hanging.
 */

/** What to run. */
export type RunOptions = {
  readonly adminUrl: string;
  readonly terminals: number;
  readonly terminalsPerStore: number;
  readonly products: number;
  readonly seed: number;
  readonly servers?: number;
  /** What balances the servers (FleetOptions.gateway). */
  readonly gateway?: 'proxy' | 'haproxy';
  /** How servers run (FleetOptions.serverEntry). */
  readonly serverEntry?: 'compiled' | 'tsx';
  /** Where terminal databases go (FleetOptions.dataRoot). */
  readonly dataRoot?: string;
  /** The plan of each terminal, beyond the fleet's defaults. */
  readonly plan: Partial<TerminalPlan>;
  /** Plans for single terminals (by index), e.g. one that stays offline for a week. */
  readonly planOverrides?: Readonly<Record<number, Partial<TerminalPlan>>>;
  readonly proxyFaults?: Partial<ProxyFaults>;
  readonly chaos?: readonly Fault[];
  readonly restartKilled?: boolean;
  /** Restarts the database of the run (or terminates its backends), given its name. */
  readonly restartDatabase?: (databaseName: string) => Promise<void>;
  readonly serverEnv?: Readonly<Record<string, string>>;
  readonly drainTimeoutMs?: number;
  readonly maxRunMs: number;
  readonly log?: (line: string) => void;
  /** Hears each fault as it strikes, with the fleet (e.g. to take the terminals' counts). */
  readonly onFault?: (record: FaultRecord, fleet: Fleet) => Promise<void>;
  /**
   * Runs beside the billing (e.g. a rolling restart); billing waits for it before the fleet
   * drains, and it hears when the terminals are done billing.
   */
  readonly duringBilling?: (fleet: Fleet, billingDone: Promise<void>) => Promise<void>;
  /**
   * Transfers and purchase orders beside the billing (workflow-mix.ts); none without. Billing's
   * end waits for the mix before the fleet drains.
   */
  readonly workflows?: WorkflowMixOptions;
  /** Called after billing with the fleet, before it drains (scenario-specific checks). */
  readonly afterBilling?: (fleet: Fleet) => Promise<void>;
};

/** What a run measured and found. */
export type RunResult = {
  readonly verdict: FleetVerdict;
  readonly reports: readonly TerminalReport[];
  /** What the transfer and PO mix did, when it ran. */
  readonly workflows: WorkflowTally | undefined;
  readonly faults: readonly FaultRecord[];
  readonly proxy: ProxyStats;
  /** HAProxy's counters at the end, with `gateway: 'haproxy'`. */
  readonly gateway: GatewayCounters | undefined;
  readonly timings: {
    readonly setupMs: number;
    readonly readyMs: number;
    readonly billingMs: number;
    readonly drainMs: number;
    readonly drainByTerminalMs: readonly number[];
    readonly judgeMs: number;
    readonly totalMs: number;
  };
};

async function withDeadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`${what} did not finish within ${String(ms)} ms`));
    }, ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** Runs the fleet once. */
export async function runFleet(options: RunOptions): Promise<RunResult> {
  const log = options.log ?? (() => undefined);
  const started = performance.now();
  const fleet = await startFleet({
    adminUrl: options.adminUrl,
    terminals: options.terminals,
    terminalsPerStore: options.terminalsPerStore,
    products: options.products,
    seed: options.seed,
    servers: options.servers ?? 1,
    ...(options.gateway ? { gateway: options.gateway } : {}),
    ...(options.serverEntry ? { serverEntry: options.serverEntry } : {}),
    log,
    ...(options.dataRoot ? { dataRoot: options.dataRoot } : {}),
    ...(options.serverEnv ? { serverEnv: options.serverEnv } : {}),
  });
  try {
    return await withDeadline(runOn(fleet, options, started, log), options.maxRunMs, 'the run');
  } finally {
    await fleet.close();
  }
}

async function runOn(
  fleet: Fleet,
  options: RunOptions,
  started: number,
  log: (line: string) => void,
): Promise<RunResult> {
  const setupMs = performance.now() - started;
  const readyList = await fleet.openTerminals((index, terminal) =>
    basePlan(fleet, index, terminal, { ...options.plan, ...options.planOverrides?.[index] }),
  );
  const readyMs = Math.max(...readyList);
  log(`${String(fleet.terminals.length)} terminals ready (slowest ${readyMs.toFixed(0)} ms)`);

  fleet.proxy.setFaults(options.proxyFaults ?? {});
  const billingStarted = performance.now();
  let billed: () => void = () => undefined;
  const billingDone = new Promise<void>((resolve) => {
    billed = resolve;
  });
  const chaos = runChaos(
    options.chaos ?? [],
    {
      servers: fleet.servers,
      proxy: fleet.proxy,
      restartKilled: options.restartKilled ?? true,
      databaseName: fleet.database.name,
      ...(options.onFault
        ? {
            onStrike: (record: FaultRecord) =>
              options.onFault?.(record, fleet) ?? Promise.resolve(),
          }
        : {}),
      log,
      ...(options.restartDatabase ? { restartDatabase: options.restartDatabase } : {}),
    },
    billingDone,
  );
  const beside = options.duringBilling?.(fleet, billingDone);
  // Awaited after billing; this only keeps an early failure from counting as unhandled meanwhile.
  beside?.catch(() => undefined);
  const mix = options.workflows ? runWorkflowMix(fleet, options.workflows, log) : undefined;
  mix?.catch(() => undefined);
  try {
    await Promise.all(fleet.terminals.map((t) => t.process.bill()));
  } finally {
    billed();
  }
  const billingMs = performance.now() - billingStarted;
  await beside;
  const workflows = await mix;
  const faults = await chaos;
  log(`billing done in ${billingMs.toFixed(0)} ms; ${String(faults.length)} faults struck`);
  await options.afterBilling?.(fleet);

  fleet.proxy.setFaults({ down: false, dropRate: 0, cutResponseRate: 0, delayMs: 0 });
  const drainStarted = performance.now();
  const drainByTerminalMs = await Promise.all(
    fleet.terminals.map((t) => t.process.drain(options.drainTimeoutMs ?? 120_000)),
  );
  const drainMs = performance.now() - drainStarted;
  log(`outboxes empty after ${drainMs.toFixed(0)} ms`);

  const judgeStarted = performance.now();
  const reports = await Promise.all(fleet.terminals.map((t) => t.process.report()));
  const verdict = await judgeFleet(fleet, reports, workflows);
  const judgeMs = performance.now() - judgeStarted;
  return {
    verdict,
    reports,
    workflows,
    faults,
    proxy: fleet.proxy.stats(),
    gateway: await fleet.gateway?.counters(),
    timings: {
      setupMs,
      readyMs,
      billingMs,
      drainMs,
      drainByTerminalMs,
      judgeMs,
      totalMs: performance.now() - started,
    },
  };
}
