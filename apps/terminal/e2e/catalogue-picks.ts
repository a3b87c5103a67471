import {
  businessDate,
  computeBill,
  DEFAULT_SCALE_BARCODE_LAYOUTS,
  encodeScaleBarcode,
  rateOn,
  resolvePrice,
  type Bill,
  type BillLineInput,
  type PaymentInput,
  type Price,
  type Product,
  type StockLevel,
  type TaxRate,
} from '@kiryana/shared';
import type { ServerReader } from './server-reader';

/** Products of the demo catalogue to bill, priced for the reader's store today. */
export type Pick = { product: Product; price: Price; line: (qtyBase: number) => BillLineInput };

/** The server's catalogue as seen by a store, for choosing what to scan and computing expectations. */
export async function loadPicks(reader: ServerReader, now: Date) {
  const [products, prices, taxRates, levels] = await Promise.all([
    reader.products(),
    reader.prices(),
    reader.pullAll<TaxRate>('tax-rates'),
    reader.levels(),
  ]);
  const date = businessDate(now);
  const at = (productId: string) => ({
    productId,
    storeId: reader.storeId,
    regionId: reader.regionId,
    date,
  });
  const levelOf = new Map(levels.map((level: StockLevel) => [level.productId, level.qtyBase]));
  const schedule = { rows: taxRates };
  const pick = (product: Product): Pick | undefined => {
    const price = resolvePrice(prices, at(product.id));
    if (price === undefined || price.priceMinor > price.mrpMinor || price.priceMinor === 0)
      return undefined;
    const rate = rateOn(schedule, product.taxClassId, date);
    return {
      product,
      price,
      line: (qtyBase) => ({
        productId: product.id,
        name: product.nameEn,
        hsn: product.hsn,
        qtyBase,
        priceBasisQty: product.priceBasisQty,
        unitPriceMinor: price.priceMinor,
        mrpMinor: price.mrpMinor,
        discountMinor: 0,
        gstRateBp: rate.rateBp,
        cessRateBp: rate.cessBp,
      }),
    };
  };
  const stocked = products.filter((p) => p.active && !p._deleted && (levelOf.get(p.id) ?? 0) > 10);
  const packaged = stocked
    .filter((p) => !p.soldLoose && p.barcodes.length > 0)
    .map(pick)
    .filter((p): p is Pick => p !== undefined);
  const loose = stocked
    .filter((p) => p.soldLoose && p.unit === 'g')
    .map(pick)
    .filter((p): p is Pick => p !== undefined);
  return { packaged, loose, levelOf };
}

/** The scale label for `grams` of a loose product (PLU = the number its SKU ends with). */
export function scaleLabel(product: Product, grams: number): string {
  const [layout] = DEFAULT_SCALE_BARCODE_LAYOUTS;
  const plu = /(\d+)$/.exec(product.sku)?.[1] ?? '0';
  if (layout === undefined) throw new Error('no scale layout');
  return encodeScaleBarcode(layout, plu.slice(-5).padStart(5, '0'), grams);
}

/** The bill the server should hold, computed independently with the shared `computeBill`. */
export function expectedBill(lines: BillLineInput[], payments: PaymentInput[]): Bill {
  const result = computeBill({
    currency: 'INR',
    supplyType: 'intra',
    billDiscountMinor: 0,
    lines,
    payments,
  });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.bill;
}

/** The payable total of lines (for choosing a split payment). */
export function payableOf(lines: BillLineInput[]): number {
  const result = computeBill({
    currency: 'INR',
    supplyType: 'intra',
    billDiscountMinor: 0,
    lines,
    payments: [],
  });
  if (result.ok) return result.bill.totals.totalMinor;
  const payable = result.errors.find((error) => error.code === 'UNDERPAID')?.details.payableMinor;
  if (typeof payable !== 'number') throw new Error(JSON.stringify(result.errors));
  return payable;
}
