import {
  gstFilingBodySchema,
  gstFilingListSchema,
  gstFilingSchema,
  rateChangeBodySchema,
  taxClassInputSchema,
  taxClassListSchema,
  taxClassSchema,
} from '@kiryana/shared';
import { Hono } from 'hono';
import { z } from 'zod';
import type { ApiOperation } from '../../http/openapi';
import type { ActorEnv } from '../../http/require-actor';
import { requirePermission } from '../../http/require-permission';
import { readJson, readParams, readQuery } from '../../http/request-body';
import { gstFilings, markFiled } from './gst-filing.service';
import {
  type TaxAdminDeps,
  changeRate,
  createTaxClass,
  taxClasses,
  updateTaxClass,
} from './tax-class.service';

/** `{taxClassId}` of the path: the same shape as a class id in a body. */
const taxClassParamSchema = taxClassInputSchema.pick({ taxClassId: true });
/** The body of `PUT /tax-classes/{id}`: the class as typed, without its id. */
const taxClassUpdateSchema = taxClassInputSchema.omit({ taxClassId: true });
/** `?gstin` of the filings list. */
const gstFilingQuerySchema = z.object({ gstin: z.string().length(15).optional() });

const HQ = () => 'global' as const;

/**
 * `/v1/admin/tax-classes…` and `/v1/admin/gst/filings`: the GST schedule as HQ data
 * (docs/gst.md, "Tax rates as HQ data"). Reading needs `reports:read` anywhere (the rates are the
 * same for every store); changes need `tax:write` and marking a return filed `gst:file`, both
 * chain-wide (HQ).
 */
export function createTaxAdminRoutes(deps: TaxAdminDeps): Hono<ActorEnv> {
  const routes = new Hono<ActorEnv>();
  const canRead = requirePermission('reports:read');
  routes.get('/tax-classes', canRead, async (c) => c.json({ taxClasses: await taxClasses(deps) }));
  routes.post('/tax-classes', requirePermission('tax:write', HQ), async (c) => {
    const input = await readJson(c, taxClassInputSchema);
    return c.json(await createTaxClass(deps, c.var.actor, input), 201);
  });
  routes.put('/tax-classes/:taxClassId', requirePermission('tax:write', HQ), async (c) => {
    const { taxClassId } = readParams(c, taxClassParamSchema);
    const input = await readJson(c, taxClassUpdateSchema);
    return c.json(await updateTaxClass(deps, c.var.actor, taxClassId, input));
  });
  routes.post('/tax-classes/:taxClassId/rates', requirePermission('tax:write', HQ), async (c) => {
    const { taxClassId } = readParams(c, taxClassParamSchema);
    const change = await readJson(c, rateChangeBodySchema);
    const { taxClass } = await changeRate(deps, c.var.actor, taxClassId, change);
    return c.json(taxClass, 201);
  });
  routes.get('/gst/filings', canRead, async (c) => {
    const { gstin } = readQuery(c, gstFilingQuerySchema);
    return c.json({ filings: await gstFilings(deps, gstin ?? null) });
  });
  routes.post('/gst/filings', requirePermission('gst:file', HQ), async (c) => {
    const body = await readJson(c, gstFilingBodySchema);
    return c.json(await markFiled(deps, c.var.actor, body), 201);
  });
  return routes;
}

/** OpenAPI description of the tax-class and filing endpoints (tagged Admin by the admin API). */
export const taxAdminOperations: readonly Omit<ApiOperation, 'tag' | 'auth'>[] = [
  {
    method: 'get',
    path: '/v1/admin/tax-classes',
    operationId: 'listTaxClasses',
    summary: 'Every tax class with its effective-dated rates (newest first) and product count.',
    description: 'Needs reports:read.',
    responses: { 200: { description: 'The tax classes.', schema: taxClassListSchema } },
    errors: [403],
  },
  {
    method: 'post',
    path: '/v1/admin/tax-classes',
    operationId: 'createTaxClass',
    summary: 'Create a tax class with the HSN prefixes its products must have.',
    description:
      'Needs tax:write (HQ). The class has no rate until its first rate change. Class ids are at most 52 characters, so rate ids (`<class>@<date>`) fit a terminal. Audited.',
    body: taxClassInputSchema,
    responses: { 201: { description: 'The class.', schema: taxClassSchema } },
    errors: [400, 403, 409],
  },
  {
    method: 'put',
    path: '/v1/admin/tax-classes/:taxClassId',
    operationId: 'updateTaxClass',
    summary: 'Replace a tax class’s description and HSN prefixes (empty: any HSN).',
    description: 'Needs tax:write (HQ). Existing products are not re-checked. Audited.',
    params: taxClassParamSchema,
    body: taxClassUpdateSchema,
    responses: { 200: { description: 'The class.', schema: taxClassSchema } },
    errors: [400, 403, 404],
  },
  {
    method: 'post',
    path: '/v1/admin/tax-classes/:taxClassId/rates',
    operationId: 'changeTaxRate',
    summary:
      'Change a class’s rate from a date: closes the row in force and opens `<class>@<date>`.',
    description:
      'Needs tax:write (HQ). One transaction; terminals pull the rows (`tax-rates`) and a `tax-rate.changed` event is written. A second change on the same date replaces that day’s row; a date before a later row is 409 CONFLICT. A date in or before a month whose GSTR-1 is filed for any GSTIN is 409 RATE_CHANGE_IN_FILED_MONTH unless `confirmFiledMonth.reason` is given, which the audit log keeps. A retried `factId` applies once.',
    params: taxClassParamSchema,
    body: rateChangeBodySchema,
    responses: { 201: { description: 'The class with its rates.', schema: taxClassSchema } },
    errors: [400, 403, 404, 409],
  },
  {
    method: 'get',
    path: '/v1/admin/gst/filings',
    operationId: 'listGstFilings',
    summary: 'The months whose GSTR-1 is marked filed, newest first; `gstin` narrows.',
    description: 'Needs reports:read.',
    query: gstFilingQuerySchema,
    responses: { 200: { description: 'The filings.', schema: gstFilingListSchema } },
    errors: [400, 403],
  },
  {
    method: 'post',
    path: '/v1/admin/gst/filings',
    operationId: 'markGstFiled',
    summary: 'Mark a month’s GSTR-1 filed for a GSTIN of the chain, with the ARN.',
    description:
      'Needs gst:file (HQ). A month is filed once per GSTIN (409 on the second). From then on, rate changes reaching that month need a reason. Audited as gst.filed.',
    body: gstFilingBodySchema,
    responses: { 201: { description: 'The filing.', schema: gstFilingSchema } },
    errors: [400, 403, 409],
  },
];
