/**
 * SQL for writing outbox rows inside a writer's own statement, so each event commits with the
 * change it tells of (transactional outbox, docs/events.md).
 *
 * A statement's events take one block of the store's outbox numbers (`outbox_counter`, migration
 * 0500): the counter row's lock is held until the writer commits, so numbers become visible in
 * commit order and the relay, reading `seq > position`, never skips a late-committing row. One
 * block per statement, not one update per row: many updates of one counter row in one transaction
 * build a long version chain (docs/sync.md). A Postgres statement may update a row only once, so
 * all of a statement's event sources go through this one block.
 */

/**
 * The `WITH` items `evt_src`, `evt_block` and `evt` writing the rows of `sources` (SELECTs with the
 * columns `event_key`, `topic`, `payload`, `occurred_at`) as outbox rows of the store in
 * `storeParam`, numbered in source order, then key order. A key the store already holds is skipped
 * (a retry), leaving a gap in the numbers that the relay steps over.
 */
export function outboxInsertCtes(storeParam: string, sources: readonly string[]): string {
  const union = sources
    .map((sql, part) => `SELECT ${String(part)} AS part, s.* FROM (${sql}) AS s`)
    .join('\n       UNION ALL ');
  return `evt_src AS (
       ${union}
     ),
     evt_block AS (
       INSERT INTO outbox_counter AS c (store_id, last_seq)
       SELECT ${storeParam}::text, count(*) FROM evt_src
       ON CONFLICT (store_id) DO UPDATE SET last_seq = c.last_seq + EXCLUDED.last_seq
       RETURNING c.last_seq - (SELECT count(*) FROM evt_src) AS base
     ),
     evt AS (
       INSERT INTO outbox (store_id, seq, event_key, topic, payload, occurred_at)
       SELECT ${storeParam}::text, b.base + row_number() OVER (ORDER BY e.part, e.event_key),
              e.event_key, e.topic, e.payload, e.occurred_at
         FROM evt_src e CROSS JOIN evt_block b
       ON CONFLICT (store_id, event_key) DO NOTHING
     )`;
}
