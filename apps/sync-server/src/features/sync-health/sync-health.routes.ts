import {
  type Clock,
  deviceHealthQuerySchema,
  storeHealthQuerySchema,
  syncHealthSchema,
} from '@kiryana/shared';
import { Hono } from 'hono';
import type { AppEnv } from '../../http/app-env';
import type { AccessTokenVerifier } from '../../auth/access-token';
import { storeTarget } from '../../auth/access-target';
import { type ActorEnv, requireActor } from '../../http/require-actor';
import { requirePermission } from '../../http/require-permission';
import type { Db } from '../../db/db';
import type { ApiOperation } from '../../http/openapi';
import { readQuery } from '../../http/request-body';
import { storeSyncHealth } from './sync-health.service';

/** What the health routes need. */
export type SyncHealthRouteDeps = { readonly db: Db; readonly clock: Clock };

/**
 * `GET /health` for a terminal, mounted under `/v1/sync` behind the device-auth middleware: the
 * health of the device's own store, which it compares with what it believes it sent.
 */
export function createDeviceSyncHealthRoutes(deps: SyncHealthRouteDeps): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  routes.get('/health', async (c) => {
    const query = readQuery(c, deviceHealthQuerySchema);
    c.header('Cache-Control', 'no-store');
    return c.json(await storeSyncHealth(deps, c.var.device.storeId, query));
  });
  return routes;
}

/**
 * `GET /sync-health?storeId=` for managers and operations, mounted under `/v1/fleet`: the same
 * answer for any store the caller holds `devices:read` on.
 */
export function createStoreSyncHealthRoutes(
  deps: SyncHealthRouteDeps & { readonly verifyAccessToken: AccessTokenVerifier },
): Hono<ActorEnv> {
  const routes = new Hono<ActorEnv>();
  routes.get(
    '/sync-health',
    requireActor(deps.verifyAccessToken),
    requirePermission('devices:read', (c) => storeTarget(deps.db, c.req.query('storeId') ?? '')),
    async (c) => {
      const { storeId, ...query } = readQuery(c, storeHealthQuerySchema);
      c.header('Cache-Control', 'no-store');
      return c.json(await storeSyncHealth(deps, storeId, query));
    },
  );
  return routes;
}

const DESCRIPTION =
  'Per terminal and business date: the sales, returns and terminal-made stock movements the ' +
  'server holds, with their totals and an order-independent checksum of their ids, so a ' +
  'terminal can confirm that nothing it sent is missing or doubled without downloading them.';

/** OpenAPI description of the device route. */
export const deviceSyncHealthOperations: readonly ApiOperation[] = [
  {
    method: 'get',
    path: '/v1/sync/health',
    operationId: 'getSyncHealth',
    tag: 'Sync',
    summary: "What the server received from the device's store, per terminal and day.",
    description: DESCRIPTION,
    auth: 'device',
    query: deviceHealthQuerySchema,
    responses: { 200: { description: 'The store’s sync health.', schema: syncHealthSchema } },
    errors: [400, 401],
  },
];

/** OpenAPI description of the manager route. */
export const storeSyncHealthOperations: readonly ApiOperation[] = [
  {
    method: 'get',
    path: '/v1/fleet/sync-health',
    operationId: 'getStoreSyncHealth',
    tag: 'Operations',
    summary: 'What the server received from a store’s terminals, per terminal and day.',
    description: DESCRIPTION,
    auth: 'user',
    query: storeHealthQuerySchema,
    responses: { 200: { description: 'The store’s sync health.', schema: syncHealthSchema } },
    errors: [400, 401, 403, 404],
  },
];
