import { type MinorUnits, multiplyDivide, type RoundingRule } from '../money/index';
import { type BaseUnit } from './quantity';
import { UnitsError } from './units-error';

/**
 * Common price bases: a price is quoted per `priceBasisQty` base units of its product, so
 * ₹60.00/kg is `unitPriceMinor` 6000 with `priceBasisQty` 1000 (g), and a packet is per 1 piece.
 */
export const PRICE_BASIS_QTY = { perPiece: 1, perKg: 1000, perLitre: 1000, per100g: 100 } as const;

/**
 * The usual price basis for a base unit: per piece, per kilogram or per litre.
 * @example
 * defaultPriceBasisQty('g'); // 1000
 */
export function defaultPriceBasisQty(baseUnit: BaseUnit): number {
  return baseUnit === 'piece' ? PRICE_BASIS_QTY.perPiece : PRICE_BASIS_QTY.perKg;
}

/**
 * The amount for a quantity at a unit price: qtyBase × unitPriceMinor / priceBasisQty, rounded
 * by a named rule (default half up: 333 g at ₹10.00/kg is ₹3.33, 335 g is ₹3.35, 1 g at
 * ₹15.00/kg is 1.5 paise → 2 paise). Exact for pieces; BigInt inside, so no overflow.
 * @example
 * lineAmount(1250, 6000, 1000); // 7500: 1.25 kg at ₹60.00/kg = ₹75.00
 * lineAmount(3, 2999, 1); // 8997: 3 packets at ₹29.99
 * lineAmount(333, 4999, 1000, 'down'); // 1664
 */
export function lineAmount(
  qtyBase: number,
  unitPriceMinor: number,
  priceBasisQty: number,
  rule: RoundingRule = 'halfUp',
): MinorUnits {
  if (!Number.isSafeInteger(priceBasisQty) || priceBasisQty <= 0) {
    throw new UnitsError(
      'INVALID_PRICE_BASIS',
      `priceBasisQty must be a positive integer, got ${String(priceBasisQty)}.`,
      {
        priceBasisQty: String(priceBasisQty),
      },
    );
  }
  if (!Number.isSafeInteger(qtyBase)) {
    throw new UnitsError(
      'INVALID_QUANTITY',
      `${String(qtyBase)} is not a whole number of base units.`,
      {
        qtyBase: String(qtyBase),
      },
    );
  }
  return multiplyDivide(qtyBase, unitPriceMinor, priceBasisQty, rule);
}
