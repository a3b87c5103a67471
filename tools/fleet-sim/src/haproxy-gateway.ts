import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port';
import { type GatewayConfig, type GatewayServer, renderGatewayConfig } from './haproxy-config';
import { haproxyBinary } from './sim-env';

/**
 * Debian's HAProxy as the gateway of a run: the production rules (haproxy-config.ts) on a free
 * loopback port, with its runtime API on a unix socket in a temporary folder. The tests drive it
 * exactly as an operator would (docs/gateway.md): `show stat` for server states and counters,
 * `set server ... state drain` if they want to drain by hand.
 */

/** A server state as `show stat` reports it: `UP`, `DOWN`, `UP 1/2` (going down), `MAINT`... */
type ServerStatus = string;

/** Counters of the gateway since it started (runtime API `show stat`). */
export type GatewayCounters = {
  /** Requests HAProxy sent again (retry-on), over both backends. */
  readonly retries: number;
  /** Requests sent to another server than the first one chosen (a retry's or a DOWN server's). */
  readonly redispatches: number;
  /** Answers by class from the servers, and the frontend's own (429s from the rate limits). */
  readonly backend2xx: number;
  readonly backend5xx: number;
  readonly frontend4xx: number;
  readonly frontend5xx: number;
  /** Event streams opened through `be_streams`. */
  readonly streams: number;
  /** Requests each server was sent (by name, be_api and be_streams together). */
  readonly perServer: Readonly<Record<string, number>>;
};

/** A running gateway. */
export type HaproxyGateway = {
  readonly port: number;
  readonly url: string;
  /** Runs one runtime API command and answers its output. */
  runtime(command: string): Promise<string>;
  /** Each server's state in `be_api`. */
  serverStates(): Promise<Record<string, ServerStatus>>;
  /** Waits until `server` is exactly `status` (e.g. `UP` after rise checks); answers the wait. */
  waitForServer(server: string, status: ServerStatus, timeoutMs: number): Promise<number>;
  counters(): Promise<GatewayCounters>;
  /** The last lines HAProxy logged (one per request), for failure messages. */
  recentOutput(): string;
  close(): Promise<void>;
};

/** What the gateway of a run needs beyond its servers; defaults suit loopback tests. */
export type GatewayOptions = {
  readonly servers: readonly GatewayServer[];
  readonly check?: GatewayConfig['check'];
  readonly rateLimits?: GatewayConfig['rateLimits'];
};

/**
 * Checks every 500 ms, DOWN after 2 failures, UP after 2 successes, each check given 2 s (a
 * loaded two-core machine answers /readyz slowly at times): a draining server leaves the rotation
 * within ~1 s, at worst 3 s, inside a DRAIN_MS of 4 s.
 */
const TEST_CHECK = { interMs: 500, timeoutMs: 2_000, fall: 2, rise: 2 };
/**
 * The simulated terminals bill a few times a second (a real counter: a bill a minute), and every
 * bill of a store brings each of its terminals hints and pulls; the production limits would refuse
 * them. Rate limits have their own test with small limits (haproxy-gateway.test.ts).
 */
const SIM_RATE_LIMITS = { perTokenPer10s: 5_000, perClientPer10s: 100_000 };
const START_TIMEOUT_MS = 10_000;

/** The HAProxy binary, or a clear error: nothing is skipped when it is missing. */
export function requireHaproxy(): string {
  const bin = haproxyBinary();
  if (!existsSync(bin)) {
    throw new Error(
      `HAProxy is not installed at ${bin} (set HAPROXY_BIN, or apt-get install haproxy; .ci/run installs it)`,
    );
  }
  return bin;
}

function runtimeCommand(socketPath: string, command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = createConnection(socketPath);
    let out = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      out += chunk;
    });
    socket.once('error', reject);
    // Non-interactive mode: HAProxy answers one command and closes.
    socket.once('end', () => {
      resolve(out);
    });
    socket.write(`${command}\n`);
  });
}

/** Parses `show stat` CSV into rows keyed by column name. */
function parseStat(csv: string): Record<string, string>[] {
  const [header, ...rows] = csv.split('\n').filter((line) => line.trim() !== '');
  const columns = (header ?? '').replace(/^# /, '').split(',');
  return rows.map((row) => {
    const values = row.split(',');
    return Object.fromEntries(columns.map((column, i) => [column, values[i] ?? '']));
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Starts HAProxy in front of `servers` and waits until its listener and runtime API answer. */
export async function startHaproxyGateway(options: GatewayOptions): Promise<HaproxyGateway> {
  const bin = requireHaproxy();
  const dir = mkdtempSync(join(tmpdir(), 'kiryana-haproxy-'));
  const port = await freePort();
  const socketPath = join(dir, 'admin.sock');
  const configPath = join(dir, 'haproxy.cfg');
  writeFileSync(
    configPath,
    renderGatewayConfig({
      httpBind: `127.0.0.1:${String(port)}`,
      servers: options.servers,
      statsSocket: socketPath,
      check: options.check ?? TEST_CHECK,
      rateLimits: options.rateLimits ?? SIM_RATE_LIMITS,
      maxconn: 4_096,
    }),
  );
  const output: string[] = [];
  const remember = (text: string) => {
    output.push(...text.split('\n').filter((line) => line.trim() !== ''));
    if (output.length > 5_000) output.splice(0, output.length - 5_000);
  };
  // -db: stay in the foreground, so the process is this child and dies with the run.
  const child: ChildProcess = spawn(bin, ['-db', '-f', configPath], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.setEncoding('utf8').on('data', remember);
  child.stderr?.setEncoding('utf8').on('data', remember);
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      process.off('exit', killOnExit);
      resolve();
    });
  });
  const cleanUp = () => {
    rmSync(dir, { recursive: true, force: true });
  };

  const runtime = (command: string) => runtimeCommand(socketPath, command);
  const stat = async () => parseStat(await runtime('show stat'));
  const close = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      // SIGTERM: hard stop; a soft stop (SIGUSR1) would wait for every event stream to end.
      child.kill('SIGTERM');
      await exited;
    }
    cleanUp();
  };

  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null) {
      cleanUp();
      throw new Error(`HAProxy exited (${String(child.exitCode)}):\n${output.join('\n')}`);
    }
    const info = await runtime('show info').catch(() => '');
    if (info.includes('Pid:')) break;
    if (Date.now() > deadline) {
      await close();
      throw new Error(`HAProxy did not start in time:\n${output.join('\n')}`);
    }
    await sleep(50);
  }

  const serverStates = async (): Promise<Record<string, ServerStatus>> =>
    Object.fromEntries(
      (await stat())
        .filter((r) => r.pxname === 'be_api' && r.svname !== 'BACKEND')
        .map((r) => [r.svname ?? '', r.status ?? '']),
    );
  return {
    port,
    url: `http://127.0.0.1:${String(port)}`,
    runtime,
    serverStates,
    async waitForServer(server, status, timeoutMs) {
      const started = performance.now();
      const until = Date.now() + timeoutMs;
      for (;;) {
        const states = await serverStates();
        if (states[server] === status) return performance.now() - started;
        if (Date.now() > until) {
          throw new Error(
            `gateway: ${server} not ${status} after ${String(timeoutMs)} ms (${JSON.stringify(states)})`,
          );
        }
        await sleep(50);
      }
    },
    async counters() {
      const rows = await stat();
      const sum = (pick: (r: Record<string, string>) => boolean, column: string) =>
        rows.filter(pick).reduce((n, r) => n + Number(r[column] || 0), 0);
      const backends = (r: Record<string, string>) =>
        r.svname === 'BACKEND' && (r.pxname === 'be_api' || r.pxname === 'be_streams');
      const frontend = (r: Record<string, string>) => r.svname === 'FRONTEND';
      const perServer: Record<string, number> = {};
      for (const r of rows) {
        if ((r.pxname === 'be_api' || r.pxname === 'be_streams') && r.svname !== 'BACKEND') {
          const name = r.svname ?? '';
          perServer[name] = (perServer[name] ?? 0) + Number(r.stot || 0);
        }
      }
      return {
        retries: sum(backends, 'wretr'),
        redispatches: sum(backends, 'wredis'),
        backend2xx: sum(backends, 'hrsp_2xx'),
        backend5xx: sum(backends, 'hrsp_5xx'),
        frontend4xx: sum(frontend, 'hrsp_4xx'),
        frontend5xx: sum(frontend, 'hrsp_5xx'),
        streams: sum((r) => r.pxname === 'be_streams' && r.svname === 'BACKEND', 'stot'),
        perServer,
      };
    },
    recentOutput: () => output.join('\n'),
    close,
  };
}
