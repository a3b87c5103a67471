import { factIdSchema } from '@kiryana/shared';
import { Hono } from 'hono';
import { z } from 'zod';
import type { Db } from '../../db/db';
import type { ApiOperation } from '../../http/openapi';
import type { ActorEnv } from '../../http/require-actor';
import { requirePermission } from '../../http/require-permission';
import { readParams, readQuery } from '../../http/request-body';
import { invoicePdfOf } from './invoice.service';

const saleParamSchema = z.object({ saleId: factIdSchema });
const invoiceQuerySchema = z.object({ lang: z.enum(['en', 'hi']).optional() });

/** `GET /v1/admin/sales/{saleId}/invoice.pdf`: the A4 invoice of a sale, for reprints from HQ. */
export function createInvoiceRoutes(deps: { readonly db: Db }): Hono<ActorEnv> {
  const routes = new Hono<ActorEnv>();
  routes.get('/sales/:saleId/invoice.pdf', requirePermission('sales:read'), async (c) => {
    const { saleId } = readParams(c, saleParamSchema);
    const { lang } = readQuery(c, invoiceQuerySchema);
    const { pdf, fileName } = await invoicePdfOf(deps.db, c.var.actor, saleId, lang ?? 'en');
    c.header('Content-Type', 'application/pdf');
    c.header('Content-Disposition', `attachment; filename="${fileName}"`);
    return c.body(pdf.slice().buffer);
  });
  return routes;
}

/** OpenAPI description of these endpoints (tagged Admin by the admin API). */
export const invoiceOperations: readonly Omit<ApiOperation, 'tag' | 'auth'>[] = [
  {
    method: 'get',
    path: '/v1/admin/sales/:saleId/invoice.pdf',
    operationId: 'getInvoicePdf',
    summary: 'The A4 tax invoice, bill of supply or credit note of a sale, as a PDF.',
    description:
      'Needs sales:read in the sale’s store. The same document the terminal prints (CGST Rules 46, 49 and 53: supplier and recipient, HSN-wise summary, taxes, amount in words); `lang=hi` prints the labels and the amount in words in Hindi. 404 NOT_FOUND for an unknown sale.',
    params: saleParamSchema,
    query: invoiceQuerySchema,
    responses: { 200: { description: 'PDF.', contentType: 'application/pdf' } },
    errors: [400, 403, 404],
  },
];
