import type { AdminProduct } from '@kiryana/shared';
import { rupeesText, toCsv } from '../../http/csv';

/**
 * The catalogue's CSV columns, shared by export and import so an exported file can be edited and
 * imported back. Amounts are in rupees with two decimals (as people write them), barcodes are
 * separated by `|`, booleans are `true`/`false`.
 */
export const PRODUCT_CSV_COLUMNS = [
  'sku',
  'name_en',
  'name_hi',
  'barcodes',
  'hsn',
  'tax_class',
  'category',
  'unit',
  'sold_loose',
  'mrp',
  'price',
  'reorder_level',
  'active',
] as const;

/** A column of the catalogue CSV. */
export type ProductCsvColumn = (typeof PRODUCT_CSV_COLUMNS)[number];

/** Columns a file must have; the others take defaults. */
export const REQUIRED_CSV_COLUMNS: readonly ProductCsvColumn[] = [
  'sku',
  'name_en',
  'hsn',
  'tax_class',
  'category',
  'unit',
  'mrp',
];

/** The catalogue as CSV. */
export function productsCsv(products: readonly AdminProduct[]): string {
  return toCsv([
    [...PRODUCT_CSV_COLUMNS],
    ...products.map((p) => [
      p.sku,
      p.nameEn,
      p.nameHi,
      p.barcodes.join('|'),
      p.hsn,
      p.taxClassId,
      p.category,
      p.unit,
      p.soldLoose,
      rupeesText(p.mrpMinor),
      p.hqPriceMinor === null ? '' : rupeesText(p.hqPriceMinor),
      p.reorderLevelBase,
      p.active,
    ]),
  ]);
}
