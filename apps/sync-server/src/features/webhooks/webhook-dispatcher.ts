import { randomUUID } from 'node:crypto';
import type { Clock } from '@kiryana/shared';
import { Agent, request } from 'undici';
import type { Db } from '../../db/db';
import {
  type ClaimedDelivery,
  claimDueDeliveries,
  type AttemptOutcome,
  recordAttempts,
  releaseClaims,
  selectNextDue,
} from './webhook-delivery.queries';
import { DEFAULT_RETRY_POLICY, type RetryPolicy, nextAttempt } from './webhook-retry';
import { signedHeaders } from './webhook-signing';
import { assertPublicTarget } from './webhook-target';

/**
 * Sends due webhook deliveries (docs/webhooks.md). Every server process runs one: claims are
 * leases taken with `FOR … SKIP LOCKED` (webhook-delivery.queries.ts), so dispatchers share the
 * work and never send the same claim twice; one that dies loses its claims when their lease runs
 * out. Per subscription at most `perSubscription` deliveries are in flight across all of them, and
 * a store's deliveries go one at a time in `storeSeq` order, so a receiver that fails, times out or
 * crawls gets paced retries, never a flood.
 */
export type DispatcherOptions = {
  /** Requests in flight per subscription (runs of different stores), across every dispatcher. */
  readonly perSubscription?: number;
  /** Deliveries of one store claimed together and sent one after the other. */
  readonly perRun?: number;
  /** Subscriptions served per claim. */
  readonly subscriptionsPerClaim?: number;
  /** Runs in flight in this process. */
  readonly maxInFlight?: number;
  /** An attempt without an answer by then failed. */
  readonly timeoutMs?: number;
  /**
   * How long a claim is ours (default: 20 timeouts and 30 s); then others may claim. A run stops
   * sending when another attempt might outlast the lease, and gives the rest back.
   */
  readonly leaseMs?: number;
  /** Idle wait between looks for due work (other processes' new deliveries, retries falling due). */
  readonly pollMs?: number;
  /** Shortest time between two claims of the loop (wakes in between are served together). */
  readonly claimIntervalMs?: number;
  readonly retry?: RetryPolicy;
  /** Refuse to send to private addresses (resolved at send time). */
  readonly refusePrivateTargets?: boolean;
  /** Start the loop (off in tests that drive `runOnce` with a simulated clock). */
  readonly loop?: boolean;
};

/** What the dispatcher needs. */
export type DispatcherDeps = {
  readonly db: Db;
  readonly clock: Clock;
  /** Jitter source (tests pass a seeded one). */
  readonly random?: () => number;
  readonly onError?: (error: unknown) => void;
};

/** A running dispatcher. */
export type WebhookDispatcher = {
  /** Look for due work now (new deliveries were recorded, a replay). */
  wake(): void;
  /** One claim; resolves when its runs finished. Returns how many attempts they made. */
  runOnce(): Promise<number>;
  /** When the earliest open delivery is due, if any. */
  nextDueAt(): Promise<number | undefined>;
  stop(): Promise<void>;
};

const DEFAULTS = {
  perSubscription: 4,
  perRun: 100,
  subscriptionsPerClaim: 32,
  maxInFlight: 128,
  timeoutMs: 10_000,
  pollMs: 1_000,
  claimIntervalMs: 0,
  refusePrivateTargets: false,
  loop: true,
};

/** A short text of what went wrong, for the delivery log. */
function errorText(error: unknown, timeoutMs: number): string {
  if (error instanceof Error) {
    if (error.name === 'TimeoutError' || error.name === 'AbortError') {
      return `timeout after ${String(timeoutMs)} ms`;
    }
    const cause = (error as { cause?: unknown }).cause;
    const code =
      cause && typeof cause === 'object' && 'code' in cause ? String(cause.code) : undefined;
    return (code ? `${error.message}: ${code}` : error.message).slice(0, 500);
  }
  return String(error).slice(0, 500);
}

/** Starts a dispatcher over `db`. */
export function startWebhookDispatcher(
  deps: DispatcherDeps,
  options: DispatcherOptions = {},
): WebhookDispatcher {
  const o = { ...DEFAULTS, ...options };
  const retry = options.retry ?? DEFAULT_RETRY_POLICY;
  const leaseMs = options.leaseMs ?? o.timeoutMs * 20 + 30_000;
  const random = deps.random ?? Math.random;
  const agent = new Agent({ keepAliveTimeout: 30_000, keepAliveMaxTimeout: 60_000 });
  // `woken` keeps a wake that came while the loop was busy claiming, so it is not lost. Read
  // through `isSet`: the loop must see what `wake()` and `stop()` write while it awaits.
  const state = { stopped: false, inFlight: 0, woken: false };
  const isSet = (flag: 'stopped' | 'woken') => state[flag];
  const running = new Set<Promise<number>>();
  let wakeUp: (() => void) | undefined;
  const wake = () => {
    state.woken = true;
    wakeUp?.();
  };

  /** One attempt of one delivery: its outcome, to record. */
  async function attempt(claim: ClaimedDelivery): Promise<AttemptOutcome> {
    const started = deps.clock.now();
    const startedReal = Date.now();
    const secrets = [claim.secret];
    if (
      claim.previous_secret &&
      claim.previous_secret_expires_at &&
      claim.previous_secret_expires_at.getTime() > started
    ) {
      secrets.push(claim.previous_secret);
    }
    let statusCode: number | null = null;
    let error: string | null = null;
    const signal = AbortSignal.timeout(o.timeoutMs);
    try {
      const url = new URL(claim.url);
      if (o.refusePrivateTargets) await assertPublicTarget(url);
      // undici's request on a keep-alive agent of this dispatcher: a fraction of fetch's cost per
      // call, and connections to a receiver are reused across runs. It follows no redirect (one
      // would send the event somewhere nobody subscribed): a 3xx counts as a failure.
      const response = await request(url, {
        dispatcher: agent,
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Kiryana-Webhooks/1',
          ...signedHeaders(secrets, claim.event_id, new Date(started), claim.payload),
        },
        body: claim.payload,
        signal,
      });
      statusCode = response.statusCode;
      // Drain (bounded by the timeout) so the connection can be reused.
      await response.body.dump().catch(() => undefined);
      if (statusCode < 200 || statusCode >= 300) error = `HTTP ${String(statusCode)}`;
    } catch (caught) {
      error = signal.aborted
        ? `timeout after ${String(o.timeoutMs)} ms`
        : errorText(caught, o.timeoutMs);
    }
    const nowMs = deps.clock.now();
    const firstMs = claim.first_attempt_at?.getTime() ?? started;
    const next =
      error === null
        ? undefined
        : nextAttempt(retry, { attempts: claim.attempts + 1, firstMs, nowMs, random });
    return {
      deliveryId: claim.id,
      startedIso: new Date(started).toISOString(),
      durationMs: Date.now() - startedReal,
      statusCode,
      error,
      status: next === undefined ? 'delivered' : next.dead ? 'dead' : 'failed',
      nextAttemptIso: next && !next.dead ? new Date(next.atMs).toISOString() : null,
      nowIso: new Date(nowMs).toISOString(),
    };
  }

  /**
   * Sends a run (one store's claimed deliveries) in order, one request at a time; at the first
   * failure the rest go back unsent, so nothing of the store overtakes the failed one. The run's
   * attempts are recorded together at its end (one commit); a dispatcher dying before that leaves
   * them claimed until the lease ends, and they are sent again (at least once). Returns how many
   * attempts it made.
   */
  async function sendRun(
    run: readonly ClaimedDelivery[],
    leaseToken: string,
    leaseEnds: number,
  ): Promise<number> {
    const outcomes: AttemptOutcome[] = [];
    for (const claim of run) {
      if (isSet('stopped')) break;
      // Never send on a lease that may run out meanwhile (another dispatcher could claim it).
      if (performance.now() + o.timeoutMs + 5_000 > leaseEnds) break;
      const outcome = await attempt(claim);
      outcomes.push(outcome);
      if (outcome.status !== 'delivered') break;
    }
    if (outcomes.length > 0) await recordAttempts(deps.db, leaseToken, outcomes);
    const rest = run.slice(outcomes.length).map((claim) => claim.id);
    if (rest.length > 0) await releaseClaims(deps.db, rest, leaseToken);
    return outcomes.length;
  }

  /** Claims what is due and starts sending its runs; they go on after this resolves. */
  async function claimAndStart(): Promise<Promise<number>[]> {
    const room = o.maxInFlight - state.inFlight;
    if (room <= 0) return [];
    const nowMs = deps.clock.now();
    const leaseEnds = performance.now() + leaseMs;
    const leaseToken = randomUUID();
    const claims = await claimDueDeliveries(deps.db, {
      nowIso: new Date(nowMs).toISOString(),
      subscriptions: Math.max(
        1,
        Math.min(o.subscriptionsPerClaim, Math.ceil(room / o.perSubscription)),
      ),
      perSubscription: o.perSubscription,
      perRun: o.perRun,
      leaseToken,
      leaseUntilIso: new Date(nowMs + leaseMs).toISOString(),
    });
    const runs = new Map<string, ClaimedDelivery[]>();
    for (const claim of claims) {
      const key = `${claim.subscription_id} ${claim.store_id}`;
      runs.set(key, [...(runs.get(key) ?? []), claim]);
    }
    return [...runs.values()].map((run) => {
      run.sort((a, b) => (BigInt(a.store_seq) < BigInt(b.store_seq) ? -1 : 1));
      state.inFlight += 1;
      const sending = sendRun(run, leaseToken, leaseEnds)
        .catch((error: unknown) => {
          deps.onError?.(error);
          return 0;
        })
        .finally(() => {
          state.inFlight -= 1;
          running.delete(sending);
          wake();
        });
      running.add(sending);
      return sending;
    });
  }

  const loop = async () => {
    let lastClaim = 0;
    while (!state.stopped) {
      // Every recorded event and every finished run wakes the loop; one claim per interval
      // serves them all, instead of a claim transaction per wake.
      const since = performance.now() - lastClaim;
      if (since < o.claimIntervalMs) {
        await new Promise((resolve) => setTimeout(resolve, o.claimIntervalMs - since));
      }
      lastClaim = performance.now();
      state.woken = false;
      let claimed = 0;
      try {
        claimed = (await claimAndStart()).length;
      } catch (error) {
        deps.onError?.(error);
      }
      if (claimed > 0 || isSet('stopped') || isSet('woken')) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, o.pollMs);
        wakeUp = () => {
          clearTimeout(timer);
          wakeUp = undefined;
          resolve();
        };
      });
    }
  };
  const looping = o.loop ? loop() : Promise.resolve();

  return {
    wake,
    async runOnce() {
      const attempts = await Promise.all(await claimAndStart());
      return attempts.reduce((sum, n) => sum + n, 0);
    },
    async nextDueAt() {
      return (await selectNextDue(deps.db))?.getTime();
    },
    async stop() {
      state.stopped = true;
      wake();
      await looping;
      await Promise.all([...running]);
      await agent.close();
    },
  };
}
