import type { ServerProcess } from './server-process';
import type { TcpProxy } from './tcp-proxy';

/**
 * Faults on a timetable while the fleet bills: server processes killed with SIGKILL while a
 * request is in flight (then started again), the database restarted, and network outages at the
 * proxy. Every fault is logged with what was in flight when it struck.
 */

/** One fault and when it strikes, in milliseconds after billing starts. */
export type Fault =
  | {
      readonly atMs: number;
      readonly kind: 'kill-server';
      readonly server: number;
      readonly downMs: number;
    }
  | { readonly atMs: number; readonly kind: 'restart-database' }
  | { readonly atMs: number; readonly kind: 'outage'; readonly downMs: number };

/** What a fault did. */
export type FaultRecord = {
  readonly kind: Fault['kind'];
  readonly atMs: number;
  /** Requests the proxy had forwarded without an answer yet when it struck. */
  readonly inFlight: number;
  readonly tookMs: number;
};

/** What the monkey may touch. */
export type MonkeyTargets = {
  readonly servers: readonly ServerProcess[];
  readonly proxy: TcpProxy;
  /** Restarts the database (its name given); absent when the run cannot. */
  readonly restartDatabase?: (databaseName: string) => Promise<void>;
  readonly databaseName: string;
  /** Restart killed servers (false for scale-out, where a killed server stays dead). */
  readonly restartKilled: boolean;
  readonly log: (line: string) => void;
  /** Hears each fault right after it struck (before a killed server is started again). */
  readonly onStrike?: (record: FaultRecord) => Promise<void>;
};

/**
 * A timetable of `kills` server kills (round-robin over `servers`, each down for `downMs`) and
 * `dbRestarts` database restarts spread evenly over the expected billing time, restarts between
 * kills.
 */
export function spreadFaults(input: {
  expectedBillingMs: number;
  kills: number;
  dbRestarts: number;
  servers: number;
  downMs?: number;
}): Fault[] {
  const kinds: Fault['kind'][] = Array.from({ length: input.kills }, () => 'kill-server');
  for (let i = 0; i < input.dbRestarts; i++) {
    kinds.splice(
      Math.round(((i + 1) * kinds.length) / (input.dbRestarts + 1)) + i,
      0,
      'restart-database',
    );
  }
  return kinds.map((kind, i) => {
    const atMs = Math.round((input.expectedBillingMs * (i + 1)) / (kinds.length + 1));
    return kind === 'kill-server'
      ? { atMs, kind, server: i % Math.max(1, input.servers), downMs: input.downMs ?? 500 }
      : { atMs, kind: 'restart-database' as const };
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Waits (at most `maxMs`) until a request is in flight, so a kill lands mid-push. */
async function untilInFlight(proxy: TcpProxy, maxMs: number): Promise<number> {
  const deadline = Date.now() + maxMs;
  while (proxy.inFlight() === 0 && Date.now() < deadline) await sleep(5);
  return proxy.inFlight();
}

/**
 * Runs `faults` against `targets` until they are all done or `stop` resolves. Resolves with what
 * happened.
 */
export async function runChaos(
  faults: readonly Fault[],
  targets: MonkeyTargets,
  stop: Promise<void>,
): Promise<FaultRecord[]> {
  const records: FaultRecord[] = [];
  const started = Date.now();
  // An object, not a `let`: the flag changes while the loop awaits.
  const state = { stopped: false };
  void stop.then(() => {
    state.stopped = true;
  });
  for (const fault of [...faults].sort((a, b) => a.atMs - b.atMs)) {
    while (!state.stopped && Date.now() - started < fault.atMs) await sleep(50);
    if (state.stopped) break;
    const at = Date.now() - started;
    const strike = performance.now();
    if (fault.kind === 'kill-server') {
      const server = targets.servers[fault.server];
      if (!server?.isUp()) continue;
      const inFlight = await untilInFlight(targets.proxy, 2_000);
      await server.kill();
      targets.log(
        `SIGKILL ${server.name} at ${String(at)} ms with ${String(inFlight)} requests in flight`,
      );
      const record = { kind: fault.kind, atMs: at, inFlight, tookMs: 0 };
      await targets.onStrike?.(record);
      if (targets.restartKilled) {
        await sleep(fault.downMs);
        await server.restart();
        targets.log(`${server.name} back on ${server.url()}`);
      }
      records.push({ ...record, tookMs: performance.now() - strike });
    } else if (fault.kind === 'restart-database') {
      if (!targets.restartDatabase) continue;
      const inFlight = await untilInFlight(targets.proxy, 2_000);
      await targets.restartDatabase(targets.databaseName);
      targets.log(
        `database restarted at ${String(at)} ms with ${String(inFlight)} requests in flight`,
      );
      records.push({ kind: fault.kind, atMs: at, inFlight, tookMs: performance.now() - strike });
    } else {
      const inFlight = targets.proxy.inFlight();
      targets.proxy.setFaults({ down: true });
      await sleep(fault.downMs);
      targets.proxy.setFaults({ down: false });
      targets.log(`network outage of ${String(fault.downMs)} ms at ${String(at)} ms`);
      records.push({ kind: fault.kind, atMs: at, inFlight, tookMs: performance.now() - strike });
    }
  }
  return records;
}
