import { healthReportSchema, isoDateSchema } from '@kiryana/shared';
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv, LiveHub } from '../../http/app-env';
import type { Clock } from '@kiryana/shared';
import type { DeviceTokenVerifier } from '../../auth/principal';
import type { ActorEnv } from '../../http/require-actor';
import { requireDevice } from '../../http/require-device';
import { permittedScope, requirePermission } from '../../http/require-permission';
import type { Db } from '../../db/db';
import { readJson, readQuery } from '../../http/request-body';
import { streamDashboardHints } from './dashboard-stream';
import { dashboardOfDay, dashboardStoreIds, fleetOf, recordFleetReport } from './dashboard.service';

/** What the dashboard routes need. */
export type DashboardDeps = {
  readonly db: Db;
  readonly clock: Clock;
  readonly live: LiveHub;
  readonly heartbeatMs: number;
};

/** `?storeId=` narrows to one store of the reader's scope; `?date=` looks at another day. */
export const dashboardQuerySchema = z.object({
  storeId: z.string().min(1).max(64).optional(),
  date: isoDateSchema.optional(),
});
export const fleetQuerySchema = z.object({ storeId: z.string().min(1).max(64).optional() });

/** `/v1/admin/dashboard` and `/v1/admin/fleet`: the live view of a manager's stores. */
export function createDashboardRoutes(deps: DashboardDeps): Hono<ActorEnv> {
  const routes = new Hono<ActorEnv>();
  routes.get('/dashboard', requirePermission('sales:read'), async (c) => {
    const query = readQuery(c, dashboardQuerySchema);
    c.header('Cache-Control', 'no-store');
    return c.json(await dashboardOfDay(deps, permittedScope(c, 'sales:read'), query));
  });
  routes.get('/dashboard/stream', requirePermission('sales:read'), async (c) => {
    const saleStoreIds = await dashboardStoreIds(deps, permittedScope(c, 'sales:read'));
    const stockStoreIds = await dashboardStoreIds(deps, permittedScope(c, 'stock:read'));
    return streamDashboardHints(c, deps, { saleStoreIds, stockStoreIds });
  });
  routes.get('/fleet', requirePermission('devices:read'), async (c) => {
    const query = readQuery(c, fleetQuerySchema);
    c.header('Cache-Control', 'no-store');
    return c.json(await fleetOf(deps, permittedScope(c, 'devices:read'), query.storeId));
  });
  return routes;
}

/**
 * `POST /v1/fleet/report`: a terminal says how it is (device token). The server's clock at receipt
 * minus the terminal's is its skew; the store comes from the credential, never the body.
 */
export function createFleetReportRoutes(
  deps: DashboardDeps & { readonly verifyDeviceToken: DeviceTokenVerifier },
): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  routes.use('/report', requireDevice(deps.verifyDeviceToken));
  routes.post('/report', async (c) => {
    const body = await readJson(c, healthReportSchema);
    return c.json(await recordFleetReport(deps, c.var.device, body));
  });
  return routes;
}
