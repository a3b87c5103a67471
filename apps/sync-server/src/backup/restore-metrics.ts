import type { Queryable } from '../db/db';
import type { HttpMetrics } from '../http/metrics';

/**
 * The last restore as Prometheus gauges, from `database_restores`: when a server opened its new
 * epoch and the point it went back to (Unix seconds, 0 when the database was never restored).
 * After `pnpm cli restore` the first is the signal that terminals are told to re-pull; the
 * difference between the two is how much history the restore rewound.
 */
export function registerRestoreMetrics(
  metrics: Pick<HttpMetrics, 'addGauge'>,
  deps: { readonly db: Queryable },
): void {
  const read = async () => {
    const { rows } = await deps.db.query<{ opened: string | null; target: string | null }>(
      `SELECT extract(epoch FROM opened_at)::text AS opened,
              extract(epoch FROM target_at)::text AS target
         FROM database_restores ORDER BY opened_at DESC LIMIT 1`,
    );
    return { opened: Number(rows[0]?.opened ?? 0), target: Number(rows[0]?.target ?? 0) };
  };
  metrics.addGauge(
    'db_restore_opened_timestamp_seconds',
    'When the last restore of this database started a new sync epoch (0: never restored).',
    async () => (await read()).opened,
  );
  metrics.addGauge(
    'db_restore_target_timestamp_seconds',
    'The point in time the last restore went back to (0: never restored).',
    async () => (await read()).target,
  );
}
