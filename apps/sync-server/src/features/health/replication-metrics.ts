import type { Queryable } from '../../db/db';
import type { HttpMetrics } from '../../http/metrics';

/**
 * Replication of the Postgres primary as Prometheus gauges, from `pg_stat_replication` (rows only
 * on a primary, one per connected standby): how many standbys stream from it, and the largest
 * replay lag among them. No standby (PGlite, a single server, or a replica) reads 0 and 0, so the
 * lag alert stays quiet and a "standbys gone" alert can compare with what the cluster should have.
 * Lag columns are visible only to superusers and members of `pg_monitor`: grant the server's role
 * pg_monitor, else the lag reads 0 (docs/operations.md#tracing-and-alerts).
 */
export function registerReplicationMetrics(
  metrics: Pick<HttpMetrics, 'addGauge'>,
  deps: { readonly db: Queryable },
): void {
  const read = async () => {
    const { rows } = await deps.db.query<{ standbys: string; lag: string }>(
      `SELECT count(*)::text AS standbys,
              coalesce(max(extract(epoch FROM replay_lag)), 0)::text AS lag
         FROM pg_stat_replication`,
    );
    return { standbys: Number(rows[0]?.standbys ?? 0), lag: Number(rows[0]?.lag ?? 0) };
  };
  metrics.addGauge(
    'db_replication_standbys',
    'Standbys streaming from this database (0 on a replica or without replication).',
    async () => (await read()).standbys,
  );
  metrics.addGauge(
    'db_replication_lag_seconds',
    'Largest replay lag among the standbys of the primary, in seconds (0 without standbys).',
    async () => (await read()).lag,
  );
}
