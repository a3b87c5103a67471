import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type FailoverConfig,
  type FailoverState,
  activeEndpoint,
  backoffDelayMs,
  homeProbeDue,
  initialFailoverState,
  recordEndpointResult,
  tickFailover,
} from './endpoint-failover';

const configArb = fc.record({
  failuresToFailover: fc.integer({ min: 1, max: 6 }),
  backoffBaseMs: fc.integer({ min: 1, max: 2_000 }),
  backoffMaxMs: fc.integer({ min: 2_000, max: 60_000 }),
  homeHoldMs: fc.integer({ min: 1, max: 300_000 }),
  probeIntervalMs: fc.integer({ min: 100, max: 60_000 }),
});

const endpointsArb = fc.uniqueArray(fc.constantFrom('h', 'a', 'b', 'c', 'd'), {
  minLength: 1,
  maxLength: 4,
});

/** One step: time passes, then a result from an endpoint (possibly one not in the list) or a tick. */
type Step = { advanceMs: number; pick: number; ok: boolean; tick: boolean };
const stepArb = fc.record({
  advanceMs: fc.integer({ min: 0, max: 60_000 }),
  pick: fc.integer({ min: 0, max: 5 }),
  ok: fc.boolean(),
  tick: fc.boolean(),
});

/** Runs the steps; returns every state with the time it was reached. */
function run(
  endpoints: readonly string[],
  config: FailoverConfig,
  steps: readonly Step[],
): { state: FailoverState; atMs: number }[] {
  let now = 1_000_000;
  let state = initialFailoverState(endpoints, now);
  const trace = [{ state, atMs: now }];
  for (const step of steps) {
    now += step.advanceMs;
    state = step.tick
      ? tickFailover(state, config, now)
      : recordEndpointResult(state, config, {
          // Index 5 is never in the list: a stray answer from an endpoint the terminal dropped.
          endpoint: step.pick === 5 ? 'stray' : (endpoints[step.pick % endpoints.length] ?? 'h'),
          ok: step.ok,
          atMs: now,
        });
    trace.push({ state, atMs: now });
  }
  return trace;
}

describe('endpoint fail-over policy', () => {
  it('never picks an endpoint that is not in the list', () => {
    fc.assert(
      fc.property(
        endpointsArb,
        configArb,
        fc.array(stepArb, { maxLength: 80 }),
        (eps, c, steps) => {
          for (const { state } of run(eps, c, steps)) expect(eps).toContain(activeEndpoint(state));
        },
      ),
    );
  });

  it('goes back home only after home answered for the hold time and the terminal stayed put as long', () => {
    fc.assert(
      fc.property(
        endpointsArb,
        configArb,
        fc.array(stepArb, { maxLength: 80 }),
        (eps, c, steps) => {
          const trace = run(eps, c, steps);
          for (let i = 1; i < trace.length; i++) {
            const before = trace[i - 1]!;
            const after = trace[i]!;
            const failedRoundToHome =
              before.state.consecutiveFailures + 1 >= c.failuresToFailover &&
              (before.state.active + 1) % eps.length === 0;
            if (before.state.active !== 0 && after.state.active === 0 && !failedRoundToHome) {
              // Went home because home was healthy: never sooner than the hold time (no flapping).
              expect(after.atMs - before.state.switchedAtMs).toBeGreaterThanOrEqual(c.homeHoldMs);
              expect(before.state.homeHealthySinceMs).not.toBeNull();
              expect(after.atMs - (before.state.homeHealthySinceMs ?? 0)).toBeGreaterThanOrEqual(
                c.homeHoldMs,
              );
            }
            if (after.state.active !== before.state.active && after.state.active !== 0) {
              // Left an endpoint only after the configured number of failures in a row.
              expect(before.state.consecutiveFailures + 1).toBeGreaterThanOrEqual(
                c.failuresToFailover,
              );
            }
          }
        },
      ),
    );
  });

  it('always returns home once home stays healthy for the hold time', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.constantFrom('a', 'b', 'c'), { minLength: 1, maxLength: 3 }),
        configArb,
        fc.array(stepArb, { maxLength: 40 }),
        (others, c, steps) => {
          const eps = ['h', ...others];
          const trace = run(eps, c, steps);
          let { state, atMs: now } = trace.at(-1)!;
          // Force a fail-over if the random walk ended at home, so there is something to return from.
          while (state.active === 0) {
            now += 1;
            state = recordEndpointResult(state, c, { endpoint: 'h', ok: false, atMs: now });
          }
          // From here on home answers every probe and the endpoint in use keeps working.
          const deadline = now + c.homeHoldMs + c.probeIntervalMs;
          while (state.active !== 0) {
            expect(now).toBeLessThanOrEqual(deadline);
            now += Math.min(c.probeIntervalMs, c.homeHoldMs);
            if (homeProbeDue(state, c, now))
              state = recordEndpointResult(state, c, { endpoint: 'h', ok: true, atMs: now });
            state = recordEndpointResult(state, c, {
              endpoint: activeEndpoint(state),
              ok: true,
              atMs: now,
            });
          }
          expect(now).toBeLessThanOrEqual(deadline + c.homeHoldMs);
        },
      ),
    );
  });

  it('a failed home probe restarts the hold', () => {
    const c: FailoverConfig = {
      failuresToFailover: 1,
      backoffBaseMs: 1,
      backoffMaxMs: 10,
      homeHoldMs: 1_000,
      probeIntervalMs: 100,
    };
    let s = initialFailoverState(['h', 'a'], 0);
    s = recordEndpointResult(s, c, { endpoint: 'h', ok: false, atMs: 0 });
    expect(activeEndpoint(s)).toBe('a');
    s = recordEndpointResult(s, c, { endpoint: 'h', ok: true, atMs: 100 });
    s = recordEndpointResult(s, c, { endpoint: 'h', ok: false, atMs: 900 });
    s = recordEndpointResult(s, c, { endpoint: 'h', ok: true, atMs: 1_000 });
    s = tickFailover(s, c, 1_999);
    expect(activeEndpoint(s)).toBe('a');
    s = tickFailover(s, c, 2_000);
    expect(activeEndpoint(s)).toBe('h');
  });

  it('bounds the backoff, grows it with failures, and jitters it', () => {
    fc.assert(
      fc.property(
        configArb,
        fc.integer({ min: 1, max: 60 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (c, failures, random) => {
          const state = { ...initialFailoverState(['h'], 0), consecutiveFailures: failures };
          const ceiling = Math.min(c.backoffMaxMs, c.backoffBaseMs * 2 ** (failures - 1));
          const delay = backoffDelayMs(state, c, random);
          expect(delay).toBeGreaterThanOrEqual(Math.floor(ceiling / 2));
          expect(delay).toBeLessThanOrEqual(c.backoffMaxMs);
          expect(delay).toBeLessThanOrEqual(ceiling);
          // Jitter: the least and the most random give different waits once there is room.
          if (ceiling >= 4)
            expect(backoffDelayMs(state, c, 0)).toBeLessThan(backoffDelayMs(state, c, 0.999));
        },
      ),
    );
    // After a success there is no wait at all.
    fc.assert(
      fc.property(configArb, fc.double({ min: 0, max: 1, noNaN: true }), (c, random) => {
        expect(backoffDelayMs(initialFailoverState(['h'], 0), c, random)).toBe(0);
      }),
    );
  });
});
