import type { Queryable } from '../../db/db';
import type { HttpMetrics } from '../../http/metrics';

/** A terminal is silent once it has not called the server for this long (the alert's threshold). */
const SILENT_AFTER_MINUTES = 30;

/**
 * The fleet's sync health as Prometheus gauges, read from the database at scrape time (the same
 * figures on every process; alert on the maximum): active terminals, those silent for more than
 * SILENT_AFTER_MINUTES (last seen, or enrolled and never seen, before then; `last_seen_at` is
 * written at most once a minute per device), and quarantined rows nobody has resolved yet.
 */
export function registerFleetMetrics(
  metrics: Pick<HttpMetrics, 'addGauge'>,
  deps: { readonly db: Queryable },
): void {
  const { db } = deps;
  metrics.addGauge(
    'sync_terminals_active',
    'Enrolled terminals that are not revoked.',
    async () => (await terminalCounts(db)).active,
  );
  metrics.addGauge(
    'sync_terminals_silent',
    `Active terminals not heard from for more than ${String(SILENT_AFTER_MINUTES)} minutes.`,
    async () => (await terminalCounts(db)).silent,
  );
  metrics.addGauge(
    'sync_quarantine_unresolved',
    'Pushed rows in quarantine (broke a business rule) not yet resolved.',
    async () => {
      const { rows } = await db.query<{ n: string }>(
        'SELECT count(*)::text AS n FROM quarantine WHERE resolved_at IS NULL',
      );
      return Number(rows[0]?.n ?? 0);
    },
  );
}

async function terminalCounts(db: Queryable): Promise<{ active: number; silent: number }> {
  const { rows } = await db.query<{ active: string; silent: string }>(
    `SELECT count(*)::text AS active,
            count(*) FILTER (
              WHERE coalesce(last_seen_at, enrolled_at) < now() - make_interval(mins => $1)
            )::text AS silent
       FROM devices WHERE status = 'active'`,
    [SILENT_AFTER_MINUTES],
  );
  return { active: Number(rows[0]?.active ?? 0), silent: Number(rows[0]?.silent ?? 0) };
}
