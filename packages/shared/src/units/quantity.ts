import { UnitsError } from './units-error';

/**
 * Quantities are integers in a base unit: pieces, grams or millilitres. A kilogram is 1000 g and a
 * litre 1000 ml, so every weight or volume a shop sells (to the gram) is exact, and stock sums
 * never drift. Display units (kg, l) exist only at the edges: parsing input and printing labels.
 */

/** The unit a product's stock and quantities are kept in. */
export type BaseUnit = 'piece' | 'g' | 'ml';

/** A unit a person may type or read: a base unit or a multiple of one. */
export type QuantityUnit = BaseUnit | 'kg' | 'l';

/** An exact quantity: an integer count of its base unit. */
export type Quantity = { readonly qtyBase: number; readonly baseUnit: BaseUnit };

const UNITS: Record<QuantityUnit, { readonly baseUnit: BaseUnit; readonly digits: number }> = {
  piece: { baseUnit: 'piece', digits: 0 },
  g: { baseUnit: 'g', digits: 0 },
  ml: { baseUnit: 'ml', digits: 0 },
  kg: { baseUnit: 'g', digits: 3 },
  l: { baseUnit: 'ml', digits: 3 },
};

const UNIT_ALIASES: Record<string, QuantityUnit> = {
  '': 'piece',
  pc: 'piece',
  pcs: 'piece',
  piece: 'piece',
  pieces: 'piece',
  nos: 'piece',
  no: 'piece',
  g: 'g',
  gm: 'g',
  gms: 'g',
  gram: 'g',
  grams: 'g',
  kg: 'kg',
  kgs: 'kg',
  kilo: 'kg',
  kilogram: 'kg',
  kilograms: 'kg',
  ml: 'ml',
  l: 'l',
  lt: 'l',
  ltr: 'l',
  litre: 'l',
  litres: 'l',
  liter: 'l',
  liters: 'l',
};

const QUANTITY_PATTERN = /^(-?)(\d*)(?:\.(\d*))?\s*([a-z]*)$/;

/**
 * Whether a string is a base unit.
 * @example
 * isBaseUnit('g'); // true
 * isBaseUnit('kg'); // false
 */
export function isBaseUnit(value: string): value is BaseUnit {
  return value === 'piece' || value === 'g' || value === 'ml';
}

/**
 * The base unit of a unit and how many base units one of it holds.
 * @example
 * unitFactor('kg'); // { baseUnit: 'g', factor: 1000 }
 */
export function unitFactor(unit: QuantityUnit): { baseUnit: BaseUnit; factor: number } {
  const { baseUnit, digits } = UNITS[unit];
  return { baseUnit, factor: 10 ** digits };
}

/**
 * Converts an integer amount of a unit to base units exactly.
 * @example
 * toBaseQty(2, 'kg'); // { qtyBase: 2000, baseUnit: 'g' }
 * toBaseQty(750, 'ml'); // { qtyBase: 750, baseUnit: 'ml' }
 */
export function toBaseQty(value: number, unit: QuantityUnit): Quantity {
  const { baseUnit, factor } = unitFactor(unit);
  const qtyBase = value * factor;
  if (!Number.isSafeInteger(value) || !Number.isSafeInteger(qtyBase)) {
    throw new UnitsError('INVALID_QUANTITY', `${String(value)} ${unit} is not a whole quantity.`, {
      value: String(value),
      unit,
    });
  }
  return { qtyBase: qtyBase === 0 ? 0 : qtyBase, baseUnit };
}

/**
 * Parses "1.25 kg", "500g", "2 l", "3 pcs" or a bare "3" (pieces) into base units by string
 * math. Refuses precision finer than the base unit ("1.2345 kg") and fractional pieces with
 * `INVALID_QUANTITY`, and unknown units with `UNKNOWN_UNIT`.
 * @example
 * parseQuantity('1.25 kg'); // { qtyBase: 1250, baseUnit: 'g' }
 * parseQuantity('0.5 L'); // { qtyBase: 500, baseUnit: 'ml' }
 * parseQuantity('3'); // { qtyBase: 3, baseUnit: 'piece' }
 */
export function parseQuantity(input: string): Quantity {
  const match = QUANTITY_PATTERN.exec(input.trim().toLowerCase());
  const alias = match?.[4] ?? '';
  const unit = UNIT_ALIASES[alias];
  if (match === null || unit === undefined) {
    throw new UnitsError(
      match === null ? 'INVALID_QUANTITY' : 'UNKNOWN_UNIT',
      `"${input}" is not a quantity such as "1.25 kg", "500 g" or "3".`,
      { input },
    );
  }
  const [, sign = '', whole = '', fraction = ''] = match;
  const { baseUnit, digits } = UNITS[unit];
  const significant = fraction.replace(/0+$/, '');
  if ((whole === '' && fraction === '') || significant.length > digits) {
    throw new UnitsError('INVALID_QUANTITY', `"${input}" is finer than one ${baseUnit}.`, {
      input,
    });
  }
  const text = `${sign}${whole === '' ? '0' : whole}${significant.padEnd(digits, '0')}`;
  const qtyBase = Number(text);
  if (!Number.isSafeInteger(qtyBase)) {
    throw new UnitsError('INVALID_QUANTITY', `"${input}" is too large.`, { input });
  }
  return { qtyBase: qtyBase === 0 ? 0 : qtyBase, baseUnit };
}

/**
 * Writes base units as an exact decimal in a display unit, by string math.
 * @example
 * quantityInUnit(1250, 'kg'); // '1.250'
 * quantityInUnit(-5, 'l'); // '-0.005'
 */
export function quantityInUnit(qtyBase: number, unit: QuantityUnit): string {
  if (!Number.isSafeInteger(qtyBase)) {
    throw new UnitsError(
      'INVALID_QUANTITY',
      `${String(qtyBase)} is not a whole number of base units.`,
      {
        qtyBase: String(qtyBase),
      },
    );
  }
  const { digits } = UNITS[unit];
  const magnitude = String(Math.abs(qtyBase)).padStart(digits + 1, '0');
  const sign = qtyBase < 0 ? '-' : '';
  if (digits === 0) return `${sign}${magnitude}`;
  return `${sign}${magnitude.slice(0, -digits)}.${magnitude.slice(-digits)}`;
}
