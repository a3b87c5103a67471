import { appendAudit } from '../db/audit-append';
import type { Db, Queryable } from '../db/db';

/**
 * After a restore, the database is back at an earlier point while terminals hold checkpoints and
 * facts from after it. Starting a new epoch of every sync scope (docs/sync.md, "Restarts from
 * zero") makes each terminal re-pull from zero and, because its pull answers another epoch,
 * reconcile: it compares its own confirmed facts with the server's sync health and re-pushes
 * every day that differs (`reconcile.ts` in @kiryana/sync-client). So a sale made after the
 * restore point, which the terminal keeps, comes back through the normal idempotent push.
 */

/** A restore the server has to open a new epoch for. */
export type RestoreMarker = {
  readonly restoreId: string;
  /** The point restored to (ISO), when known. */
  readonly targetAt: string | null;
  readonly method: 'pgbackrest' | 'pglite-dump';
};

/** What opening the epoch did; `undefined` from `openEpochAfterRestore` when it was done before. */
export type RestoreOpened = { readonly restoreId: string; readonly scopesReset: number };

/**
 * Records the restore and starts a new epoch of every scope in one transaction, once per restore
 * id: a second server starting on the same restored database waits on the primary key and then
 * finds the row, so epochs change exactly once.
 */
export async function openEpochAfterRestore(
  db: Db,
  marker: RestoreMarker,
): Promise<RestoreOpened | undefined> {
  return db.transaction(async (tx) => {
    const claimed = await tx.query(
      `INSERT INTO database_restores (restore_id, target_at, method, scopes_reset)
       VALUES ($1, $2::timestamptz, $3, 0) ON CONFLICT (restore_id) DO NOTHING RETURNING 1`,
      [marker.restoreId, marker.targetAt, marker.method],
    );
    if (claimed.rowCount === 0) return undefined;
    const reset = await tx.query<{ n: string }>(
      'SELECT count(sync_reset_epoch(scope))::text AS n FROM sync_scope',
    );
    const scopesReset = Number(reset.rows[0]?.n ?? 0);
    await tx.query('UPDATE database_restores SET scopes_reset = $2 WHERE restore_id = $1', [
      marker.restoreId,
      scopesReset,
    ]);
    await appendAudit(tx, {
      kind: 'database.restored',
      actor: 'operator',
      subject: marker.restoreId,
      data: { targetAt: marker.targetAt, method: marker.method, scopesReset },
    });
    return { restoreId: marker.restoreId, scopesReset };
  });
}

/**
 * The restore id `pnpm cli restore` left in the restored cluster's configuration
 * (`kiryana.restore_id`, `kiryana.restore_target` in postgresql.auto.conf), if any. Placeholder
 * settings are readable by every role, so the server needs no extra grant.
 */
export async function readRestoreMarker(q: Queryable): Promise<RestoreMarker | undefined> {
  const { rows } = await q.query<{ id: string | null; target: string | null }>(
    `SELECT current_setting('kiryana.restore_id', true) AS id,
            current_setting('kiryana.restore_target', true) AS target`,
  );
  const id = rows[0]?.id?.trim();
  if (!id) return undefined;
  const target = rows[0]?.target?.trim();
  return { restoreId: id, targetAt: target ? target : null, method: 'pgbackrest' };
}

/** At start-up: opens the new epoch of a restore the configuration names, once. */
export async function openEpochIfRestored(db: Db): Promise<RestoreOpened | undefined> {
  const marker = await readRestoreMarker(db);
  return marker ? openEpochAfterRestore(db, marker) : undefined;
}
