import type { Queryable } from '../../db/db';

/**
 * Pruning the outbox (docs/events.md, "Operations"). A row may go once it is published (at or
 * below its stream's relay position) and older than the retention; rows the relay has not
 * published stay whatever their age. Each stream's oldest rows are looked at first, a bounded
 * number per stream, so a prune never scans a stream's whole published history: rows are numbered
 * in commit order, so the first young row a stream shows means the rest are young too.
 */

/** Deletes up to `limit` published rows written before `before`; answers how many. */
export async function pruneOutbox(
  q: Queryable,
  options: { readonly before: Date; readonly limit: number },
): Promise<number> {
  const { rowCount } = await q.query(
    `WITH doomed AS (
       SELECT o.store_id, o.id
         FROM outbox_relay_position p
        CROSS JOIN LATERAL (
          SELECT o.store_id, o.id, o.created_at FROM outbox o
           WHERE o.store_id = p.store_id AND o.seq <= p.seq
           ORDER BY o.seq LIMIT $2
        ) o
        WHERE o.created_at < $1::timestamptz
        LIMIT $2
     )
     DELETE FROM outbox o USING doomed d WHERE o.store_id = d.store_id AND o.id = d.id`,
    [options.before.toISOString(), options.limit],
  );
  return rowCount;
}
