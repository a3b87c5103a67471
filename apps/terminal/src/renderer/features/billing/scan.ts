import {
  DEFAULT_SCALE_BARCODE_LAYOUTS,
  GstError,
  isWithinMrp,
  looksLikeScaleBarcode,
  multiplyDivide,
  parseScaleBarcode,
  rateOn,
  UnitsError,
  type ScaleBarcodeLayout,
} from '@kiryana/shared';
import type { Catalogue, CatalogueProduct, PriceContext } from '../../catalogue/catalogue';
import type { CartLine } from './cart';

/**
 * From a scanned code or a chosen product to a cart line: barcode and scale-label lookup, the
 * price in force, the GST rate on the bill's date and the MRP ceiling. Every refusal is a reason
 * the screen can show; nothing here touches the cart.
 */

/** Why a scan or product could not become a line. */
export type LineRefusal =
  | 'unknown-barcode'
  | 'malformed-barcode'
  | 'malformed-scale-barcode'
  | 'unknown-scale-item'
  | 'no-price'
  | 'no-tax-rate'
  | 'over-mrp'
  | 'invalid-quantity';

/** A line ready for the cart, without its key. */
type NewLine = Omit<CartLine, 'key'>;

/** The outcome of a scan. */
export type ScanOutcome =
  | { readonly kind: 'line'; readonly line: NewLine }
  /** A loose product scanned by its plain barcode: ask for the weight. */
  | { readonly kind: 'needs-quantity'; readonly product: CatalogueProduct }
  | { readonly kind: 'refused'; readonly reason: LineRefusal; readonly code: string };

/** The result of pricing a product. */
export type LineResult =
  | { readonly ok: true; readonly line: NewLine }
  | { readonly ok: false; readonly reason: LineRefusal };

/**
 * Prices `qtyBase` of a product for the cart, or says why it cannot be sold.
 * @example
 * lineForProduct(catalogue, product, 1250, { storeId: 's1', regionId: 'r1', date: '2026-04-01' });
 */
export function lineForProduct(
  catalogue: Catalogue,
  product: CatalogueProduct,
  qtyBase: number,
  at: PriceContext,
): LineResult {
  if (!Number.isSafeInteger(qtyBase) || qtyBase <= 0)
    return { ok: false, reason: 'invalid-quantity' };
  const price = catalogue.priceOf(product.id, at);
  if (price === undefined) return { ok: false, reason: 'no-price' };
  // Legal Metrology: never sell above MRP. A price row above its MRP is bad data; refuse it.
  if (!isWithinMrp(price.priceMinor, price.mrpMinor)) return { ok: false, reason: 'over-mrp' };
  let rate;
  try {
    rate = rateOn(catalogue.taxSchedule, product.taxClassId, at.date);
  } catch (error) {
    if (error instanceof GstError) return { ok: false, reason: 'no-tax-rate' };
    throw error;
  }
  return {
    ok: true,
    line: {
      productId: product.id,
      nameEn: product.nameEn,
      nameHi: product.nameHi,
      hsn: product.hsn,
      unit: product.unit,
      soldLoose: product.soldLoose,
      priceBasisQty: product.priceBasisQty,
      unitPriceMinor: price.priceMinor,
      mrpMinor: price.mrpMinor,
      gstRateBp: rate.rateBp,
      cessRateBp: rate.cessBp,
      qtyBase,
      // The per-unit cess of the same row (e.g. per 1,000 cigarettes), on the bill's date too.
      ...(rate.cessSpecificMinor
        ? {
            cessSpecificMinor: rate.cessSpecificMinor,
            cessSpecificPerQty: rate.cessSpecificPerQty ?? 1,
          }
        : {}),
    },
  };
}

function fromLineResult(result: LineResult, code: string): ScanOutcome {
  return result.ok
    ? { kind: 'line', line: result.line }
    : { kind: 'refused', reason: result.reason, code };
}

/**
 * Resolves a scanned code: a product barcode first (in-store codes may also start with 2), then a
 * weighing-scale label, else a clear refusal.
 * @example
 * resolveScan(catalogue, '2100042012509', at); // 1.250 kg of the product with SKU 42
 */
export function resolveScan(
  catalogue: Catalogue,
  rawCode: string,
  at: PriceContext,
  layouts: readonly ScaleBarcodeLayout[] = DEFAULT_SCALE_BARCODE_LAYOUTS,
): ScanOutcome {
  const code = rawCode.trim();
  if (!/^\d{8,14}$/.test(code)) return { kind: 'refused', reason: 'malformed-barcode', code };
  const product = catalogue.byBarcode(code);
  if (product !== undefined) {
    if (product.soldLoose && product.unit !== 'piece') return { kind: 'needs-quantity', product };
    return fromLineResult(lineForProduct(catalogue, product, 1, at), code);
  }
  if (!looksLikeScaleBarcode(code) || !layouts.some((layout) => code.startsWith(layout.prefix))) {
    return { kind: 'refused', reason: 'unknown-barcode', code };
  }
  let label;
  try {
    label = parseScaleBarcode(code, layouts);
  } catch (error) {
    if (error instanceof UnitsError)
      return { kind: 'refused', reason: 'malformed-scale-barcode', code };
    throw error;
  }
  const weighed = catalogue.byScaleItemCode(label.itemCode);
  if (weighed === undefined) return { kind: 'refused', reason: 'unknown-scale-item', code };
  if (label.kind === 'weight') {
    return fromLineResult(lineForProduct(catalogue, weighed, label.weightG, at), code);
  }
  // A price-embedded label: the quantity is what that price buys at the current unit price.
  const price = catalogue.priceOf(weighed.id, at);
  if (price === undefined || price.priceMinor === 0)
    return { kind: 'refused', reason: 'no-price', code };
  const qtyBase = multiplyDivide(
    label.priceMinor,
    weighed.priceBasisQty,
    price.priceMinor,
    'halfUp',
  );
  return fromLineResult(lineForProduct(catalogue, weighed, qtyBase, at), code);
}
