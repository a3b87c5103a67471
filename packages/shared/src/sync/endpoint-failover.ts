/**
 * Which sync endpoint a terminal talks to (issue 20, "Regions"): a pure policy over an ordered
 * list of endpoints, home region first. The terminal moves to the next endpoint after
 * `failuresToFailover` consecutive failures on the one it uses, waits a jittered, bounded backoff
 * between failed attempts, and moves back home only after home has answered every probe for
 * `homeHoldMs` and it has stayed where it is for at least that long: hysteresis, so a home that
 * answers one probe between outages does not make the fleet flap. Time and randomness come in as
 * arguments, so property tests can drive it.
 */

/** How the policy behaves; every duration in milliseconds. */
export type FailoverConfig = {
  /** Consecutive failures on the current endpoint before moving to the next one (≥ 1). */
  readonly failuresToFailover: number;
  /** The first backoff after a failure; it doubles per consecutive failure up to `backoffMaxMs`. */
  readonly backoffBaseMs: number;
  readonly backoffMaxMs: number;
  /** How long home must answer probes, and the terminal stay put, before it moves back home. */
  readonly homeHoldMs: number;
  /** How often home is probed while the terminal is elsewhere. */
  readonly probeIntervalMs: number;
};

/** Defaults for a counter: a few seconds to fail over, a few minutes before going back home. */
export const DEFAULT_FAILOVER_CONFIG: FailoverConfig = {
  failuresToFailover: 3,
  backoffBaseMs: 500,
  backoffMaxMs: 30_000,
  homeHoldMs: 120_000,
  probeIntervalMs: 15_000,
};

/** Where a terminal is in its endpoint list. */
export type FailoverState = {
  /** The endpoints, home first; never empty. */
  readonly endpoints: readonly string[];
  /** Index of the endpoint in use. */
  readonly active: number;
  /** Failures in a row on the endpoint in use. */
  readonly consecutiveFailures: number;
  /** When the terminal last changed endpoint (or started). */
  readonly switchedAtMs: number;
  /** Since when every home probe succeeded, or null (home in use, unprobed, or last probe failed). */
  readonly homeHealthySinceMs: number | null;
  /** When home was last probed, or null. */
  readonly lastProbeAtMs: number | null;
};

/** The outcome of one request (or probe) to an endpoint. */
export type EndpointResult = {
  readonly endpoint: string;
  readonly ok: boolean;
  readonly atMs: number;
};

/** Starts at home. */
export function initialFailoverState(endpoints: readonly string[], nowMs: number): FailoverState {
  if (endpoints.length === 0) throw new Error('A terminal needs at least one sync endpoint.');
  return {
    endpoints: [...endpoints],
    active: 0,
    consecutiveFailures: 0,
    switchedAtMs: nowMs,
    homeHealthySinceMs: null,
    lastProbeAtMs: null,
  };
}

/** The endpoint in use. */
export function activeEndpoint(state: FailoverState): string {
  return state.endpoints[state.active] ?? state.endpoints[0] ?? '';
}

/**
 * The next state after a request to `result.endpoint` ended. A result from an endpoint that is
 * neither in use nor home (a request that started before a switch) changes nothing: it says
 * nothing about where the terminal is now.
 */
export function recordEndpointResult(
  state: FailoverState,
  config: FailoverConfig,
  result: EndpointResult,
): FailoverState {
  const index = state.endpoints.indexOf(result.endpoint);
  if (index < 0) return state;
  let next = state;
  if (index === 0 && state.active !== 0) {
    // A probe of home (or a late answer from it): any failure restarts the hold.
    next = {
      ...next,
      lastProbeAtMs: result.atMs,
      homeHealthySinceMs: result.ok ? (next.homeHealthySinceMs ?? result.atMs) : null,
    };
  } else if (index === state.active) {
    if (result.ok) {
      next = { ...next, consecutiveFailures: 0 };
    } else {
      const failures = next.consecutiveFailures + 1;
      next =
        failures >= config.failuresToFailover && next.endpoints.length > 1
          ? moveTo(next, (next.active + 1) % next.endpoints.length, result.atMs)
          : { ...next, consecutiveFailures: failures };
    }
  }
  return maybeReturnHome(next, config, result.atMs);
}

/** Moves home once home has been healthy, and the terminal put, for the hold time. */
function maybeReturnHome(
  state: FailoverState,
  config: FailoverConfig,
  nowMs: number,
): FailoverState {
  if (state.active === 0 || state.homeHealthySinceMs === null) return state;
  const healthyFor = nowMs - state.homeHealthySinceMs;
  const stayedFor = nowMs - state.switchedAtMs;
  if (healthyFor < config.homeHoldMs || stayedFor < config.homeHoldMs) return state;
  return moveTo(state, 0, nowMs);
}

function moveTo(state: FailoverState, active: number, nowMs: number): FailoverState {
  return {
    ...state,
    active,
    consecutiveFailures: 0,
    switchedAtMs: nowMs,
    homeHealthySinceMs: null,
    lastProbeAtMs: null,
  };
}

/**
 * Re-evaluates at `nowMs` without a new result: a terminal whose probes all succeeded goes home
 * once the hold time has passed even if no request ended at that moment.
 */
export function tickFailover(
  state: FailoverState,
  config: FailoverConfig,
  nowMs: number,
): FailoverState {
  return maybeReturnHome(state, config, nowMs);
}

/** True when home should be probed now (the terminal is elsewhere and the interval has passed). */
export function homeProbeDue(state: FailoverState, config: FailoverConfig, nowMs: number): boolean {
  if (state.active === 0) return false;
  const since = state.lastProbeAtMs ?? state.switchedAtMs;
  return nowMs - since >= config.probeIntervalMs;
}

/**
 * How long to wait before the next request to the endpoint in use: 0 after a success, else an
 * exponential backoff capped at `backoffMaxMs` with "equal jitter" (half fixed, half random), so
 * a fleet that lost its server together does not retry together. `random` is in [0, 1).
 */
export function backoffDelayMs(
  state: FailoverState,
  config: FailoverConfig,
  random: number,
): number {
  if (state.consecutiveFailures === 0) return 0;
  const exponent = Math.min(state.consecutiveFailures - 1, 30);
  const ceiling = Math.min(config.backoffMaxMs, config.backoffBaseMs * 2 ** exponent);
  const jitter = Math.min(Math.max(random, 0), 1);
  return Math.round(ceiling / 2 + (ceiling / 2) * jitter);
}
