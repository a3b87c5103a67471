import type { WebhookDeliveryStatus } from '@kiryana/shared';
import type { Db, Queryable } from '../../db/db';

/** The SQL of webhook deliveries and their attempts (migration 0520). */

/** What the fan-out needs of an event. */
export type FanOutEvent = {
  id: string;
  type: string;
  storeId: string;
  regionId: string;
  storeSeq: string;
  /** The JSON body every attempt sends. */
  payload: string;
};

/**
 * Records a delivery of each event for every subscription (active or paused) that wants its type
 * and store within its owner's scope: a batch of events in one statement, so the fan-out commits
 * once per batch instead of once per event. Idempotent: an event fanned out again (in this batch
 * or a later one) adds nothing. Returns how many deliveries it added.
 */
export async function insertDeliveriesFor(
  q: Queryable,
  events: readonly FanOutEvent[],
  nowIso: string,
): Promise<number> {
  if (events.length === 0) return 0;
  const { rowCount } = await q.query(
    `INSERT INTO webhook_deliveries (subscription_id, event_id, event_type, store_id, store_seq,
       payload, status, next_attempt_at, created_at)
     SELECT s.id, e.id, e.type, e.store_id, e.store_seq, e.payload, 'pending', $7, $7
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::bigint[], $5::text[], $6::text[])
              AS e(id, type, store_id, store_seq, payload, region_id)
       JOIN webhook_subscriptions s
         ON s.status <> 'disabled'
        AND e.type = ANY (s.event_types)
        AND (s.store_ids IS NULL OR e.store_id = ANY (s.store_ids))
        AND (s.scope_all OR e.store_id = ANY (s.scope_store_ids)
             OR e.region_id = ANY (s.scope_region_ids))
     ON CONFLICT (subscription_id, event_id) DO NOTHING`,
    [
      events.map((e) => e.id),
      events.map((e) => e.type),
      events.map((e) => e.storeId),
      events.map((e) => e.storeSeq),
      events.map((e) => e.payload),
      events.map((e) => e.regionId),
      nowIso,
    ],
  );
  return rowCount;
}

/** The event types some subscription (active or paused) wants. */
export async function selectSubscribedTypes(q: Queryable): Promise<string[]> {
  const { rows } = await q.query<{ type: string }>(
    `SELECT DISTINCT unnest(event_types) AS type FROM webhook_subscriptions
      WHERE status <> 'disabled'`,
  );
  return rows.map((row) => row.type);
}

/** A delivery row of the log. */
export type DeliveryRow = {
  id: string;
  event_id: string;
  event_type: string;
  store_id: string;
  store_seq: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  last_status_code: number | null;
  last_error: string | null;
  next_attempt_at: Date | null;
  created_at: Date;
  delivered_at: Date | null;
};

/** A page of a subscription's deliveries, newest first, after the cursor (a delivery id). */
export async function selectDeliveries(
  q: Queryable,
  subscriptionId: string,
  filter: {
    status?: WebhookDeliveryStatus | undefined;
    cursor?: string | undefined;
    limit: number;
  },
): Promise<DeliveryRow[]> {
  const { rows } = await q.query<DeliveryRow>(
    `SELECT id::text AS id, event_id::text AS event_id, event_type, store_id,
            store_seq::text AS store_seq, status, attempts, last_status_code, last_error,
            next_attempt_at, created_at, delivered_at
       FROM webhook_deliveries
      WHERE subscription_id = $1
        AND ($2::text IS NULL OR status = $2)
        AND ($3::bigint IS NULL OR id < $3)
      ORDER BY id DESC
      LIMIT $4`,
    [subscriptionId, filter.status ?? null, filter.cursor ?? null, filter.limit],
  );
  return rows;
}

// A replayed delivery starts over: due now, a fresh retry window, no claim.
const REPLAY_SET = `status = 'pending', next_attempt_at = $NOW, first_attempt_at = NULL,
  lease_token = NULL, lease_until = NULL, delivered_at = NULL`;

/** Sends one of the owner's deliveries again, whatever its state; false when there is none. */
export async function replayDelivery(
  q: Queryable,
  ownerId: string,
  deliveryId: string,
  nowIso: string,
): Promise<boolean> {
  const { rowCount } = await q.query(
    `UPDATE webhook_deliveries d SET ${REPLAY_SET.replace('$NOW', '$3')}
       FROM webhook_subscriptions s
      WHERE d.id = $1 AND s.id = d.subscription_id AND s.owner_id = $2`,
    [deliveryId, ownerId, nowIso],
  );
  return rowCount > 0;
}

/**
 * Sends a subscription's deliveries again: those in `status` (every settled one, delivered or
 * dead, and failed ones, when omitted) created in [from, to). Returns how many.
 */
export async function replayDeliveries(
  q: Queryable,
  subscriptionId: string,
  filter: { status?: string | undefined; from?: string | undefined; to?: string | undefined },
  nowIso: string,
): Promise<number> {
  const { rowCount } = await q.query(
    `UPDATE webhook_deliveries SET ${REPLAY_SET.replace('$NOW', '$5')}
      WHERE subscription_id = $1
        AND (CASE WHEN $2::text IS NULL THEN status IN ('delivered', 'dead', 'failed')
                  ELSE status = $2 END)
        AND ($3::timestamptz IS NULL OR created_at >= $3)
        AND ($4::timestamptz IS NULL OR created_at < $4)`,
    [subscriptionId, filter.status ?? null, filter.from ?? null, filter.to ?? null, nowIso],
  );
  return rowCount;
}

/** A delivery claimed for one attempt, with what signing and sending it needs. */
export type ClaimedDelivery = {
  id: string;
  subscription_id: string;
  store_id: string;
  store_seq: string;
  event_id: string;
  payload: string;
  attempts: number;
  first_attempt_at: Date | null;
  url: string;
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: Date | null;
};

/**
 * Claims due deliveries, in one statement, as runs: per store, its first open delivery (pending
 * or failed, lowest `store_seq`) when it is due, followed by the store's next open deliveries up
 * to `perRun` for as long as they are due. The dispatcher sends a run in order, one request at a
 * time, and stops at the first failure; so a store's events go out in order, and one claim serves
 * many deliveries of a busy store.
 * - Only subscriptions no other dispatcher is claiming for (`FOR NO KEY UPDATE SKIP LOCKED` on
 *   the subscription row, which leaves the fan-out's foreign-key locks alone). The rows are
 *   locked by a first statement and counted by a second, whose snapshot is taken after the lock
 *   was granted: it sees every claim committed by the claimer that held the lock before.
 * - Per subscription at most `perSubscription` runs in flight (stores holding an unexpired
 *   claim), so at most that many requests are open to its receiver at once.
 * - A claim is a lease: `lease_token` marks whose result may be recorded, and a dispatcher that
 *   died loses its claims when `lease_until` passes. Dead deliveries step aside.
 */
export async function claimDueDeliveries(
  db: Db,
  input: {
    nowIso: string;
    subscriptions: number;
    perSubscription: number;
    perRun: number;
    leaseToken: string;
    leaseUntilIso: string;
  },
): Promise<ClaimedDelivery[]> {
  return db.transaction(async (tx) => {
    const locked = await tx.query<{ id: string }>(
      `SELECT s.id::text AS id
         FROM webhook_subscriptions s
        WHERE s.status = 'active'
          AND EXISTS (SELECT 1 FROM webhook_deliveries d
                       WHERE d.subscription_id = s.id AND d.status IN ('pending', 'failed')
                         AND d.next_attempt_at <= $1
                         AND (d.lease_until IS NULL OR d.lease_until <= $1))
        ORDER BY s.id
        LIMIT $2
        FOR NO KEY UPDATE OF s SKIP LOCKED`,
      [input.nowIso, input.subscriptions],
    );
    const claimed: ClaimedDelivery[] = [];
    for (const { id } of locked.rows) {
      const { rows } = await tx.query<ClaimedDelivery>(CLAIM_RUNS_SQL, [
        input.nowIso,
        id,
        input.perSubscription,
        input.perRun,
        input.leaseToken,
        input.leaseUntilIso,
      ]);
      claimed.push(...rows);
    }
    return claimed;
  });
}

/**
 * The runs of one subscription ($2). Its stores with open deliveries are found by a skip scan of
 * the open-deliveries index (one probe per store, however long the backlog), each store's head
 * is its open delivery of lowest `store_seq`; a run in flight holds its head's lease, so leased
 * heads count what is in flight.
 */
const CLAIM_RUNS_SQL = `
  WITH RECURSIVE stores (store_id) AS (
    (SELECT d.store_id FROM webhook_deliveries d
      WHERE d.subscription_id = $2 AND d.status IN ('pending', 'failed')
      ORDER BY d.store_id LIMIT 1)
    UNION ALL
    SELECT (SELECT d.store_id FROM webhook_deliveries d
             WHERE d.subscription_id = $2 AND d.status IN ('pending', 'failed')
               AND d.store_id > stores.store_id
             ORDER BY d.store_id LIMIT 1)
      FROM stores WHERE stores.store_id IS NOT NULL
  ), heads AS (
    SELECT h.id, h.store_id, h.next_attempt_at, h.lease_until
      FROM stores st
     CROSS JOIN LATERAL (
       SELECT d.id, d.store_id, d.next_attempt_at, d.lease_until
         FROM webhook_deliveries d
        WHERE d.subscription_id = $2 AND d.store_id = st.store_id
          AND d.status IN ('pending', 'failed')
        ORDER BY d.store_seq LIMIT 1) h
     WHERE st.store_id IS NOT NULL
  ), chosen AS (
    SELECT store_id FROM heads
     WHERE next_attempt_at <= $1 AND (lease_until IS NULL OR lease_until <= $1)
     ORDER BY next_attempt_at, id
     LIMIT greatest(0, $3 - (SELECT count(*) FROM heads WHERE lease_until > $1))
  ), picked AS (
    SELECT r.id
      FROM chosen c
     CROSS JOIN LATERAL (
       SELECT x.id
         FROM (SELECT d.id,
                      bool_and(d.next_attempt_at <= $1
                               AND (d.lease_until IS NULL OR d.lease_until <= $1))
                        OVER (ORDER BY d.store_seq) AS ready
                 FROM webhook_deliveries d
                WHERE d.subscription_id = $2 AND d.store_id = c.store_id
                  AND d.status IN ('pending', 'failed')
                ORDER BY d.store_seq
                LIMIT $4) x
        WHERE x.ready) r
  )
  UPDATE webhook_deliveries d
     SET lease_token = $5, lease_until = $6
    FROM picked, webhook_subscriptions s
   WHERE d.id = picked.id AND s.id = d.subscription_id
   RETURNING d.id::text AS id, d.subscription_id::text AS subscription_id, d.store_id,
             d.store_seq::text AS store_seq, d.event_id::text AS event_id, d.payload,
             d.attempts, d.first_attempt_at, s.url, s.secret, s.previous_secret,
             s.previous_secret_expires_at`;

/** Gives back claims a run did not get to send (it stopped at a failure, or is stopping). */
export async function releaseClaims(
  q: Queryable,
  ids: readonly string[],
  leaseToken: string,
): Promise<void> {
  await q.query(
    `UPDATE webhook_deliveries SET lease_token = NULL, lease_until = NULL
      WHERE id = ANY ($1::bigint[]) AND lease_token = $2`,
    [ids, leaseToken],
  );
}

/** The outcome of one attempt. */
export type AttemptOutcome = {
  deliveryId: string;
  startedIso: string;
  durationMs: number;
  statusCode: number | null;
  error: string | null;
  /** delivered, failed (retry at `nextAttemptIso`) or dead. */
  status: 'delivered' | 'failed' | 'dead';
  nextAttemptIso: string | null;
  nowIso: string;
};

/**
 * Records attempts (a run's, in one statement and one commit) on their deliveries and in the
 * attempt log, where the claim is still ours: a replay in between took it back, and then the
 * replay's attempt counts, not this one. Returns how many it recorded.
 */
export async function recordAttempts(
  q: Queryable,
  leaseToken: string,
  outcomes: readonly AttemptOutcome[],
): Promise<number> {
  const { rowCount } = await q.query(
    `WITH o AS (
       SELECT * FROM unnest($2::bigint[], $3::text[], $4::timestamptz[], $5::timestamptz[],
                            $6::int[], $7::text[], $8::int[], $9::timestamptz[])
                  AS o(id, status, started_at, next_at, status_code, error, duration_ms, now_at)
     ), updated AS (
       UPDATE webhook_deliveries d
          SET status = o.status, attempts = d.attempts + 1,
              first_attempt_at = coalesce(d.first_attempt_at, o.started_at),
              next_attempt_at = o.next_at, last_status_code = o.status_code, last_error = o.error,
              delivered_at = CASE WHEN o.status = 'delivered' THEN o.now_at END,
              lease_token = NULL, lease_until = NULL
         FROM o
        WHERE d.id = o.id AND d.lease_token = $1
        RETURNING d.id, d.attempts, o.started_at, o.duration_ms, o.status_code, o.error
     )
     INSERT INTO webhook_attempts (delivery_id, attempt, started_at, duration_ms, status_code, error)
     SELECT id, attempts, started_at, duration_ms, status_code, error FROM updated`,
    [
      leaseToken,
      outcomes.map((o) => o.deliveryId),
      outcomes.map((o) => o.status),
      outcomes.map((o) => o.startedIso),
      outcomes.map((o) => o.nextAttemptIso),
      outcomes.map((o) => o.statusCode),
      outcomes.map((o) => o.error),
      outcomes.map((o) => o.durationMs),
      outcomes.map((o) => o.nowIso),
    ],
  );
  return rowCount;
}

/**
 * When the next attempt of an active subscription may be claimed: the earliest due time (or lease
 * end) among each store's first open delivery (tests driving a simulated clock).
 */
export async function selectNextDue(q: Queryable): Promise<Date | undefined> {
  const { rows } = await q.query<{ due: Date | null }>(
    `SELECT min(greatest(d.next_attempt_at, d.lease_until)) AS due
       FROM webhook_deliveries d
       JOIN webhook_subscriptions s ON s.id = d.subscription_id AND s.status = 'active'
      WHERE d.status IN ('pending', 'failed')
        AND NOT EXISTS (SELECT 1 FROM webhook_deliveries e
                         WHERE e.subscription_id = d.subscription_id
                           AND e.store_id = d.store_id AND e.store_seq < d.store_seq
                           AND e.status IN ('pending', 'failed'))`,
  );
  return rows[0]?.due ?? undefined;
}
