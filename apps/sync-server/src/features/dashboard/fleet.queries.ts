import type {
  FleetTerminal,
  ReconcileOutcome,
  ScopeFilter,
  SyncErrorReport,
} from '@kiryana/shared';
import type { Queryable } from '../../db/db';
import { scopeParams, storeInScope } from '../../db/scope-sql';

/** A terminal silent for longer than this stands out on the dashboard. */
const SILENT_AFTER_MS = 30 * 60_000;

/**
 * Terminals of the stores in `filter`: the last time each was heard from (a token, a sync request
 * or a health report, whichever is latest), and what it last reported about itself.
 */
export async function fleetHealth(
  q: Queryable,
  filter: ScopeFilter,
  nowMs: number,
  storeId?: string,
): Promise<FleetTerminal[]> {
  const { rows } = await q.query<{
    id: string;
    store_id: string;
    code: string;
    terminal_code: string;
    name: string;
    status: 'active' | 'revoked';
    last_ms: number | null;
    unsynced: number | null;
    skew: number | null;
    app_version: string | null;
    oldest_ms: number | null;
    last_error: SyncErrorReport | null;
    last_reconciliation: ReconcileOutcome | null;
    endpoint: string | null;
  }>(
    `SELECT d.id, d.store_id, s.code, d.terminal_code, d.name, d.status,
            (extract(epoch FROM greatest(d.last_seen_at, h.reported_at)) * 1000)::int8 AS last_ms,
            h.unsynced_documents AS unsynced, h.clock_skew_ms AS skew, h.app_version,
            (extract(epoch FROM h.oldest_unsynced_at) * 1000)::int8 AS oldest_ms,
            h.last_error, h.last_reconciliation, h.endpoint
       FROM devices d
       JOIN stores s ON s.id = d.store_id
       LEFT JOIN device_health h ON h.device_id = d.id
      WHERE ${storeInScope('s', 1)} AND ($4::text IS NULL OR s.id = $4)
      ORDER BY s.code, d.terminal_code`,
    [...scopeParams(filter), storeId ?? null],
  );
  return rows.map((r) => ({
    deviceId: r.id,
    storeId: r.store_id,
    storeCode: r.code,
    terminalCode: r.terminal_code,
    name: r.name,
    status: r.status,
    lastContactAt: r.last_ms === null ? null : new Date(r.last_ms).toISOString(),
    unsyncedDocuments: r.unsynced,
    clockSkewMs: r.skew,
    appVersion: r.app_version,
    oldestUnsyncedAt: r.oldest_ms === null ? null : new Date(r.oldest_ms).toISOString(),
    lastError: r.last_error,
    lastReconciliation: r.last_reconciliation,
    endpoint: r.endpoint,
    isSilent: r.status === 'active' && (r.last_ms === null || nowMs - r.last_ms > SILENT_AFTER_MS),
  }));
}

/** Records what a terminal reports about itself (one row per device, overwritten). */
export async function recordHealthReport(
  q: Queryable,
  report: {
    deviceId: string;
    storeId: string;
    nowMs: number;
    clockSkewMs: number;
    unsyncedDocuments: number;
    appVersion: string;
    oldestUnsyncedAt: string | null;
    lastError: SyncErrorReport | null;
    lastReconciliation: ReconcileOutcome | null;
    endpoint: string | null;
  },
): Promise<void> {
  await q.query(
    `INSERT INTO device_health (device_id, store_id, reported_at, clock_skew_ms, unsynced_documents,
                                app_version, oldest_unsynced_at, last_error, last_reconciliation, endpoint)
     VALUES ($1, $2, to_timestamp($3::float8 / 1000), $4, $5, $6, $7::timestamptz, $8::jsonb, $9::jsonb, $10)
     ON CONFLICT (device_id) DO UPDATE
       SET store_id = EXCLUDED.store_id, reported_at = EXCLUDED.reported_at,
           clock_skew_ms = EXCLUDED.clock_skew_ms, unsynced_documents = EXCLUDED.unsynced_documents,
           app_version = EXCLUDED.app_version, oldest_unsynced_at = EXCLUDED.oldest_unsynced_at,
           last_error = EXCLUDED.last_error, last_reconciliation = EXCLUDED.last_reconciliation,
           endpoint = EXCLUDED.endpoint`,
    [
      report.deviceId,
      report.storeId,
      report.nowMs,
      report.clockSkewMs,
      report.unsyncedDocuments,
      report.appVersion,
      report.oldestUnsyncedAt,
      report.lastError === null ? null : JSON.stringify(report.lastError),
      report.lastReconciliation === null ? null : JSON.stringify(report.lastReconciliation),
      report.endpoint,
    ],
  );
}
