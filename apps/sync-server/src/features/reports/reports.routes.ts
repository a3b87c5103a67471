import { formatRateBp, isoDateSchema } from '@kiryana/shared';
import { Hono } from 'hono';
import { z } from 'zod';
import type { ActorEnv } from '../../http/require-actor';
import { permittedScope, requirePermission } from '../../http/require-permission';
import { readQuery } from '../../http/request-body';
import { rupeesText, toCsv } from '../../http/csv';
import {
  type ReportDeps,
  billsOfSupply,
  gstSplit,
  gstSummary,
  salesReport,
  salesTotals,
} from './reports.service';

/** Longest period one report may span, in days: keeps a report to a bounded number of partitions. */
const MAX_REPORT_DAYS = 366;

const periodShape = {
  from: isoDateSchema,
  to: isoDateSchema,
  storeId: z.string().min(1).max(64).optional(),
  format: z.enum(['json', 'csv']).default('json'),
};
const periodRefinement = (p: { from: string; to: string }) =>
  p.from <= p.to && (Date.parse(p.to) - Date.parse(p.from)) / 86_400_000 < MAX_REPORT_DAYS;
const periodMessage = {
  message: `from must not be after to, and at most ${MAX_REPORT_DAYS} days apart`,
  path: ['to'],
};

export const salesReportQuerySchema = z
  .object({
    ...periodShape,
    groupBy: z.enum(['store', 'day', 'product', 'category']).default('store'),
  })
  .refine(periodRefinement, periodMessage);
export const gstReportQuerySchema = z
  .object({
    ...periodShape,
    /** Which part a CSV holds: by rate and HSN, the B2B / B2C split, or bills of supply. */
    section: z.enum(['rates', 'split', 'bills-of-supply']).default('rates'),
  })
  .refine(periodRefinement, periodMessage);

/** `/v1/admin/reports/…`: sales and GST over a period, in JSON or CSV, for the reader's stores. */
export function createReportRoutes(deps: ReportDeps): Hono<ActorEnv> {
  const routes = new Hono<ActorEnv>();
  routes.get('/reports/sales', requirePermission('reports:read'), async (c) => {
    const query = readQuery(c, salesReportQuerySchema);
    const input = { filter: permittedScope(c, 'reports:read'), ...query };
    const rows = await salesReport(deps, query.groupBy, input);
    c.header('Cache-Control', 'no-store');
    if (query.format === 'json') {
      return c.json({ ...query, rows, totals: await salesTotals(deps, input) });
    }
    return csvAnswer(c, `sales-by-${query.groupBy}-${query.from}-${query.to}.csv`, [
      [
        query.groupBy,
        'label',
        'label_hi',
        'net',
        'round_off',
        'taxable',
        'tax',
        'qty_base',
        'bills',
      ],
      ...rows.map((r) => [
        r.key,
        r.label,
        r.labelHi,
        rupeesText(r.netMinor),
        r.roundOffMinor === null ? '' : rupeesText(r.roundOffMinor),
        rupeesText(r.taxableMinor),
        rupeesText(r.taxMinor),
        r.qtyBase,
        r.bills,
      ]),
    ]);
  });
  routes.get('/reports/gst', requirePermission('reports:read'), async (c) => {
    const query = readQuery(c, gstReportQuerySchema);
    const input = { filter: permittedScope(c, 'reports:read'), ...query };
    c.header('Cache-Control', 'no-store');
    if (query.format === 'json') {
      const [rows, split, ofSupply] = await Promise.all([
        gstSummary(deps, input),
        gstSplit(deps, input),
        billsOfSupply(deps, input),
      ]);
      return c.json({ ...query, rows, split, billsOfSupply: ofSupply });
    }
    const file = (part: string) => `gst${part}-${query.from}-${query.to}.csv`;
    if (query.section === 'split') {
      const split = await gstSplit(deps, input);
      return csvAnswer(c, file('-split'), [
        [
          'supply',
          'supply_type',
          'gst_rate',
          'taxable',
          'cgst',
          'sgst',
          'igst',
          'cess',
          'invoices',
        ],
        ...split.map((r) => [
          r.supply,
          r.supplyType,
          formatRateBp(r.gstRateBp),
          rupeesText(r.taxableMinor),
          rupeesText(r.cgstMinor),
          rupeesText(r.sgstMinor),
          rupeesText(r.igstMinor),
          rupeesText(r.cessMinor),
          r.invoices,
        ]),
      ]);
    }
    if (query.section === 'bills-of-supply') {
      const ofSupply = await billsOfSupply(deps, input);
      return csvAnswer(c, file('-bills-of-supply'), [
        ['store', 'label', 'composition', 'turnover', 'bills'],
        ...ofSupply.map((r) => [
          r.storeId,
          r.label,
          r.composition ? 'yes' : 'no',
          rupeesText(r.turnoverMinor),
          r.bills,
        ]),
      ]);
    }
    const rows = await gstSummary(deps, input);
    return csvAnswer(c, file(''), [
      ['gst_rate', 'hsn', 'taxable', 'cgst', 'sgst', 'igst', 'cess', 'lines'],
      ...rows.map((r) => [
        formatRateBp(r.gstRateBp),
        r.hsn,
        rupeesText(r.taxableMinor),
        rupeesText(r.cgstMinor),
        rupeesText(r.sgstMinor),
        rupeesText(r.igstMinor),
        rupeesText(r.cessMinor),
        r.lines,
      ]),
    ]);
  });
  return routes;
}

function csvAnswer(
  c: { header: (name: string, value: string) => void; body: (data: string) => Response },
  filename: string,
  rows: (string | number)[][],
): Response {
  c.header('Content-Type', 'text/csv; charset=utf-8');
  c.header('Content-Disposition', `attachment; filename="${filename}"`);
  return c.body(toCsv(rows));
}
