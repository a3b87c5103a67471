import { AppError, type Clock } from '@kiryana/shared';
import { Hono } from 'hono';
import { z } from 'zod';
import { storeTarget } from '../../auth/access-target';
import type { ActorEnv } from '../../auth/require-actor';
import { permittedScope, requirePermission } from '../../auth/require-permission';
import type { Db } from '../../db/db';
import { inActorTransaction } from '../admin-api/actor-transaction';
import { createEnrolmentCode, revokeDevice } from '../devices/device.service';
import { deviceTarget, regionsInScope, storeCodeOf, storesInScope } from './stores-admin.queries';

export const storeParamSchema = z.object({ storeId: z.string().min(1).max(64) });
export const deviceParamSchema = z.object({ deviceId: z.string().min(1).max(64) });

/**
 * `/v1/admin/regions`, `/v1/admin/stores`: what a manager reaches; enrolment codes for a store and
 * revocation of a terminal, through the device services, attributed to the person in the audit log.
 */
export function createStoresAdminRoutes(deps: { db: Db; clock: Clock }): Hono<ActorEnv> {
  const routes = new Hono<ActorEnv>();
  routes.get('/regions', requirePermission('stores:read'), async (c) =>
    c.json({ regions: await regionsInScope(deps.db, permittedScope(c, 'stores:read')) }),
  );
  routes.get('/stores', requirePermission('stores:read'), async (c) =>
    c.json({ stores: await storesInScope(deps.db, permittedScope(c, 'stores:read')) }),
  );
  routes.post(
    '/stores/:storeId/enrolment-codes',
    requirePermission('devices:enroll', (c) => storeTarget(deps.db, c.req.param('storeId') ?? '')),
    async (c) => {
      const code = await storeCodeOf(deps.db, c.req.param('storeId'));
      if (!code) throw new AppError('NOT_FOUND', 'No such store.');
      const issued = await inActorTransaction(deps.db, c.var.actor, (db) =>
        createEnrolmentCode({ db, clock: deps.clock }, code),
      );
      c.header('Cache-Control', 'no-store');
      return c.json(issued, 201);
    },
  );
  routes.post(
    '/devices/:deviceId/revoke',
    requirePermission('devices:revoke', (c) =>
      deviceTarget(deps.db, c.req.param('deviceId') ?? ''),
    ),
    async (c) => {
      const revoked = await inActorTransaction(deps.db, c.var.actor, (db) =>
        revokeDevice({ db, clock: deps.clock }, c.req.param('deviceId')),
      );
      return c.json(revoked);
    },
  );
  return routes;
}
