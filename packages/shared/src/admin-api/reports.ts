import { z } from 'zod';
import { int, isoDate } from './wire-primitives';

/** What the admin API answers for the sales and GST reports (JSON). Amounts in paise. */

/** How a sales report groups its rows. */
export const salesGroupingSchema = z.enum(['store', 'day', 'product', 'category']);

/** How a sales report groups its rows. */
export type SalesGrouping = z.infer<typeof salesGroupingSchema>;

/**
 * One row of a sales report. Net sales exclude the round-off (docs/reports.md). A bill's
 * round-off belongs to the bill, so rows by store or day carry it and rows by product or category
 * (which split bills) have null.
 */
export const salesRowSchema = z.object({
  key: z.string(),
  label: z.string(),
  labelHi: z.string(),
  netMinor: int,
  /** The bills' round-off by store or day; null by product or category. */
  roundOffMinor: int.nullable(),
  taxableMinor: int,
  taxMinor: int,
  qtyBase: int,
  bills: int,
});

/** One row of a sales report. */
export type SalesRow = z.infer<typeof salesRowSchema>;

/** A sales report's whole period and reach, whatever the grouping. */
export const salesTotalsSchema = z.object({
  /** Net sales: taxable value + GST + cess after discounts, returns subtracted, no round-off. */
  netMinor: int,
  /** The bills' round-off to the rupee, returns' subtracted. */
  roundOffMinor: int,
  /** What customers paid, net of refunds: netMinor + roundOffMinor. */
  collectedMinor: int,
  taxableMinor: int,
  taxMinor: int,
  bills: int,
});

/** A sales report's totals. */
export type SalesTotals = z.infer<typeof salesTotalsSchema>;

/** The period and reach a report answers for, echoed from its query. */
const period = { from: isoDate, to: isoDate, storeId: z.string().optional(), format: z.string() };

/** The answer of `GET /v1/admin/reports/sales` (JSON). */
export const salesReportSchema = z.object({
  ...period,
  groupBy: salesGroupingSchema,
  rows: z.array(salesRowSchema),
  totals: salesTotalsSchema,
});

/** The sales report's answer (JSON). */
export type SalesReport = z.infer<typeof salesReportSchema>;

/** One row of the GST summary: a rate and an HSN code. */
export const gstRowSchema = z.object({
  gstRateBp: int,
  hsn: z.string(),
  taxableMinor: int,
  cgstMinor: int,
  sgstMinor: int,
  igstMinor: int,
  cessMinor: int,
  lines: int,
});

/** One row of the GST summary. */
export type GstRow = z.infer<typeof gstRowSchema>;

/**
 * Tax invoices of a period by recipient, supply type and rate: B2B (the buyer gave a GSTIN) or
 * B2C, intra-state (CGST + SGST) or inter-state (IGST). Returns count negatively. The rows add up
 * to the summary's `rows` (tax invoices only).
 */
export const gstSplitRowSchema = z.object({
  supply: z.enum(['b2b', 'b2c']),
  supplyType: z.enum(['intra', 'inter']),
  gstRateBp: int,
  taxableMinor: int,
  cgstMinor: int,
  sgstMinor: int,
  igstMinor: int,
  cessMinor: int,
  /** Tax invoices (sales, not returns) with a line in the row. */
  invoices: int,
});

/** One row of the B2B / B2C split. */
export type GstSplitRow = z.infer<typeof gstSplitRowSchema>;

/**
 * A store's bills of supply in the period: every bill of a composition store (turnover on which it
 * pays composition tax itself, never tax charged to a buyer) and a regular store's bills of supply.
 * Never part of the summary's taxable supplies.
 */
export const billsOfSupplyRowSchema = z.object({
  storeId: z.string(),
  label: z.string(),
  composition: z.boolean(),
  /** Turnover: the bills' net, returns deducted. */
  turnoverMinor: int,
  bills: int,
});

/** One store's bills of supply. */
export type BillsOfSupplyRow = z.infer<typeof billsOfSupplyRowSchema>;

/**
 * The answer of `GET /v1/admin/reports/gst` (JSON): tax invoices by rate and HSN (`rows`), the
 * same by B2B / B2C and supply type (`split`), and bills of supply by store (`billsOfSupply`).
 */
export const gstReportSchema = z.object({
  ...period,
  rows: z.array(gstRowSchema),
  split: z.array(gstSplitRowSchema),
  billsOfSupply: z.array(billsOfSupplyRowSchema),
});

/** The GST summary's answer (JSON). */
export type GstReport = z.infer<typeof gstReportSchema>;
