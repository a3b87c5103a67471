import {
  regionSyncEndpointsSchema,
  storeCreateSchema,
  storeGstSettingsSchema,
} from '@kiryana/shared';
import { Hono } from 'hono';
import { z } from 'zod';
import { storeTarget } from '../../auth/access-target';
import type { ActorEnv } from '../../http/require-actor';
import { permittedScope, requirePermission } from '../../http/require-permission';
import { readJson } from '../../http/request-body';
import { getRegionSyncEndpoints, setRegionSyncEndpoints } from './region-endpoints.service';
import {
  type StoresAdminDeps,
  createStore,
  deviceTarget,
  issueEnrolmentCode,
  regionsInScope,
  revokeTerminal,
  setStoreGst,
  storesInScope,
} from './stores-admin.service';

export const storeParamSchema = z.object({ storeId: z.string().min(1).max(64) });
export const deviceParamSchema = z.object({ deviceId: z.string().min(1).max(64) });
export const regionParamSchema = z.object({ regionId: z.string().min(1).max(64) });

/**
 * `/v1/admin/regions`, `/v1/admin/stores`: what a manager reaches; enrolment codes for a store and
 * revocation of a terminal, through the device services, attributed to the person in the audit log.
 */
export function createStoresAdminRoutes(deps: StoresAdminDeps): Hono<ActorEnv> {
  const routes = new Hono<ActorEnv>();
  routes.get('/regions', requirePermission('stores:read'), async (c) =>
    c.json({ regions: await regionsInScope(deps, permittedScope(c, 'stores:read')) }),
  );
  routes.get(
    '/regions/:regionId/sync-endpoints',
    requirePermission('stores:read', (c) => ({ regionId: c.req.param('regionId') ?? '' })),
    async (c) => c.json(await getRegionSyncEndpoints(deps, c.req.param('regionId'))),
  );
  // HQ changes where a region's terminals sync (issue 20); new enrolments receive the list.
  routes.put(
    '/regions/:regionId/sync-endpoints',
    requirePermission('stores:write', (c) => ({ regionId: c.req.param('regionId') ?? '' })),
    async (c) => {
      const body = await readJson(c, regionSyncEndpointsSchema);
      return c.json(await setRegionSyncEndpoints(deps, c.var.actor, c.req.param('regionId'), body));
    },
  );
  routes.get('/stores', requirePermission('stores:read'), async (c) =>
    c.json({ stores: await storesInScope(deps, permittedScope(c, 'stores:read')) }),
  );
  // The region is in the body: the service checks stores:write there.
  routes.post('/stores', requirePermission('stores:write'), async (c) => {
    const body = await readJson(c, storeCreateSchema);
    return c.json(await createStore(deps, c.var.actor, body), 201);
  });
  // HQ (or whoever may change the store) records its GST registration (issue 19).
  routes.put(
    '/stores/:storeId/gst',
    requirePermission('stores:write', (c) => storeTarget(deps.db, c.req.param('storeId') ?? '')),
    async (c) => {
      const body = await readJson(c, storeGstSettingsSchema);
      return c.json(await setStoreGst(deps, c.var.actor, c.req.param('storeId'), body));
    },
  );
  routes.post(
    '/stores/:storeId/enrolment-codes',
    requirePermission('devices:enroll', (c) => storeTarget(deps.db, c.req.param('storeId') ?? '')),
    async (c) => {
      const issued = await issueEnrolmentCode(deps, c.var.actor, c.req.param('storeId'));
      c.header('Cache-Control', 'no-store');
      return c.json(issued, 201);
    },
  );
  routes.post(
    '/devices/:deviceId/revoke',
    requirePermission('devices:revoke', (c) => deviceTarget(deps, c.req.param('deviceId') ?? '')),
    async (c) => c.json(await revokeTerminal(deps, c.var.actor, c.req.param('deviceId'))),
  );
  return routes;
}
