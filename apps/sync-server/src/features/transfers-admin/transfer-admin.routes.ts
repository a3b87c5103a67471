import {
  factIdSchema,
  inTransitListSchema,
  transferApproveBodySchema,
  transferCancelBodySchema,
  transferDetailSchema,
  transferListSchema,
  transferRequestBodySchema,
  transferResolveBodySchema,
  transferStatusSchema,
} from '@kiryana/shared';
import { Hono } from 'hono';
import { z } from 'zod';
import { storeTarget } from '../../auth/access-target';
import type { ApiOperation } from '../../http/openapi';
import type { ActorEnv } from '../../http/require-actor';
import { permittedScope, requirePermission } from '../../http/require-permission';
import { readJson, readParams, readQuery } from '../../http/request-body';
import {
  type TransferAdminDeps,
  approveTransfer,
  cancelTransfer,
  inTransitOfStore,
  requestTransfer,
  resolveTransfer,
  transferOf,
  transfersInReach,
} from './transfer-admin.service';

const idSchema = z.string().min(1).max(64);
const transferListQuerySchema = z.object({
  storeId: idSchema.optional(),
  regionId: idSchema.optional(),
  status: transferStatusSchema.optional(),
  cursor: z.string().max(400).optional(),
});
const transferParamSchema = z.object({ transferId: factIdSchema });
const inTransitQuerySchema = z.object({ storeId: idSchema });

/**
 * `/v1/admin/transfers…` and `/v1/admin/stock/in-transit`: the transfers board and the steps a
 * person takes (request, approve, resolve, cancel) through the workflow service, which the
 * terminals' dispatch and receipt pushes go through too. Every step carries the client's `factId`,
 * so a retried request applies once.
 */
export function createTransferAdminRoutes(deps: TransferAdminDeps): Hono<ActorEnv> {
  const routes = new Hono<ActorEnv>();
  routes.get('/transfers', requirePermission('transfers:read'), async (c) => {
    const query = readQuery(c, transferListQuerySchema);
    return c.json(
      await transfersInReach(deps, permittedScope(c, 'transfers:read'), {
        storeId: query.storeId ?? null,
        regionId: query.regionId ?? null,
        status: query.status ?? null,
        cursor: query.cursor,
      }),
    );
  });
  routes.post('/transfers', requirePermission('transfers:create'), async (c) => {
    const body = await readJson(c, transferRequestBodySchema);
    return c.json(await requestTransfer(deps, c.var.actor, body), 201);
  });
  routes.get('/transfers/:transferId', requirePermission('transfers:read'), async (c) =>
    c.json(await transferOf(deps, c.var.actor, readParams(c, transferParamSchema).transferId)),
  );
  routes.post(
    '/transfers/:transferId/approve',
    requirePermission('transfers:approve'),
    async (c) => {
      const id = readParams(c, transferParamSchema).transferId;
      const body = await readJson(c, transferApproveBodySchema);
      return c.json(await approveTransfer(deps, c.var.actor, id, body));
    },
  );
  routes.post(
    '/transfers/:transferId/resolve',
    requirePermission('transfers:resolve'),
    async (c) => {
      const id = readParams(c, transferParamSchema).transferId;
      const body = await readJson(c, transferResolveBodySchema);
      return c.json(await resolveTransfer(deps, c.var.actor, id, body));
    },
  );
  routes.post('/transfers/:transferId/cancel', requirePermission('transfers:create'), async (c) => {
    const id = readParams(c, transferParamSchema).transferId;
    const body = await readJson(c, transferCancelBodySchema);
    return c.json(await cancelTransfer(deps, c.var.actor, id, body));
  });
  routes.get(
    '/stock/in-transit',
    requirePermission('transfers:read', (c) => storeTarget(deps.db, c.req.query('storeId') ?? '')),
    async (c) => {
      const query = readQuery(c, inTransitQuerySchema);
      return c.json(await inTransitOfStore(deps, query.storeId));
    },
  );
  return routes;
}

const STEP_ERRORS = [400, 403, 404, 409];

/** OpenAPI description of the transfer endpoints (tagged Admin by the admin API). */
export const transferAdminOperations: readonly Omit<ApiOperation, 'tag' | 'auth'>[] = [
  {
    method: 'get',
    path: '/v1/admin/transfers',
    operationId: 'listTransfers',
    summary: 'Transfers with either store in reach, newest activity first; `next` pages on.',
    description:
      'Needs transfers:read. A store sees the transfers it is part of, a region those with either end in it. `storeId` (either end), `regionId` (either end) and `status` narrow the list.',
    query: transferListQuerySchema,
    responses: { 200: { description: 'A page of transfers.', schema: transferListSchema } },
    errors: [400, 403],
  },
  {
    method: 'post',
    path: '/v1/admin/transfers',
    operationId: 'requestTransfer',
    summary: 'Request stock to move from one store to another.',
    description:
      'Needs transfers:create at either store. `transferId` and `factId` are client-made UUIDs: a retry answers the same transfer and applies nothing twice.',
    body: transferRequestBodySchema,
    responses: { 201: { description: 'The transfer.', schema: transferDetailSchema } },
    errors: STEP_ERRORS,
  },
  {
    method: 'get',
    path: '/v1/admin/transfers/:transferId',
    operationId: 'getTransfer',
    summary: 'A transfer with its lines’ products and what is in transit per product.',
    params: transferParamSchema,
    responses: { 200: { description: 'The transfer.', schema: transferDetailSchema } },
    errors: [400, 403, 404],
  },
  {
    method: 'post',
    path: '/v1/admin/transfers/:transferId/approve',
    operationId: 'approveTransfer',
    summary: 'Approve a requested transfer, optionally cutting lines.',
    description:
      'Needs transfers:approve over both stores: a regional manager within its region, HQ across regions. 409 TRANSITION_NOT_ALLOWED when it is not waiting for approval.',
    params: transferParamSchema,
    body: transferApproveBodySchema,
    responses: { 200: { description: 'The transfer.', schema: transferDetailSchema } },
    errors: STEP_ERRORS,
  },
  {
    method: 'post',
    path: '/v1/admin/transfers/:transferId/resolve',
    operationId: 'resolveTransfer',
    summary: 'Resolve a shortage or damage: found (onto the destination’s shelf) or written off.',
    description:
      'Needs transfers:resolve at the destination. 409 QTY_EXCEEDS_OPEN beyond the open discrepancy.',
    params: transferParamSchema,
    body: transferResolveBodySchema,
    responses: { 200: { description: 'The transfer.', schema: transferDetailSchema } },
    errors: STEP_ERRORS,
  },
  {
    method: 'post',
    path: '/v1/admin/transfers/:transferId/cancel',
    operationId: 'cancelTransfer',
    summary: 'Cancel a transfer, or the part not yet dispatched.',
    description:
      'Needs transfers:create at either store or transfers:approve over both. 409 once everything was dispatched or the transfer ended.',
    params: transferParamSchema,
    body: transferCancelBodySchema,
    responses: { 200: { description: 'The transfer.', schema: transferDetailSchema } },
    errors: STEP_ERRORS,
  },
  {
    method: 'get',
    path: '/v1/admin/stock/in-transit',
    operationId: 'getStockInTransit',
    summary: 'Stock on the road to and from a store, per transfer and product.',
    query: inTransitQuerySchema,
    responses: { 200: { description: 'In transit.', schema: inTransitListSchema } },
    errors: [400, 403],
  },
];
