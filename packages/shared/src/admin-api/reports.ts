import type { BaseUnit } from '../units/quantity';

/** What the admin API answers for sales, GST and stock reports. Amounts in paise. */

/** How a sales report groups its rows. */
export type SalesGrouping = 'store' | 'day' | 'product' | 'category';

/**
 * One row of a sales report. Net sales exclude the round-off (docs/reports.md). A bill's
 * round-off belongs to the bill, so rows by store or day carry it and rows by product or category
 * (which split bills) have null.
 */
export type SalesRow = {
  key: string;
  label: string;
  labelHi: string;
  netMinor: number;
  roundOffMinor: number | null;
  taxableMinor: number;
  taxMinor: number;
  qtyBase: number;
  bills: number;
};

/** A sales report's whole period and reach, whatever the grouping. */
export type SalesTotals = {
  /** Net sales: taxable value + GST + cess after discounts, returns subtracted, no round-off. */
  netMinor: number;
  /** The bills' round-off to the rupee, returns' subtracted. */
  roundOffMinor: number;
  /** What customers paid, net of refunds: netMinor + roundOffMinor. */
  collectedMinor: number;
  taxableMinor: number;
  taxMinor: number;
  bills: number;
};

/** The sales report's answer (JSON). */
export type SalesReport = {
  from: string;
  to: string;
  storeId?: string;
  groupBy: SalesGrouping;
  rows: SalesRow[];
  totals: SalesTotals;
};

/** One row of the GST summary: a rate and an HSN code. */
export type GstRow = {
  gstRateBp: number;
  hsn: string;
  taxableMinor: number;
  cgstMinor: number;
  sgstMinor: number;
  igstMinor: number;
  cessMinor: number;
  lines: number;
};

/** A product's stock in one store against its reorder level. */
export type StockRow = {
  productId: string;
  sku: string;
  nameEn: string;
  nameHi: string;
  unit: BaseUnit;
  /** Sold by weight or volume: quantities are grams or millilitres; else they count packs. */
  soldLoose: boolean;
  qtyBase: number;
  reorderLevelBase: number;
  isLow: boolean;
};
