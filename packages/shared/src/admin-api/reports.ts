import type { BaseUnit } from '../units/quantity';

/** What the admin API answers for sales, GST and stock reports. Amounts in paise. */

/** How a sales report groups its rows. */
export type SalesGrouping = 'store' | 'day' | 'product' | 'category';

/** One row of a sales report. */
export type SalesRow = {
  key: string;
  label: string;
  labelHi: string;
  netMinor: number;
  taxableMinor: number;
  taxMinor: number;
  qtyBase: number;
  bills: number;
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
