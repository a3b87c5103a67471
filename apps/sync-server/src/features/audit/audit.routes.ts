import { Hono } from 'hono';
import { z } from 'zod';
import type { ActorEnv } from '../../http/require-actor';
import { permittedScope, requirePermission } from '../../http/require-permission';
import type { Db } from '../../db/db';
import { readQuery } from '../../http/request-body';
import { auditExportCsv, exportAudit } from './audit-export';
import { verifyAuditInScope } from './audit-verify';

const instant = z
  .string()
  .max(30)
  .refine((text) => Number.isFinite(Date.parse(text)), 'an ISO date or timestamp')
  .transform((text) => Date.parse(text));
export const exportQuerySchema = z
  .object({ from: instant, to: instant, format: z.enum(['json', 'csv']).default('json') })
  .refine((q) => q.from < q.to, { message: 'from must be before to', path: ['to'] });

/** `/v1/audit`: verification of the chains and exports of a period, within the reader's scope. */
export function createAuditRoutes(deps: { readonly db: Db }): Hono<ActorEnv> {
  const routes = new Hono<ActorEnv>();
  routes.get('/verify', requirePermission('audit:verify'), async (c) => {
    return c.json(await verifyAuditInScope(deps.db, permittedScope(c, 'audit:verify')));
  });
  routes.get('/export', requirePermission('audit:read'), async (c) => {
    const query = readQuery(c, exportQuerySchema);
    const exported = await exportAudit(deps.db, {
      fromMs: query.from,
      toMs: query.to,
      filter: permittedScope(c, 'audit:read'),
    });
    c.header('Cache-Control', 'no-store');
    if (query.format === 'json') return c.json(exported);
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header(
      'Content-Disposition',
      `attachment; filename="audit-${exported.from.slice(0, 10)}.csv"`,
    );
    return c.body(auditExportCsv(exported));
  });
  return routes;
}
