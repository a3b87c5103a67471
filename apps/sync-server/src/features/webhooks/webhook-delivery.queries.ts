import type { WebhookDeliveryStatus } from '@kiryana/shared';
import type { Queryable } from '../../db/db';

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
 * Records a delivery of the event for every subscription (active or paused) that wants its type
 * and store within its owner's scope. Idempotent: an event fanned out again adds nothing.
 * Returns how many deliveries it added.
 */
export async function insertDeliveriesFor(
  q: Queryable,
  event: FanOutEvent,
  nowIso: string,
): Promise<number> {
  const { rowCount } = await q.query(
    `INSERT INTO webhook_deliveries (subscription_id, event_id, event_type, store_id, store_seq,
       payload, status, next_attempt_at, created_at)
     SELECT s.id, $1, $2, $3, $4, $5, 'pending', $7, $7
       FROM webhook_subscriptions s
      WHERE s.status <> 'disabled'
        AND $2 = ANY (s.event_types)
        AND (s.store_ids IS NULL OR $3 = ANY (s.store_ids))
        AND (s.scope_all OR $3 = ANY (s.scope_store_ids) OR $6 = ANY (s.scope_region_ids))
     ON CONFLICT (subscription_id, event_id) DO NOTHING`,
    [event.id, event.type, event.storeId, event.storeSeq, event.payload, event.regionId, nowIso],
  );
  return rowCount;
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
 * Claims due deliveries for one attempt each, in one statement:
 * - only subscriptions no other dispatcher is claiming for (`FOR NO KEY UPDATE SKIP LOCKED` on the
 *   subscription row, which leaves the fan-out's foreign-key locks alone), so the in-flight count
 *   read below cannot race another claimer;
 * - per subscription at most `perSubscription` in flight (claims whose lease has not expired);
 * - per store, only the earliest open delivery (pending or failed, lowest `store_seq`) and only
 *   when it is due: a store's events go out one at a time in order; dead ones step aside.
 * A claim is a lease: `lease_token` marks whose result may be recorded, and a dispatcher that died
 * loses its claims when `lease_until` passes.
 */
export async function claimDueDeliveries(
  q: Queryable,
  input: {
    nowIso: string;
    subscriptions: number;
    perSubscription: number;
    leaseToken: string;
    leaseUntilIso: string;
  },
): Promise<ClaimedDelivery[]> {
  const { rows } = await q.query<ClaimedDelivery>(
    `WITH subs AS (
       SELECT s.id, s.url, s.secret, s.previous_secret, s.previous_secret_expires_at
         FROM webhook_subscriptions s
        WHERE s.status = 'active'
          AND EXISTS (SELECT 1 FROM webhook_deliveries d
                       WHERE d.subscription_id = s.id AND d.status IN ('pending', 'failed')
                         AND d.next_attempt_at <= $1
                         AND (d.lease_until IS NULL OR d.lease_until <= $1))
        ORDER BY s.id
        LIMIT $2
        FOR NO KEY UPDATE OF s SKIP LOCKED
     ), picked AS (
       SELECT p.id
         FROM subs s
        CROSS JOIN LATERAL (
          SELECT d.id
            FROM webhook_deliveries d
           WHERE d.subscription_id = s.id AND d.status IN ('pending', 'failed')
             AND d.next_attempt_at <= $1
             AND (d.lease_until IS NULL OR d.lease_until <= $1)
             AND NOT EXISTS (SELECT 1 FROM webhook_deliveries e
                              WHERE e.subscription_id = d.subscription_id
                                AND e.store_id = d.store_id AND e.store_seq < d.store_seq
                                AND e.status IN ('pending', 'failed'))
           ORDER BY d.next_attempt_at, d.id
           LIMIT greatest(0, $3 - (SELECT count(*) FROM webhook_deliveries f
                                    WHERE f.subscription_id = s.id
                                      AND f.status IN ('pending', 'failed')
                                      AND f.lease_until > $1))
        ) p
     )
     UPDATE webhook_deliveries d
        SET lease_token = $4, lease_until = $5
       FROM picked, subs s
      WHERE d.id = picked.id AND s.id = d.subscription_id
      RETURNING d.id::text AS id, d.subscription_id::text AS subscription_id,
                d.event_id::text AS event_id, d.payload, d.attempts, d.first_attempt_at,
                s.url, s.secret, s.previous_secret, s.previous_secret_expires_at`,
    [
      input.nowIso,
      input.subscriptions,
      input.perSubscription,
      input.leaseToken,
      input.leaseUntilIso,
    ],
  );
  return rows;
}

/** The outcome of one attempt. */
export type AttemptOutcome = {
  deliveryId: string;
  leaseToken: string;
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
 * Records an attempt on the delivery and in the attempt log, if the claim is still ours (a replay
 * in between took it back: then the replay's attempt counts, not this one).
 */
export async function recordAttempt(q: Queryable, outcome: AttemptOutcome): Promise<boolean> {
  const { rowCount } = await q.query(
    `WITH updated AS (
       UPDATE webhook_deliveries
          SET status = $3, attempts = attempts + 1,
              first_attempt_at = coalesce(first_attempt_at, $4),
              next_attempt_at = $5, last_status_code = $6, last_error = $7,
              delivered_at = CASE WHEN $3 = 'delivered' THEN $8::timestamptz END,
              lease_token = NULL, lease_until = NULL
        WHERE id = $1 AND lease_token = $2
        RETURNING id, attempts
     )
     INSERT INTO webhook_attempts (delivery_id, attempt, started_at, duration_ms, status_code, error)
     SELECT id, attempts, $4, $9, $6, $7 FROM updated`,
    [
      outcome.deliveryId,
      outcome.leaseToken,
      outcome.status,
      outcome.startedIso,
      outcome.nextAttemptIso,
      outcome.statusCode,
      outcome.error,
      outcome.nowIso,
      outcome.durationMs,
    ],
  );
  return rowCount > 0;
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
