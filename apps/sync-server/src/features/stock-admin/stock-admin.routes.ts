import { queryIntSchema } from '@kiryana/shared';
import { Hono } from 'hono';
import { z } from 'zod';
import { storeTarget } from '../../auth/access-target';
import type { ActorEnv } from '../../http/require-actor';
import { permittedScope, requirePermission } from '../../http/require-permission';
import { readQuery } from '../../http/request-body';
import {
  type StockAdminDeps,
  movementHistory,
  productAcrossStores,
  storeStock,
} from './stock-admin.service';

export const storeStockQuerySchema = z.object({
  storeId: z.string().min(1).max(64),
  q: z.string().max(100).default(''),
  low: z.enum(['true', 'false']).default('false'),
  after: z.string().max(64).default(''),
  limit: queryIntSchema(1, 1000).default(200),
});
export const productStockQuerySchema = z.object({ productId: z.string().min(1).max(64) });
export const movementsQuerySchema = z.object({
  storeId: z.string().min(1).max(64),
  productId: z.string().min(1).max(64),
  limit: queryIntSchema(1, 500).default(100),
});

/** `/v1/admin/stock…`: levels, the low-stock list and movement history, within the reader's reach. */
export function createStockAdminRoutes(deps: StockAdminDeps): Hono<ActorEnv> {
  const routes = new Hono<ActorEnv>();
  const namedStore = requirePermission('stock:read', (c) =>
    storeTarget(deps.db, c.req.query('storeId') ?? ''),
  );
  routes.get('/stock', namedStore, async (c) => {
    const query = readQuery(c, storeStockQuerySchema);
    const levels = await storeStock(deps, {
      storeId: query.storeId,
      search: query.q,
      lowOnly: query.low === 'true',
      after: query.after,
      limit: query.limit,
    });
    const last = levels.at(-1);
    return c.json({
      storeId: query.storeId,
      levels,
      next: levels.length === query.limit && last ? last.sku : null,
    });
  });
  routes.get('/stock/by-product', requirePermission('stock:read'), async (c) => {
    const query = readQuery(c, productStockQuerySchema);
    return c.json({
      productId: query.productId,
      stores: await productAcrossStores(deps, permittedScope(c, 'stock:read'), query.productId),
    });
  });
  routes.get('/stock/movements', namedStore, async (c) => {
    const query = readQuery(c, movementsQuerySchema);
    return c.json({ ...query, movements: await movementHistory(deps, query) });
  });
  return routes;
}
