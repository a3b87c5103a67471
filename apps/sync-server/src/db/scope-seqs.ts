import type { Queryable } from './db';

// Below the features: the push (features/sync) and the workflow writers (features/workflow), which
// write rows of several stores' scopes in one transaction, take numbers by the same rule: from the
// scope's counter row, whose lock is held until commit (docs/sync.md, checkpoints).

/** A block of consecutive sequence numbers `first … last` taken in the caller's transaction. */
export type SeqBlock = { readonly epoch: string; readonly first: bigint; readonly last: bigint };

/**
 * Takes `count` sequence numbers of a scope and keeps its row locked until the transaction ends.
 * Unused numbers leave gaps, which pulls tolerate (they only compare `seq > checkpoint`).
 */
export async function takeSeqs(tx: Queryable, scope: string, count: number): Promise<SeqBlock> {
  const result = await tx.query<{ last_seq: string; epoch: string }>(
    `INSERT INTO sync_scope AS s (scope, last_seq) VALUES ($1, $2)
     ON CONFLICT (scope) DO UPDATE SET last_seq = s.last_seq + EXCLUDED.last_seq
     RETURNING s.last_seq::text AS last_seq, s.epoch`,
    [scope, count],
  );
  const row = result.rows[0];
  if (!row) throw new Error(`could not take sequence numbers of ${scope}`);
  const last = BigInt(row.last_seq);
  return { epoch: row.epoch, first: last - BigInt(count) + 1n, last };
}
