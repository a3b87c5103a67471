import {
  type Clock,
  type DashboardDay,
  type FleetTerminal,
  type ReceivedHealthReport,
  type ScopeFilter,
  businessDate,
  type HealthReportAnswer,
} from '@kiryana/shared';
import type { DevicePrincipal } from '../../auth/principal';
import type { Db } from '../../db/db';
import { regionSyncEndpoints } from '../../db/region-sync-endpoints';
import { dashboardDay, storeIdsInScope } from './dashboard.queries';
import { fleetHealth, recordHealthReport } from './fleet.queries';

/** What the dashboard services need. */
export type DashboardServiceDeps = { readonly db: Db; readonly clock: Clock };

/** The dashboard of one business day (today by the server's clock unless given) in reach. */
export function dashboardOfDay(
  deps: DashboardServiceDeps,
  filter: ScopeFilter,
  input: { date?: string | undefined; storeId?: string | undefined },
): Promise<DashboardDay> {
  return dashboardDay(deps.db, filter, {
    businessDate: input.date ?? businessDate(new Date(deps.clock.now())),
    storeId: input.storeId,
  });
}

/** The ids of the stores in reach, whose hints the dashboard stream follows. */
export function dashboardStoreIds(
  deps: DashboardServiceDeps,
  filter: ScopeFilter,
): Promise<string[]> {
  return storeIdsInScope(deps.db, filter);
}

/** The terminals in reach (of one store, or all) with their health, and the server's time. */
export async function fleetOf(
  deps: DashboardServiceDeps,
  filter: ScopeFilter,
  storeId: string | undefined,
): Promise<{ serverTime: string; terminals: FleetTerminal[] }> {
  const serverTime = new Date(deps.clock.now()).toISOString();
  return {
    serverTime,
    terminals: await fleetHealth(deps.db, filter, deps.clock.now(), storeId),
  };
}

/**
 * Records a terminal's health report. The server's clock at receipt minus the terminal's is its
 * skew; the store comes from the credential, never the body.
 */
export async function recordFleetReport(
  deps: DashboardServiceDeps,
  device: DevicePrincipal,
  report: ReceivedHealthReport,
): Promise<HealthReportAnswer> {
  const nowMs = deps.clock.now();
  const clockSkewMs = Date.parse(report.clientTime) - nowMs;
  await recordHealthReport(deps.db, {
    deviceId: device.deviceId,
    storeId: device.storeId,
    nowMs,
    clockSkewMs,
    unsyncedDocuments: report.unsyncedDocuments,
    appVersion: report.appVersion,
    // Absent (an older terminal) and null are stored alike: not known.
    oldestUnsyncedAt: report.oldestUnsyncedAt ?? null,
    lastError: report.lastError ?? null,
    lastReconciliation: report.lastReconciliation ?? null,
    endpoint: report.endpoint ?? null,
  });
  const endpoints = await regionSyncEndpoints(deps.db, device.regionId);
  return {
    serverTime: new Date(nowMs).toISOString(),
    clockSkewMs,
    ...(endpoints.length > 0 ? { endpoints: [...endpoints] } : {}),
  };
}
