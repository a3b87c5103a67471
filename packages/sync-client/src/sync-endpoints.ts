import {
  type Clock,
  DEFAULT_FAILOVER_CONFIG,
  type FailoverConfig,
  type FailoverState,
  activeEndpoint,
  backoffDelayMs,
  homeProbeDue,
  initialFailoverState,
  recordEndpointResult,
  tickFailover,
} from '@kiryana/shared';
import { urlOf, type FetchLike } from './sync-http';

/**
 * The terminal's ordered list of sync endpoints (home region first) and the one it uses now,
 * driven by the pure policy in @kiryana/shared (endpoint-failover.ts). The sync API asks it for a
 * base URL before every request and tells it how the request went; while the terminal is away
 * from home, a timer probes home's `/readyz` so it can move back once home is healthy for the
 * hold time. Billing never waits on any of this: sales go to the local database and the outbox.
 */
export type SyncEndpoints = {
  /** Home: what the terminal enrolled with; replication checkpoints are scoped by it. */
  readonly home: string;
  /** The endpoint in use. */
  current(): string;
  /** The endpoints, home first. */
  list(): readonly string[];
  /** Waits the backoff owed after failures on the endpoint in use, then returns it. */
  acquire(signal?: AbortSignal | null): Promise<string>;
  /** How a request to `endpoint` went: `ok` means it answered (a 4xx is an answer; 5xx is not). */
  report(endpoint: string, ok: boolean): void;
  /** Replaces the list (HQ changed it); starts at its home again. */
  replace(endpoints: readonly string[]): void;
  /** Stops the home probe timer. */
  stop(): void;
};

/** How to build the endpoint list; only `endpoints` and `fetchFn` are required. */
export type SyncEndpointsOptions = {
  readonly endpoints: readonly string[];
  /** The fetch used for home probes. */
  readonly fetchFn: FetchLike;
  readonly config?: Partial<FailoverConfig>;
  readonly clock?: Clock;
  /** In [0, 1): the jitter source; Math.random by default. */
  readonly random?: () => number;
  /** Told every time the endpoint in use changes (a status bar, the health report). */
  readonly onSwitch?: (endpoint: string, previous: string) => void;
  /** Told when the list itself is replaced (HQ changed it), so the terminal can keep it. */
  readonly onReplace?: (endpoints: readonly string[]) => void;
};

/** The probe path: `/readyz` answers 503 while a server drains, so home is not "healthy" then. */
const PROBE_PATH = '/readyz';

/** Trims trailing slashes and drops duplicates, keeping the first (region) order. */
function normalise(endpoints: readonly string[]): string[] {
  return [...new Set(endpoints.map((url) => url.replace(/\/+$/, '')))];
}

/**
 * Creates the endpoint list of a terminal. A terminal enrolled without a list starts with the one
 * server it enrolled with and behaves exactly as a single-server client until HQ sends a list.
 * @example
 * const endpoints = createSyncEndpoints({ endpoints: credential.endpoints ?? [credential.serverUrl], fetchFn: fetch });
 * const api = createSyncApi(fetch, endpoints, tokens);
 */
export function createSyncEndpoints(options: SyncEndpointsOptions): SyncEndpoints {
  const config: FailoverConfig = { ...DEFAULT_FAILOVER_CONFIG, ...options.config };
  const clock = options.clock ?? { now: () => Date.now() };
  const random = options.random ?? Math.random;
  let state: FailoverState = initialFailoverState(normalise(options.endpoints), clock.now());
  let timer: ReturnType<typeof setInterval> | undefined;
  let probing = false;

  const apply = (next: FailoverState) => {
    const before = activeEndpoint(state);
    state = next;
    const after = activeEndpoint(state);
    if (after !== before) options.onSwitch?.(after, before);
    syncTimer();
  };

  const probeHome = async () => {
    if (probing) return;
    probing = true;
    const home = state.endpoints[0] ?? '';
    let ok: boolean;
    try {
      const response = await options.fetchFn(urlOf(home, PROBE_PATH), {
        signal: AbortSignal.timeout(Math.max(config.probeIntervalMs, 1_000)),
      });
      ok = response.ok;
      await response.body?.cancel();
    } catch {
      ok = false;
    } finally {
      probing = false;
    }
    apply(recordEndpointResult(state, config, { endpoint: home, ok, atMs: clock.now() }));
  };

  const onTimer = () => {
    const now = clock.now();
    apply(tickFailover(state, config, now));
    if (homeProbeDue(state, config, now)) void probeHome();
  };

  // The probe timer runs only while the terminal is away from home; unref'd so it never keeps a
  // Node process (the fleet simulator, a test) alive.
  const syncTimer = () => {
    if (state.active !== 0 && timer === undefined) {
      timer = setInterval(onTimer, Math.max(10, Math.min(config.probeIntervalMs, 1_000)));
      // Browsers answer a number; Node a Timeout with unref.
      (timer as { unref?: () => void }).unref?.();
    } else if (state.active === 0 && timer !== undefined) {
      clearInterval(timer);
      timer = undefined;
    }
  };

  return {
    get home() {
      return state.endpoints[0] ?? '';
    },
    current: () => activeEndpoint(state),
    list: () => state.endpoints,
    async acquire(signal) {
      // A single server has nowhere to fail over to: the caller's own retry schedule governs, as
      // it did before regions. The list may grow later, when HQ sends one (`replace`).
      const delay = state.endpoints.length > 1 ? backoffDelayMs(state, config, random()) : 0;
      if (delay > 0) {
        await new Promise<void>((resolve) => {
          const wait = setTimeout(resolve, delay);
          signal?.addEventListener('abort', () => {
            clearTimeout(wait);
            resolve();
          });
        });
      }
      return activeEndpoint(state);
    },
    report(endpoint, ok) {
      apply(recordEndpointResult(state, config, { endpoint, ok, atMs: clock.now() }));
    },
    replace(endpoints) {
      apply(initialFailoverState(normalise(endpoints), clock.now()));
      options.onReplace?.(state.endpoints);
    },
    stop() {
      if (timer !== undefined) clearInterval(timer);
      timer = undefined;
    },
  };
}

/** True when an answer says the endpoint is unusable (gateway errors, unavailable, crashed). */
export function isEndpointFailure(status: number): boolean {
  return status >= 500;
}
