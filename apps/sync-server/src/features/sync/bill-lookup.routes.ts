import { billLookupQuerySchema, validationError } from '@kiryana/shared';
import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../../http/app-env';
import { lookupBill } from './bill-lookup.service';

/**
 * `GET /v1/sync/bill?invoiceNo=…` or `?id=…`: one bill of the device's own store with its returns,
 * so a terminal can take back a bill older than its local history window (docs/terminal.md,
 * "Local history retention"). Mounted under `/v1/sync` behind the device-auth middleware; the
 * store is `c.var.device.storeId`, so another store's bill answers 404 like a missing one.
 */
export function createBillLookupRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/', async (c) => {
    const query = billLookupQuerySchema.safeParse(c.req.query());
    if (!query.success) throw validationError(query.error, 'bill query');
    return c.json(await lookupBill(deps, c.var.device, query.data));
  });
  return app;
}
