import { CHAIN_STREAM_ID } from '@kiryana/shared';
import type { Queryable } from '../../db/db';
import { EVENT_HASH_SQL, eventIdOfHash } from './event-id';

/**
 * The relay's reads and writes of the outbox (migration 0500). A store's rows are read after the
 * relay's position for that store, in seq order; seq follows commit order, so reading
 * `seq > position` never skips a row that commits late.
 */

/** An outbox row as the relay publishes it. */
export type OutboxRow = {
  readonly storeId: string;
  readonly regionId: string;
  readonly seq: string;
  readonly eventKey: string;
  /** The event's stable id (event-id.ts). */
  readonly eventId: string;
  readonly topic: string;
  readonly version: number;
  readonly payload: unknown;
  /** ISO 8601 UTC with milliseconds. */
  readonly occurredAt: string;
};

/** One store's pending rows and how far the relay may move once they are published. */
export type PendingStore = {
  readonly storeId: string;
  readonly rows: OutboxRow[];
  /**
   * The position after publishing `rows`: their last seq, or the store's counter when the batch
   * holds every row up to it (so numbers skipped by a retry's `ON CONFLICT` are stepped over).
   */
  readonly nextPosition: string;
};

type Row = {
  store_id: string;
  region_id: string | null;
  last_seq: string;
  seq: string | null;
  event_key: string | null;
  event_hash: string | null;
  topic: string | null;
  version: number | null;
  payload: unknown;
  occurred_at: string | null;
  /** The region of a chain-stream row that concerns one region (migration 0510). */
  row_region_id: string | null;
};

/**
 * Reads up to `perStore` rows of each of up to `stores` stores with unpublished rows, least
 * recently published store first. One statement, so the counters and rows come from one snapshot:
 * a counter at N there means every row numbered up to N is committed and visible in it.
 */
export async function readPendingOutbox(
  q: Queryable,
  limits: { readonly stores: number; readonly perStore: number },
): Promise<PendingStore[]> {
  const { rows } = await q.query<Row>(
    `WITH pending AS (
       SELECT c.store_id, coalesce(p.seq, 0) AS after_seq, c.last_seq
         FROM outbox_counter c LEFT JOIN outbox_relay_position p ON p.store_id = c.store_id
        WHERE c.last_seq > coalesce(p.seq, 0)
        ORDER BY p.updated_at NULLS FIRST, c.store_id
        LIMIT $1
     )
     SELECT pending.store_id, s.region_id, pending.last_seq::text AS last_seq, o.seq::text AS seq,
            o.event_key, o.event_hash, o.topic, o.version, o.payload, o.region_id AS row_region_id,
            to_char(o.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS occurred_at
       FROM pending
       LEFT JOIN stores s ON s.id = pending.store_id
       LEFT JOIN LATERAL (
         SELECT o.seq, o.event_key, ${EVENT_HASH_SQL} AS event_hash, o.topic, o.version, o.payload,
                o.occurred_at, o.region_id
           FROM outbox o
          WHERE o.store_id = pending.store_id AND o.seq > pending.after_seq
          ORDER BY o.seq LIMIT $2
       ) o ON true`,
    [limits.stores, limits.perStore],
  );
  const byStore = new Map<string, { rows: OutboxRow[]; lastSeq: string }>();
  for (const row of rows) {
    let store = byStore.get(row.store_id);
    if (!store) {
      store = { rows: [], lastSeq: row.last_seq };
      byStore.set(row.store_id, store);
    }
    if (
      row.seq === null ||
      row.event_key === null ||
      row.event_hash === null ||
      row.topic === null
    ) {
      continue;
    }
    store.rows.push({
      storeId: row.store_id,
      regionId: regionOf(row),
      seq: row.seq,
      eventKey: row.event_key,
      eventId: eventIdOfHash(row.event_hash),
      topic: row.topic,
      version: row.version ?? 1,
      payload: row.payload,
      occurredAt: row.occurred_at ?? '',
    });
  }
  // The statement leaves its answer (up to stores × perStore rows) unsorted: each store's rows
  // are put in seq order here, which is cheaper than a sort of the whole answer in the database.
  for (const store of byStore.values()) store.rows.sort((a, b) => compareSeqText(a.seq, b.seq));
  return [...byStore].map(([storeId, { rows: storeRows, lastSeq }]) => ({
    storeId,
    rows: storeRows,
    nextPosition: storeRows.length < limits.perStore ? lastSeq : (storeRows.at(-1)?.seq ?? lastSeq),
  }));
}

/** Records that every row of each store up to its `seq` is on the bus. Never moves backwards. */
export async function advanceOutboxPositions(
  q: Queryable,
  positions: readonly { readonly storeId: string; readonly seq: string }[],
): Promise<void> {
  if (positions.length === 0) return;
  await q.query(
    `INSERT INTO outbox_relay_position AS p (store_id, seq, updated_at)
     SELECT unnest($1::text[]), unnest($2::bigint[]), now()
     ON CONFLICT (store_id) DO UPDATE
       SET seq = greatest(p.seq, EXCLUDED.seq), updated_at = EXCLUDED.updated_at`,
    [positions.map((p) => p.storeId), positions.map((p) => p.seq)],
  );
}

/**
 * The envelope's region: the row's own (a region's price list on the chain stream), else the
 * store's, else the chain's for chain-wide rows. A store row is never deleted (stores are
 * soft-deleted); '-' keeps a subject well-formed if one were.
 */
function regionOf(row: Row): string {
  if (row.row_region_id !== null) return row.row_region_id;
  if (row.region_id !== null) return row.region_id;
  return row.store_id === CHAIN_STREAM_ID ? CHAIN_STREAM_ID : '-';
}

/** Compares two canonical decimal numbers (no leading zeros) without turning them into numbers. */
function compareSeqText(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** How far the relay is behind, over every stream. */
export type OutboxBacklog = {
  /** Outbox numbers handed out and not yet published (numbers a retry left unused count too). */
  readonly pending: number;
  /** Age in seconds of the oldest unpublished row; 0 when none waits. */
  readonly oldestAgeSeconds: number;
};

/**
 * The relay's backlog: per stream, its counter against its position, and the first row after the
 * position (one index probe per stream that is behind).
 */
export async function readOutboxBacklog(q: Queryable): Promise<OutboxBacklog> {
  const { rows } = await q.query<{ pending: string; oldest_age: number | null }>(
    `SELECT coalesce(sum(c.last_seq - coalesce(p.seq, 0)), 0)::text AS pending,
            extract(epoch FROM now() - min(f.created_at))::float8 AS oldest_age
       FROM outbox_counter c
       LEFT JOIN outbox_relay_position p ON p.store_id = c.store_id
       LEFT JOIN LATERAL (
         SELECT o.created_at FROM outbox o
          WHERE o.store_id = c.store_id AND o.seq > coalesce(p.seq, 0)
          ORDER BY o.seq LIMIT 1
       ) f ON true
      WHERE c.last_seq > coalesce(p.seq, 0)`,
  );
  const row = rows[0];
  return {
    pending: Number(row?.pending ?? 0),
    oldestAgeSeconds: Math.max(0, row?.oldest_age ?? 0),
  };
}
