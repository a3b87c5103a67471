import type { Queryable } from '../../db/db';

/** What a store holds of the sales that pushed returns point at, and what they refunded. */
export type StoredOriginal = {
  readonly kind: string;
  readonly paidMinor: number;
  readonly returnedNetMinor: number;
  readonly refundedMinor: number;
};

/**
 * The store's sales among `ids`, each with the net and refund of its stored returns. Run in the
 * push transaction after the store's scope row is locked, so a concurrent push of the same store
 * cannot store a return of the same bill in between (docs/sync.md, "Push").
 */
export async function findStoredOriginals(
  q: Queryable,
  storeId: string,
  ids: readonly string[],
): Promise<Map<string, StoredOriginal>> {
  const result = await q.query<{
    id: string;
    kind: string;
    paid: string;
    returned_net: string;
    refunded: string;
  }>(
    `SELECT o.id::text AS id, o.kind, o.total_minor::text AS paid,
            coalesce(sum((r.doc->'totals'->>'netMinor')::bigint), 0)::text AS returned_net,
            coalesce(sum(r.total_minor), 0)::text AS refunded
       FROM sales o
       LEFT JOIN sales r ON r.store_id = o.store_id AND r.original_sale_id = o.id AND r.kind = 'return'
      WHERE o.store_id = $1 AND o.id = ANY($2::uuid[])
      GROUP BY o.id, o.kind, o.total_minor`,
    [storeId, ids],
  );
  return new Map(
    result.rows.map((row) => [
      row.id,
      {
        kind: row.kind,
        paidMinor: Number(row.paid),
        returnedNetMinor: Number(row.returned_net),
        refundedMinor: Number(row.refunded),
      },
    ]),
  );
}

/** The ids among `ids` that some store already holds (retries and conflicts, not new returns). */
export async function existingSaleIds(q: Queryable, ids: readonly string[]): Promise<Set<string>> {
  const result = await q.query<{ id: string }>(
    'SELECT id::text AS id FROM sales WHERE id = ANY($1::uuid[])',
    [ids],
  );
  return new Set(result.rows.map((row) => row.id));
}
