import type { TerminalDatabase } from '../db/database';
import {
  createCatalogue,
  type Catalogue,
  type CataloguePrice,
  type CatalogueProduct,
  type CatalogueTaxRate,
} from './catalogue';

/**
 * The barcode directory (db/schemas.ts) and the scan it serves while the catalogue is still
 * loading into memory. The directory only speeds a scan up: every hit is checked against the
 * product itself, so a row left stale by a crash between two writes can never sell the wrong item.
 */

/** Writes the directory rows of these products (their current barcodes). */
export async function recordBarcodes(
  db: TerminalDatabase,
  products: readonly CatalogueProduct[],
): Promise<void> {
  const rows = products.flatMap((product) =>
    product.barcodes.map((barcode) => ({ id: barcode, productId: product.id })),
  );
  if (rows.length > 0) await db['barcode-directory'].bulkUpsert(rows);
}

/**
 * A catalogue holding only the product a barcode names, its prices and its GST rows, read by
 * primary key and indexed queries; undefined when the directory does not know the barcode (the
 * caller then waits for the full catalogue, which also knows weighing-scale labels).
 */
export async function catalogueForBarcode(
  db: TerminalDatabase,
  barcode: string,
): Promise<Catalogue | undefined> {
  const row = await db['barcode-directory'].findOne(barcode).exec();
  if (row === null) return undefined;
  return catalogueForProduct(db, row.productId, (product) => product.barcodes.includes(barcode));
}

/**
 * A catalogue holding only one active product (if `accept` takes it), its prices and its GST
 * rows: what a line for it needs while the full catalogue is still loading (a product found by
 * search may be in memory before its prices are).
 */
export async function catalogueForProduct(
  db: TerminalDatabase,
  productId: string,
  accept: (product: CatalogueProduct) => boolean = () => true,
): Promise<Catalogue | undefined> {
  const doc = await db.products.findOne(productId).exec();
  const product = doc?.toJSON() as CatalogueProduct | undefined;
  if (product === undefined || !product.active || !accept(product)) return undefined;
  const [prices, taxRates] = await Promise.all([
    db.prices.find({ selector: { productId: product.id } }).exec(),
    db['tax-rates'].find({ selector: { taxClassId: product.taxClassId } }).exec(),
  ]);
  return createCatalogue({
    products: [product],
    prices: prices.map((price) => price.toJSON() as CataloguePrice),
    taxRates: taxRates.map((rate) => rate.toJSON() as CatalogueTaxRate),
  });
}
