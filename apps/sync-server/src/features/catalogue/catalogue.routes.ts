import {
  AppError,
  businessDate,
  isoDateSchema,
  productInputSchema,
  queryIntSchema,
} from '@kiryana/shared';
import { Hono } from 'hono';
import { z } from 'zod';
import type { ActorEnv } from '../../http/require-actor';
import { permittedScope, requirePermission } from '../../http/require-permission';
import { readJson, readQuery } from '../../http/request-body';
import {
  type CatalogueDeps,
  catalogueOptionsToday,
  createProduct,
  editProduct,
  exportProductsCsv,
  importProducts,
  listProducts,
  productWithPrices,
  removeProduct,
} from './catalogue.service';
import { removePriceOverride, setProductPrice } from './price.service';

export const productListQuerySchema = z.object({
  q: z.string().max(100).optional(),
  category: z.string().max(80).optional(),
  after: z.string().max(64).default(''),
  limit: queryIntSchema(1, 500).default(100),
});
export const productParamSchema = z.object({ productId: z.string().min(1).max(64) });
export const priceParamSchema = z.object({ priceId: z.string().min(1).max(140) });
export const createProductSchema = productInputSchema.extend({
  hqPriceMinor: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
});
export const importSchema = z.strictObject({
  csv: z.string().max(8 * 1024 * 1024),
  dryRun: z.boolean().default(true),
});
export const setPriceSchema = z
  .strictObject({
    productId: z.string().min(1).max(64),
    level: z.enum(['hq', 'region', 'store']),
    regionId: z.string().min(1).max(64).optional(),
    storeId: z.string().min(1).max(64).optional(),
    priceMinor: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    effectiveFrom: isoDateSchema.optional(),
  })
  .refine((p) => (p.level === 'region') === (p.regionId !== undefined), {
    message: 'regionId is required for a region price and only there',
    path: ['regionId'],
  })
  .refine((p) => (p.level === 'store') === (p.storeId !== undefined), {
    message: 'storeId is required for a store override and only there',
    path: ['storeId'],
  });

/**
 * `/v1/admin/products…` and `/v1/admin/prices…`: the catalogue. Anyone with catalogue:read sees
 * it (it is chain-wide reference data); only catalogue:write at chain level changes it; prices are
 * changed at the level the actor holds prices:write for (HQ list, a region's list, a store's
 * override). Every write lands in the audit log under the person's name.
 */
export function createCatalogueRoutes(deps: CatalogueDeps): Hono<ActorEnv> {
  const routes = new Hono<ActorEnv>();
  const today = () => businessDate(new Date(deps.clock.now()));
  routes.get('/catalogue-options', requirePermission('catalogue:read'), async (c) =>
    c.json(await catalogueOptionsToday(deps)),
  );
  routes.get('/products', requirePermission('catalogue:read'), async (c) => {
    const query = readQuery(c, productListQuerySchema);
    const list = await listProducts(deps, {
      search: query.q,
      category: query.category,
      after: query.after,
      limit: query.limit,
    });
    const last = list.at(-1);
    return c.json({
      products: list,
      next: list.length === query.limit && last ? last.sku : null,
    });
  });
  routes.get('/products/export.csv', requirePermission('catalogue:read'), async (c) => {
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="catalogue-${today()}.csv"`);
    c.header('Cache-Control', 'no-store');
    return c.body(await exportProductsCsv(deps));
  });
  routes.post(
    '/products/import',
    requirePermission('catalogue:write', () => 'global'),
    async (c) => {
      const body = await readJson(c, importSchema);
      const report = await importProducts(deps, c.var.actor, body);
      if (!report.dryRun && !report.imported) {
        throw new AppError(
          'VALIDATION_FAILED',
          `${report.errors.length} row(s) are not valid; nothing was imported.`,
          report,
        );
      }
      return c.json(report);
    },
  );
  routes.get('/products/:productId', requirePermission('catalogue:read'), async (c) => {
    return c.json(
      await productWithPrices(deps, c.req.param('productId'), permittedScope(c, 'catalogue:read')),
    );
  });
  routes.post(
    '/products',
    requirePermission('catalogue:write', () => 'global'),
    async (c) => {
      const { hqPriceMinor, ...input } = await readJson(c, createProductSchema);
      return c.json(await createProduct(deps, c.var.actor, input, hqPriceMinor), 201);
    },
  );
  routes.put(
    '/products/:productId',
    requirePermission('catalogue:write', () => 'global'),
    async (c) => {
      const input = await readJson(c, productInputSchema);
      return c.json(await editProduct(deps, c.var.actor, c.req.param('productId'), input));
    },
  );
  routes.delete(
    '/products/:productId',
    requirePermission('catalogue:write', () => 'global'),
    async (c) => {
      await removeProduct(deps, c.var.actor, c.req.param('productId'));
      return c.body(null, 204);
    },
  );
  routes.put('/prices', requirePermission('prices:write'), async (c) => {
    const body = await readJson(c, setPriceSchema);
    return c.json(await setProductPrice(deps, c.var.actor, body));
  });
  routes.delete('/prices/:priceId', requirePermission('prices:write'), async (c) => {
    await removePriceOverride(deps, c.var.actor, c.req.param('priceId'));
    return c.body(null, 204);
  });
  return routes;
}
