import { z } from 'zod';
import { baseUnitSchema } from '../documents/common';
import { reconcileOutcomeSchema, syncErrorReportSchema } from '../sync/health-report';
import { int, isoDate, isoInstant } from './wire-primitives';

/**
 * What the admin API answers for the live dashboard and the fleet view: one business date's sales
 * of the stores a manager reaches. Returns count negatively; amounts are integer paise. Net sales
 * exclude the round-off, which is its own figure (docs/reports.md), exactly as in the sales reports.
 */

/** One store's day. */
export const storeDaySchema = z.object({
  storeId: z.string(),
  storeCode: z.string(),
  regionId: z.string(),
  nameEn: z.string(),
  nameHi: z.string(),
  /** Net sales: taxable value + GST + cess after discounts, returns subtracted, no round-off. */
  netMinor: int,
  /** The bills' round-off to the rupee, returns' subtracted (what was paid = net + round-off). */
  roundOffMinor: int,
  bills: int,
  returns: int,
  /** Net sales of the bills (returns not subtracted) over their number. */
  averageBillMinor: int,
  lastSaleAt: isoInstant.nullable(),
});

/** One store's day. */
export type StoreDay = z.infer<typeof storeDaySchema>;

/** A product among the day's best sellers. */
export const topProductSchema = z.object({
  productId: z.string(),
  nameEn: z.string(),
  nameHi: z.string(),
  unit: baseUnitSchema,
  /** Sold by weight or volume (quantities in g or ml); else packs counted. */
  soldLoose: z.boolean(),
  qtyBase: int,
  netMinor: int,
});

/** A product among the day's best sellers. */
export type TopProduct = z.infer<typeof topProductSchema>;

/** Sales in one hour of the day (store-local time). */
export const hourSalesSchema = z.object({ hour: int, netMinor: int, bills: int });

/** Sales in one hour of the day. */
export type HourSales = z.infer<typeof hourSalesSchema>;

/** The answer of `GET /v1/admin/dashboard`: everything the dashboard shows for a day. */
export const dashboardDaySchema = z.object({
  businessDate: isoDate,
  /** Net sales leave the round-off out; collected = net + round-off (docs/reports.md). */
  totals: z.object({
    netMinor: int,
    roundOffMinor: int,
    /** What customers paid, net of refunds: netMinor + roundOffMinor. */
    collectedMinor: int,
    bills: int,
    returns: int,
    averageBillMinor: int,
  }),
  stores: z.array(storeDaySchema),
  topProducts: z.array(topProductSchema),
  byHour: z.array(hourSalesSchema).length(24),
});

/** Everything the dashboard shows for a day. */
export type DashboardDay = z.infer<typeof dashboardDaySchema>;

/** One terminal as the fleet view shows it: when it was last heard from and what it said. */
export const fleetTerminalSchema = z.object({
  deviceId: z.string(),
  storeId: z.string(),
  storeCode: z.string(),
  terminalCode: z.string(),
  name: z.string(),
  status: z.enum(['active', 'revoked']),
  lastContactAt: isoInstant.nullable(),
  unsyncedDocuments: int.nullable(),
  clockSkewMs: int.nullable(),
  appVersion: z.string().nullable(),
  /** When its oldest unsynced fact was made, as last reported (null: none waiting or unknown). */
  oldestUnsyncedAt: isoInstant.nullable(),
  /** Its last failed sync request, as last reported (null: the last one succeeded or unknown). */
  lastError: syncErrorReportSchema.nullable(),
  /** Its last reconciliation with the server's sync health, as last reported. */
  lastReconciliation: reconcileOutcomeSchema.nullable(),
  /** The sync endpoint it last reported talking to (another region's after a fail-over). */
  endpoint: z.string().nullable().optional(),
  isSilent: z.boolean(),
});

/** One terminal of the fleet view. */
export type FleetTerminal = z.infer<typeof fleetTerminalSchema>;

/** The answer of `GET /v1/admin/fleet`. */
export const fleetSchema = z.object({
  serverTime: isoInstant,
  terminals: z.array(fleetTerminalSchema),
});

/** The fleet view's answer. */
export type Fleet = z.infer<typeof fleetSchema>;

/**
 * The answer of `POST /v1/fleet/report`: the server's clock and the skew it took, and the sync
 * endpoints of the terminal's region as HQ last set them (issue 20), so a list changed after
 * enrolment reaches terminals already out in stores.
 */
export const healthReportAnswerSchema = z.object({
  serverTime: isoInstant,
  clockSkewMs: int,
  endpoints: z
    .array(z.string())
    .optional()
    .describe('The region’s sync endpoints, home first; absent when the region has none set.'),
});

/** The answer of a health report. */
export type HealthReportAnswer = z.infer<typeof healthReportAnswerSchema>;
