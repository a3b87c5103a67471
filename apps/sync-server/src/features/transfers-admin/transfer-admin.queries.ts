import type { ScopeFilter, TransferState } from '@kiryana/shared';
import type { Queryable } from '../../db/db';
import { scopeParams, storeInScope } from '../../db/scope-sql';
import type { WorkflowCursor } from '../../http/workflow-cursor';

/** A transfer document as the list reads it, with both stores' codes. */
type TransferListRow = {
  transfer: TransferState;
  updatedAt: string;
  fromStoreCode: string;
  toStoreCode: string;
};

/**
 * A page of transfers, newest activity first. Each transfer is read from its source store's row
 * (the server writes one per party, same body), and kept when either party is within the reader's
 * reach, so a store sees the transfers it is part of and a region those with either end in it.
 */
export async function listTransfers(
  q: Queryable,
  filter: ScopeFilter,
  input: {
    storeId: string | null;
    regionId: string | null;
    status: string | null;
    after: WorkflowCursor | null;
    limit: number;
  },
): Promise<TransferListRow[]> {
  const { rows } = await q.query<{
    body: TransferState;
    updated_at: string;
    from_code: string;
    to_code: string;
  }>(
    `SELECT wd.doc->'body' AS body, wd.doc->>'updatedAt' AS updated_at,
            sf.code AS from_code, st.code AS to_code
       FROM workflow_documents wd
       JOIN stores sf ON sf.id = wd.doc->'body'->>'fromStoreId'
       JOIN stores st ON st.id = wd.doc->'body'->>'toStoreId'
      WHERE wd.kind = 'transfer' AND wd.store_id = sf.id
        AND (${storeInScope('sf', 1)} OR ${storeInScope('st', 1)})
        AND ($4::text IS NULL OR $4 IN (sf.id, st.id))
        AND ($5::text IS NULL OR $5 IN (sf.region_id, st.region_id))
        AND ($6::text IS NULL OR wd.status = $6)
        AND ($7::text IS NULL OR (wd.doc->>'updatedAt', wd.id) < ($7, $8::text))
      ORDER BY wd.doc->>'updatedAt' DESC, wd.id DESC
      LIMIT $9`,
    [
      ...scopeParams(filter),
      input.storeId,
      input.regionId,
      input.status,
      input.after?.[0] ?? null,
      input.after?.[1] ?? null,
      input.limit,
    ],
  );
  return rows.map((r) => ({
    transfer: r.body,
    updatedAt: r.updated_at,
    fromStoreCode: r.from_code,
    toStoreCode: r.to_code,
  }));
}

/** The open transfers a store is part of (its own rows), for its in-transit list. */
export async function openTransfersOfStore(
  q: Queryable,
  storeId: string,
): Promise<TransferState[]> {
  const { rows } = await q.query<{ body: TransferState }>(
    `SELECT doc->'body' AS body FROM workflow_documents
      WHERE store_id = $1 AND kind = 'transfer' AND status IN ('dispatching', 'in_transit', 'discrepancy')
      ORDER BY id`,
    [storeId],
  );
  return rows.map((r) => r.body);
}

/** Code and region of each existing store among `ids`. */
export async function storesOf(
  q: Queryable,
  ids: readonly string[],
): Promise<Map<string, { code: string; regionId: string }>> {
  const { rows } = await q.query<{ id: string; code: string; region_id: string }>(
    'SELECT id, code, region_id FROM stores WHERE id = ANY($1) AND NOT deleted',
    [ids],
  );
  return new Map(rows.map((r) => [r.id, { code: r.code, regionId: r.region_id }]));
}
