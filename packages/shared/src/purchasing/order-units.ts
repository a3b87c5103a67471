import { roundHalfUp } from '../money/rounding';

/**
 * Order units: suppliers sell by the case, the bag or the dozen; stock is kept in base units
 * (pieces, grams, millilitres). A PO line says how many base units one order unit holds (a case
 * of 24 → 24), and every conversion is integer arithmetic.
 */

function assertCount(value: number, what: string, min: number): void {
  if (!Number.isSafeInteger(value) || value < min) {
    throw new RangeError(`${what} must be an integer ≥ ${min}, got ${value}.`);
  }
}

/**
 * Base units in a quantity of order units. Throws a RangeError beyond the safe integer range.
 * @example
 * orderUnitsToBase(5, 24); // 120: five cases of 24
 * orderUnitsToBase(3, 5000); // 15000: three 5 kg bags, in grams
 */
export function orderUnitsToBase(qtyOrderUnits: number, baseUnitsPerOrderUnit: number): number {
  assertCount(qtyOrderUnits, 'Quantity in order units', 0);
  assertCount(baseUnitsPerOrderUnit, 'Base units per order unit', 1);
  const base = qtyOrderUnits * baseUnitsPerOrderUnit;
  if (!Number.isSafeInteger(base)) throw new RangeError(`${base} base units is out of range.`);
  return base;
}

/**
 * A base quantity as whole order units and loose base units, for showing receipts the way the
 * supplier counts them.
 * @example
 * splitIntoOrderUnits(50, 24); // { orderUnits: 2, looseBase: 2 }: two cases and two pieces
 */
export function splitIntoOrderUnits(
  qtyBase: number,
  baseUnitsPerOrderUnit: number,
): { orderUnits: number; looseBase: number } {
  assertCount(qtyBase, 'Quantity in base units', 0);
  assertCount(baseUnitsPerOrderUnit, 'Base units per order unit', 1);
  return {
    orderUnits: Math.floor(qtyBase / baseUnitsPerOrderUnit),
    looseBase: qtyBase % baseUnitsPerOrderUnit,
  };
}

/**
 * The cost of one base unit from the cost of one order unit, in integer minor units rounded half
 * up: the receipt movement carries a per-base-unit cost, so a case price that does not divide by
 * the case size drifts by at most half a paisa per piece.
 * @example
 * unitCostPerBase(24000, 24); // 1000: ₹240 a case of 24 is ₹10.00 a piece
 * unitCostPerBase(25000, 24); // 1042: ₹250 / 24 = ₹10.4166… → ₹10.42
 * unitCostPerBase(100, 8); // 13: 12.5 paise rounds half up
 */
export function unitCostPerBase(
  costMinorPerOrderUnit: number,
  baseUnitsPerOrderUnit: number,
): number {
  assertCount(costMinorPerOrderUnit, 'Cost per order unit', 0);
  assertCount(baseUnitsPerOrderUnit, 'Base units per order unit', 1);
  return Number(roundHalfUp(BigInt(costMinorPerOrderUnit), BigInt(baseUnitsPerOrderUnit)));
}
