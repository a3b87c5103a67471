import type { Queryable } from '../../db/db';

/**
 * The SQL of the retention job (retention-job.ts): bounded deletes of webhook deliveries in a final
 * state and of old notifications. Every statement deletes at most `limit` rows and reads about as
 * many through an index, so a long backlog is worked off in many short statements, none of which
 * holds many row locks or scans a whole table.
 */

/** What one batch of webhook deliveries did. */
export type DeliveryBatch = {
  /** Deliveries deleted (their attempts went with them, ON DELETE CASCADE). */
  readonly deleted: number;
  /** The highest id looked at: the next batch starts after it. */
  readonly lastId: string;
  /** Whether the end is reached: a young delivery was seen, or the table ran out. */
  readonly done: boolean;
};

/**
 * Deletes the `delivered` and `dead` deliveries among the next `limit` deliveries after `afterId`
 * (id order) that ended before `before`; pending and failed ones stay whatever their age, as the
 * dispatcher still owes them. A delivered one ended at `delivered_at`; a dead one within 3 days
 * of its (last) retry window's first attempt, `first_attempt_at`, so a dead letter replayed
 * late is kept for the retention after its replay, not deleted the moment it dies again. Ids follow creation
 * order, so the first delivery created after `before` ends the walk: everything after it is
 * young too (a few seconds of disorder between concurrent fan-outs only defer a row to the next
 * run). The walk goes by the primary key, so it reads what it deletes plus the old rows that must
 * stay (open deliveries of a paused subscription), never the young bulk of the table.
 */
export async function pruneWebhookDeliveries(
  q: Queryable,
  options: { readonly before: Date; readonly limit: number; readonly afterId: string },
): Promise<DeliveryBatch> {
  const { rows } = await q.query<{ deleted: number; last_id: string | null; young: boolean }>(
    `WITH scanned AS (
       SELECT id, created_at FROM webhook_deliveries
        WHERE id > $3::bigint ORDER BY id LIMIT $2
     ), gone AS (
       -- The row's own columns, not the scan's: a replay committed meanwhile makes it pending,
       -- and Postgres re-checks these against the version it locks.
       DELETE FROM webhook_deliveries d USING scanned s
        WHERE d.id = s.id AND d.status IN ('delivered', 'dead')
          AND coalesce(d.delivered_at, d.first_attempt_at, d.created_at) < $1::timestamptz
       RETURNING d.id
     )
     SELECT (SELECT count(*) FROM gone)::int AS deleted,
            (SELECT max(id) FROM scanned)::text AS last_id,
            (SELECT count(*) FROM scanned) < $2
              OR EXISTS (SELECT 1 FROM scanned WHERE created_at >= $1::timestamptz) AS young`,
    [options.before.toISOString(), options.limit, options.afterId],
  );
  const row = rows[0];
  return {
    deleted: row?.deleted ?? 0,
    lastId: row?.last_id ?? options.afterId,
    done: row?.young ?? true,
  };
}

/**
 * Deletes up to `limit` notifications that occurred before `before`, read or not. The stores that
 * have notifications are found by skipping through the (store_id, occurred_at) index one store at
 * a time, and each store's oldest rows are read from the same index, so a prune with nothing due
 * costs one index probe per store instead of a scan of every notification. The rows go by their
 * physical address (a TID scan): joined back by key, the planner hashed the whole table once per
 * batch (81 ms against 22 ms a batch of 5,000 at 300,000 rows, docs/operations.md). A row changed
 * meanwhile (marked read) has moved, so its stale address matches nothing and it waits for the
 * next batch; nothing but the rows chosen is ever deleted. Answers how many went.
 */
export async function pruneNotifications(
  q: Queryable,
  options: { readonly before: Date; readonly limit: number },
): Promise<number> {
  const { rowCount } = await q.query(
    `WITH RECURSIVE stores AS (
       (SELECT store_id FROM notifications ORDER BY store_id LIMIT 1)
       UNION ALL
       SELECT (SELECT n.store_id FROM notifications n
                WHERE n.store_id > s.store_id ORDER BY n.store_id LIMIT 1)
         FROM stores s WHERE s.store_id IS NOT NULL
     ), doomed AS (
       SELECT o.ctid
         FROM stores s
        CROSS JOIN LATERAL (
          SELECT n.ctid FROM notifications n
           WHERE n.store_id = s.store_id AND n.occurred_at < $1::timestamptz
           ORDER BY n.occurred_at LIMIT $2
        ) o
        WHERE s.store_id IS NOT NULL
        LIMIT $2
     )
     DELETE FROM notifications WHERE ctid = ANY (ARRAY(SELECT ctid FROM doomed))`,
    [options.before.toISOString(), options.limit],
  );
  return rowCount;
}
