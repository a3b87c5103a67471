import { supplierInputSchema, supplierListSchema, supplierSchema } from '@kiryana/shared';
import { Hono } from 'hono';
import { z } from 'zod';
import type { ApiOperation } from '../../http/openapi';
import type { ActorEnv } from '../../http/require-actor';
import { permittedScope, requirePermission } from '../../http/require-permission';
import { readJson, readParams, readQuery } from '../../http/request-body';
import {
  type SupplierDeps,
  createSupplier,
  supplierOf,
  suppliersInReach,
  updateSupplier,
} from './supplier.service';

const idSchema = z.string().min(1).max(64);
const supplierListQuerySchema = z.object({
  regionId: idSchema.optional(),
  storeId: idSchema.optional(),
  cursor: z.string().max(400).optional(),
});
const supplierParamSchema = z.object({ supplierId: idSchema });
/** The body of `PUT`: the supplier as typed, and whether it still trades (default: unchanged). */
const supplierUpdateSchema = supplierInputSchema.and(z.object({ active: z.boolean().optional() }));

/**
 * `/v1/admin/suppliers…`: the supplier master. Readers with `purchases:read` see chain-wide
 * suppliers, their region's and those of the stores they reach; writes need `suppliers:write` at
 * the supplier's level (HQ for chain-wide ones, the region for its own) and are audited.
 */
export function createSupplierRoutes(deps: SupplierDeps): Hono<ActorEnv> {
  const routes = new Hono<ActorEnv>();
  const canRead = requirePermission('purchases:read');
  routes.get('/suppliers', canRead, async (c) => {
    const query = readQuery(c, supplierListQuerySchema);
    return c.json(
      await suppliersInReach(deps, permittedScope(c, 'purchases:read'), {
        regionId: query.regionId ?? null,
        storeId: query.storeId ?? null,
        cursor: query.cursor,
      }),
    );
  });
  routes.post('/suppliers', requirePermission('suppliers:write'), async (c) => {
    const input = await readJson(c, supplierInputSchema);
    return c.json(await createSupplier(deps, c.var.actor, input), 201);
  });
  routes.get('/suppliers/:supplierId', canRead, async (c) =>
    c.json(
      await supplierOf(
        deps,
        permittedScope(c, 'purchases:read'),
        readParams(c, supplierParamSchema).supplierId,
      ),
    ),
  );
  routes.put('/suppliers/:supplierId', requirePermission('suppliers:write'), async (c) => {
    const id = readParams(c, supplierParamSchema).supplierId;
    const input = await readJson(c, supplierUpdateSchema);
    return c.json(await updateSupplier(deps, c.var.actor, id, input));
  });
  return routes;
}

/** OpenAPI description of the supplier endpoints (tagged Admin by the admin API). */
export const supplierOperations: readonly Omit<ApiOperation, 'tag' | 'auth'>[] = [
  {
    method: 'get',
    path: '/v1/admin/suppliers',
    operationId: 'listSuppliers',
    summary: 'Suppliers in reach, by name; `next` pages on.',
    description:
      'Needs purchases:read. Chain-wide suppliers, those of the regions in reach and those selling to the stores in reach. `regionId` and `storeId` narrow the list.',
    query: supplierListQuerySchema,
    responses: { 200: { description: 'A page of suppliers.', schema: supplierListSchema } },
    errors: [400, 403],
  },
  {
    method: 'post',
    path: '/v1/admin/suppliers',
    operationId: 'createSupplier',
    summary: 'Create a supplier with its stores and products (packs, last cost).',
    description:
      'Needs suppliers:write at the supplier’s level: everywhere (HQ) for a chain-wide supplier (`regionId` null), else in its region; the stores must be in that region. The GSTIN is checked with its check character and must belong to `stateCode`. Audited as supplier.created.',
    body: supplierInputSchema,
    responses: { 201: { description: 'The supplier.', schema: supplierSchema } },
    errors: [400, 403],
  },
  {
    method: 'get',
    path: '/v1/admin/suppliers/:supplierId',
    operationId: 'getSupplier',
    summary: 'A supplier with its stores and products.',
    params: supplierParamSchema,
    responses: { 200: { description: 'The supplier.', schema: supplierSchema } },
    errors: [400, 403, 404],
  },
  {
    method: 'put',
    path: '/v1/admin/suppliers/:supplierId',
    operationId: 'updateSupplier',
    summary: 'Replace a supplier’s fields, stores and products; `active: false` retires it.',
    description:
      'Needs suppliers:write over the supplier as it is and as it will be (a region cannot take over a chain-wide supplier). Audited as supplier.updated.',
    params: supplierParamSchema,
    body: supplierUpdateSchema,
    responses: { 200: { description: 'The supplier.', schema: supplierSchema } },
    errors: [400, 403, 404],
  },
];
