import {
  GSTR1_CSV_SECTIONS,
  einvoiceStatusSchema,
  gstinListSchema,
  gstinSchema,
  gstr1CsvRows,
} from '@kiryana/shared';
import { Hono } from 'hono';
import { z } from 'zod';
import type { Db } from '../../db/db';
import { toCsv } from '../../http/csv';
import type { ApiOperation } from '../../http/openapi';
import type { ActorEnv } from '../../http/require-actor';
import { permittedScope, requirePermission } from '../../http/require-permission';
import { readParams, readQuery } from '../../http/request-body';
import { einvoiceOf, registerEinvoice } from './einvoice.service';
import { gstinsInReach, gstr1Of } from './gstr1.service';
import { type IrpClient, createOfflineIrp } from './irp-client';

/** What the GST returns routes need; `irp` defaults to the local stand-in (irp-client.ts). */
export type GstReturnDeps = { readonly db: Db; readonly irp?: IrpClient };

const gstr1QuerySchema = z
  .object({
    gstin: gstinSchema,
    period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM'),
    format: z.enum(['json', 'csv']).default('json'),
    section: z.enum(GSTR1_CSV_SECTIONS).optional(),
  })
  .refine((q) => q.format === 'json' || q.section !== undefined, {
    message: 'format=csv needs a section',
    path: ['section'],
  });
const saleParamSchema = z.object({ saleId: z.uuid() });

/** Header naming the composition stores left out of a GSTR-1 (they file GSTR-4 / CMP-08). */
export const EXCLUDED_HEADER = 'X-Gstr1-Excluded-Composition-Stores';

/**
 * `/v1/admin/gst/…` and `/v1/admin/sales/{saleId}/einvoice…`: the GSTINs in reach, a month's
 * GSTR-1 (JSON of the portal's offline tool, or one table as CSV) and e-invoices (docs/gst.md,
 * "GSTR-1 and e-invoices").
 */
export function createGstReturnRoutes(deps: GstReturnDeps): Hono<ActorEnv> {
  const routes = new Hono<ActorEnv>();
  const irp = deps.irp ?? createOfflineIrp();
  routes.get('/gst/gstins', requirePermission('reports:read'), async (c) =>
    c.json(await gstinsInReach(deps.db, permittedScope(c, 'reports:read'))),
  );
  routes.get('/gst/gstr1', requirePermission('reports:read'), async (c) => {
    const query = readQuery(c, gstr1QuerySchema);
    const result = await gstr1Of(
      deps.db,
      permittedScope(c, 'reports:read'),
      query.gstin,
      query.period,
    );
    c.header('Cache-Control', 'no-store');
    c.header(EXCLUDED_HEADER, result.excludedCompositionStoreIds.join(','));
    if (query.format === 'json' || query.section === undefined) return c.json(result.json);
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header(
      'Content-Disposition',
      `attachment; filename="gstr1-${query.gstin}-${query.period}-${query.section}.csv"`,
    );
    return c.body(toCsv(gstr1CsvRows(result.json, query.section)));
  });
  routes.get('/sales/:saleId/einvoice', requirePermission('sales:read'), async (c) =>
    c.json(await einvoiceOf(deps.db, c.var.actor, readParams(c, saleParamSchema).saleId)),
  );
  routes.post('/sales/:saleId/einvoice/register', requirePermission('gst:file'), async (c) =>
    c.json(
      await registerEinvoice(deps.db, irp, c.var.actor, readParams(c, saleParamSchema).saleId),
    ),
  );
  return routes;
}

/** OpenAPI description of these endpoints (tagged Admin by the admin API). */
export const gstReturnOperations: readonly Omit<ApiOperation, 'tag' | 'auth'>[] = [
  {
    method: 'get',
    path: '/v1/admin/gst/gstins',
    operationId: 'listGstins',
    summary: 'The GSTINs whose stores are all in reach, with their stores.',
    description: 'Needs reports:read. A GSTIN with a store out of reach is not listed.',
    responses: { 200: { description: 'GSTINs.', schema: gstinListSchema } },
    errors: [403],
  },
  {
    method: 'get',
    path: '/v1/admin/gst/gstr1',
    operationId: 'getGstr1',
    summary: 'A month’s GSTR-1 of a GSTIN: the offline tool JSON, or one table as CSV.',
    description: `Needs reports:read over every store of the GSTIN (403 otherwise; 404 for a GSTIN of no store). The month is of business dates. Composition stores file GSTR-4 / CMP-08: their bills are left out and named in the ${EXCLUDED_HEADER} header.`,
    query: gstr1QuerySchema,
    responses: {
      200: { description: 'The GSTR-1 JSON (or CSV of `section` with format=csv).' },
    },
    errors: [400, 403, 404],
  },
  {
    method: 'get',
    path: '/v1/admin/sales/:saleId/einvoice',
    operationId: 'getEinvoice',
    summary: 'The e-invoice (schema 1.1) of a B2B sale, and its IRN once registered.',
    description:
      'Needs sales:read in the sale’s store. 409 EINVOICE_NOT_APPLICABLE for a sale without a buyer GSTIN, a bill of supply, or a store not under e-invoicing.',
    params: saleParamSchema,
    responses: { 200: { description: 'The e-invoice.', schema: einvoiceStatusSchema } },
    errors: [400, 403, 404, 409],
  },
  {
    method: 'post',
    path: '/v1/admin/sales/:saleId/einvoice/register',
    operationId: 'registerEinvoice',
    summary: 'Registers a sale’s e-invoice at the IRP (once; a replay answers the stored IRN).',
    description:
      'Needs gst:file in the sale’s store. Audited as einvoice.registered (or einvoice.failed). The default IRP is a local stand-in (docs/gst.md).',
    params: saleParamSchema,
    responses: {
      200: { description: 'The e-invoice with its IRN.', schema: einvoiceStatusSchema },
    },
    errors: [400, 403, 404, 409],
  },
];
