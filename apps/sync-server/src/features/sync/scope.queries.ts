import type { Queryable } from '../../db/db';

export { REF_SCOPE, storeScope } from '../../db/sync-scopes';
export { takeSeqs } from '../../db/scope-seqs';

/**
 * Sync scopes and their commit-ordered counters (docs/sync.md). `ref` holds all reference data,
 * `store:<storeId>` a store's facts and projections. A writer takes its sequence numbers with one
 * upsert that increments the scope's row: the row lock it holds until commit makes the numbers
 * become visible in commit order, so a pull that saw seq N has also seen every seq below N.
 */

/** A scope's numbering: its epoch and the last sequence number handed out (decimal text). */
export type ScopeState = {
  readonly scope: string;
  readonly epoch: string;
  readonly lastSeq: string;
};

type ScopeRow = { scope: string; epoch: string; last_seq: string };

/** Reads scopes, creating missing rows so every scope has an epoch to put in a checkpoint. */
export async function readScopes(q: Queryable, scopes: readonly string[]): Promise<ScopeState[]> {
  const read = () =>
    q.query<ScopeRow>(
      'SELECT scope, epoch, last_seq::text AS last_seq FROM sync_scope WHERE scope = ANY($1::text[])',
      [scopes],
    );
  let result = await read();
  if (result.rows.length < scopes.length) {
    await q.query(
      'INSERT INTO sync_scope (scope) SELECT unnest($1::text[]) ON CONFLICT (scope) DO NOTHING',
      [scopes],
    );
    result = await read();
  }
  const byScope = new Map(result.rows.map((row) => [row.scope, row]));
  return scopes.map((scope) => {
    const row = byScope.get(scope);
    if (!row) throw new Error(`sync scope ${scope} vanished`);
    return { scope, epoch: row.epoch, lastSeq: row.last_seq };
  });
}

/** Starts a new epoch of a scope (after a restore or purge): clients re-pull it from zero. */
export async function resetScopeEpoch(q: Queryable, scope: string): Promise<string> {
  const result = await q.query<{ epoch: string }>('SELECT sync_reset_epoch($1) AS epoch', [scope]);
  const epoch = result.rows[0]?.epoch;
  if (epoch === undefined) throw new Error(`could not reset ${scope}`);
  return epoch;
}
