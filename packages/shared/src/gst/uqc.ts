import { type BaseUnit } from '../units/quantity';

/**
 * Unit Quantity Codes (UQC) of the GST portal, for the HSN summary of invoices, GSTR-1 table 12
 * and e-invoices. Stock is kept in base units (piece, gram, millilitre); returns report pieces as
 * NOS and weights and volumes in KGS and LTR, so quantities are converted (never with floats: the
 * conversion yields a decimal string, e.g. 1 250 g → "1.250").
 */
/** The UQC a base unit is reported in. */
export type Uqc = 'NOS' | 'KGS' | 'LTR';

const UQC_OF: Readonly<Record<BaseUnit, Uqc>> = { piece: 'NOS', g: 'KGS', ml: 'LTR' };

/** @example uqcOf('g'); // 'KGS' */
export function uqcOf(unit: BaseUnit): Uqc {
  return UQC_OF[unit];
}

/**
 * A base-unit quantity in its UQC, as a decimal string with three places for KGS and LTR.
 * @example
 * uqcQuantity('g', 1250);   // '1.250'
 * uqcQuantity('piece', 12); // '12'
 */
export function uqcQuantity(unit: BaseUnit, qtyBase: number): string {
  if (!Number.isSafeInteger(qtyBase))
    throw new RangeError('a quantity is an integer of base units');
  if (unit === 'piece') return String(qtyBase);
  const sign = qtyBase < 0 ? '-' : '';
  const abs = Math.abs(qtyBase);
  return `${sign}${String(Math.trunc(abs / 1000))}.${String(abs % 1000).padStart(3, '0')}`;
}
