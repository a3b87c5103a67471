import type { BaseUnit } from '../units/quantity';

/**
 * What the admin API answers for the live dashboard: one business date's sales of the stores a
 * manager reaches. Returns count negatively; amounts are integer paise. Net sales exclude the
 * round-off, which is its own figure (docs/reports.md), exactly as in the sales reports.
 */

/** One store's day. */
export type StoreDay = {
  storeId: string;
  storeCode: string;
  regionId: string;
  nameEn: string;
  nameHi: string;
  /** Net sales: taxable value + GST + cess after discounts, returns subtracted, no round-off. */
  netMinor: number;
  /** The bills' round-off to the rupee, returns' subtracted (what was paid = net + round-off). */
  roundOffMinor: number;
  bills: number;
  returns: number;
  /** Net sales of the bills (returns not subtracted) over their number. */
  averageBillMinor: number;
  lastSaleAt: string | null;
};

/** A product among the day's best sellers. */
export type TopProduct = {
  productId: string;
  nameEn: string;
  nameHi: string;
  qtyBase: number;
  unit: BaseUnit;
  /** Sold by weight or volume (quantities in g or ml); else packs counted. */
  soldLoose: boolean;
  netMinor: number;
};

/** Sales in one hour of the day (store-local time). */
export type HourSales = { hour: number; netMinor: number; bills: number };

/** Everything the dashboard shows for a day. */
export type DashboardDay = {
  businessDate: string;
  totals: {
    netMinor: number;
    roundOffMinor: number;
    /** What customers paid, net of refunds: netMinor + roundOffMinor. */
    collectedMinor: number;
    bills: number;
    returns: number;
    averageBillMinor: number;
  };
  stores: StoreDay[];
  topProducts: TopProduct[];
  byHour: HourSales[];
};

/** One terminal as the fleet view shows it: when it was last heard from and what it said. */
export type FleetTerminal = {
  deviceId: string;
  storeId: string;
  storeCode: string;
  terminalCode: string;
  name: string;
  status: 'active' | 'revoked';
  lastContactAt: string | null;
  unsyncedDocuments: number | null;
  clockSkewMs: number | null;
  appVersion: string | null;
  isSilent: boolean;
};
