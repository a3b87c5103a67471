/**
 * When a failed delivery is tried again: exponential backoff with full jitter (a random wait
 * between a floor and min(cap, base·2^n)), so receivers that failed together do not get their
 * retries together, for up to a retry window from the first attempt; after that it is dead.
 */
export type RetryPolicy = {
  readonly baseMs: number;
  readonly capMs: number;
  /** Shortest wait, so a jitter near zero never turns into a tight loop. */
  readonly floorMs: number;
  /** How long after the first attempt a delivery keeps being retried. */
  readonly windowMs: number;
};

/** 5 s · 2^n, at most an hour, for 3 days. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  baseMs: 5_000,
  capMs: 3_600_000,
  floorMs: 1_000,
  windowMs: 3 * 86_400_000,
};

/**
 * After the `attempts`-th failed attempt (1 for the first) at `nowMs` of a delivery first tried at
 * `firstMs`: when to try next, or `dead` when that would fall beyond the window.
 */
export function nextAttempt(
  policy: RetryPolicy,
  input: { attempts: number; firstMs: number; nowMs: number; random: () => number },
): { dead: true } | { dead: false; atMs: number } {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(input.attempts - 1, 30));
  const waitMs = Math.max(policy.floorMs, Math.floor(input.random() * ceiling));
  const atMs = input.nowMs + waitMs;
  if (atMs - input.firstMs > policy.windowMs) return { dead: true };
  return { dead: false, atMs };
}
