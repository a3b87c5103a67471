import type { Queryable } from '../../db/db';

/**
 * Token buckets in the database, so every server process draws from the same bucket: a client
 * cannot multiply its attempts by the number of processes behind the load balancer. One UPSERT per
 * attempt; the cost is a write on sign-in and token requests only, which are rare next to sync. A
 * per-process bucket would be cheaper but each process would allow the full rate (docs/security.md).
 */
export type BucketPolicy = {
  /** Attempts allowed in a burst. */
  readonly capacity: number;
  /** Milliseconds to regain one attempt. */
  readonly refillMs: number;
};

/** Five attempts per account and address, then one every 12 s (about five a minute). */
export const SIGN_IN_POLICY: BucketPolicy = { capacity: 5, refillMs: 12_000 };

/** Token endpoint: 60 requests per address in a burst, then ten a second. */
export const TOKEN_POLICY: BucketPolicy = { capacity: 60, refillMs: 100 };

/**
 * Takes one token from the bucket `key`. Returns 0 when allowed, else the milliseconds until the
 * next token. Tokens are kept in thousandths so refill needs no fractions.
 */
export async function takeToken(
  q: Queryable,
  key: string,
  policy: BucketPolicy,
  nowMs: number,
): Promise<number> {
  const full = policy.capacity * 1000;
  const { rows } = await q.query<{ milli_tokens: number }>(
    `INSERT INTO rate_limits AS r (key, milli_tokens, updated_ms) VALUES ($1, $2 - 1000, $4)
     ON CONFLICT (key) DO UPDATE SET
       milli_tokens = GREATEST(LEAST($2, r.milli_tokens + GREATEST($4 - r.updated_ms, 0) * 1000 / $3) - 1000, -$2),
       updated_ms = $4
     RETURNING milli_tokens`,
    [key, full, policy.refillMs, nowMs],
  );
  const left = rows[0]?.milli_tokens ?? 0;
  if (left >= 0) return 0;
  // Refused attempts still cost a token (down to one bucket's worth of debt), so hammering keeps
  // the caller waiting without locking it out for ever.
  return Math.ceil((-left * policy.refillMs) / 1000);
}
