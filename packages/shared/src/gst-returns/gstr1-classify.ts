import type { Sale, SaleLine } from '../documents/sale';
import { isB2cLarge } from '../gst/place-of-supply';

/**
 * How GSTR-1 sorts a document: its table (by buyer GSTIN and `isB2cLarge`), its place of supply,
 * and the paise sums of one rate. Shared by the invoice tables, the HSN summary and the CSV.
 */

/** Which table a sale (or the original of a return) belongs to. */
export type Gstr1Section = 'b2b' | 'b2cl' | 'b2cs';

/** Which table a sale belongs to. */
export function gstr1SectionOf(sale: Sale): Gstr1Section {
  if ((sale.buyer?.gstin ?? null) !== null) return 'b2b';
  return isB2cLarge(sale) ? 'b2cl' : 'b2cs';
}

/** A sale's place of supply: its own, else its buyer's state, else the store's state. */
export function placeOfSupplyOf(sale: Sale, storeStateCode: string): string {
  return sale.placeOfSupply ?? sale.buyer?.stateCode ?? storeStateCode;
}

/** Sums of one rate, in paise. */
export type RateSums = {
  taxable: number;
  igst: number;
  cgst: number;
  sgst: number;
  cess: number;
};

/** Adds `sign ×` a line into sums. */
export function addLine(sums: RateSums, line: SaleLine, sign: 1 | -1): void {
  sums.taxable += sign * line.taxableMinor;
  sums.igst += sign * line.igstMinor;
  sums.cgst += sign * line.cgstMinor;
  sums.sgst += sign * line.sgstMinor;
  sums.cess += sign * line.cessMinor;
}

/** Zero sums. */
export function zeroSums(): RateSums {
  return { taxable: 0, igst: 0, cgst: 0, sgst: 0, cess: 0 };
}
