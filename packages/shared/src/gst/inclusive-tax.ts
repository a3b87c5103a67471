import {
  allocateMinor,
  BASIS_POINTS_PER_UNIT,
  divideRounded,
  type MinorUnits,
  minorUnits,
} from '../money/index';
import { GstError } from './gst-error';

/** Intra-state supply (CGST + SGST/UTGST) or inter-state supply (IGST). */
export type SupplyType = 'intra' | 'inter';

/** The tax content of one line, in minor units. */
export type LineTax = {
  readonly taxableMinor: MinorUnits;
  readonly cgstMinor: MinorUnits;
  readonly sgstMinor: MinorUnits;
  readonly igstMinor: MinorUnits;
  readonly cessMinor: MinorUnits;
};

function checkRate(name: string, value: number): bigint {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new GstError('INVALID_RATE', `${name} ${String(value)} is not whole basis points ≥ 0.`, {
      [name]: String(value),
    });
  }
  return BigInt(value);
}

/**
 * Splits GST into its heads: intra-state into equal CGST and SGST halves with the odd paisa to
 * CGST (so CGST − SGST is 0 or 1 paisa, −1 on a negative amount), inter-state all IGST. This
 * splits one amount; a bill re-splits its lines' GST once per rate group (`splitBillGst`), so
 * the odd paise of many lines do not all land on CGST.
 * @example
 * splitGst(1800, 'intra'); // { cgstMinor: 900, sgstMinor: 900, igstMinor: 0 }
 * splitGst(251, 'intra'); // { cgstMinor: 126, sgstMinor: 125, igstMinor: 0 }
 * splitGst(4000, 'inter'); // { cgstMinor: 0, sgstMinor: 0, igstMinor: 4000 }
 */
export function splitGst(
  gstMinor: number,
  supplyType: SupplyType,
): { cgstMinor: MinorUnits; sgstMinor: MinorUnits; igstMinor: MinorUnits } {
  const zero = minorUnits(0);
  if (supplyType === 'inter')
    return { cgstMinor: zero, sgstMinor: zero, igstMinor: minorUnits(gstMinor) };
  const [cgstMinor = zero, sgstMinor = zero] = allocateMinor(gstMinor, [1, 1]);
  return { cgstMinor, sgstMinor, igstMinor: zero };
}

/**
 * Derives taxable value and tax from a tax-inclusive amount (an MRP-inclusive line net). See the
 * rounding policy in gst/index.ts: taxable = inclusive × 10000 / (10000 + rateBp + cessBp)
 * rounded half away from zero; tax = inclusive − taxable, so the parts add back to the inclusive
 * amount exactly; tax is split between GST and cess in proportion rateBp : cessBp (largest
 * remainder, ties to GST), then GST by `splitGst`.
 * @example
 * taxFromInclusive(11800, 1800, 0, 'intra'); // taxable 10000, CGST 900, SGST 900 (₹118 at 18 %)
 * taxFromInclusive(10500, 500, 0, 'intra'); // taxable 10000, CGST 250, SGST 250 (₹105 at 5 %)
 * taxFromInclusive(14000, 4000, 0, 'inter'); // taxable 10000, IGST 4000 (₹140 at 40 %)
 */
export function taxFromInclusive(
  inclusiveMinor: number,
  rateBp: number,
  cessBp: number,
  supplyType: SupplyType,
): LineTax {
  const inclusive = minorUnits(inclusiveMinor);
  const rate = checkRate('rateBp', rateBp);
  const cess = checkRate('cessBp', cessBp);
  const unit = BigInt(BASIS_POINTS_PER_UNIT);
  const taxableMinor = minorUnits(
    Number(divideRounded(BigInt(inclusive) * unit, unit + rate + cess, 'halfUp')),
  );
  const taxMinor = inclusive - taxableMinor;
  // With both rates 0 the tax is 0 and allocateMinor returns zeros for zero weights.
  const [gstMinor = 0, cessMinor = minorUnits(0)] = allocateMinor(taxMinor, [rateBp, cessBp]);
  return { taxableMinor, ...splitGst(gstMinor, supplyType), cessMinor };
}

/**
 * Computes tax on a tax-exclusive taxable value (purchase invoices, B2B): each of GST and cess is
 * taxable × rate / 10000 rounded half away from zero, GST then split by `splitGst`.
 * @example
 * taxFromExclusive(10000, 1800, 0, 'intra'); // CGST 900, SGST 900, inclusive 11800
 */
export function taxFromExclusive(
  taxableMinor: number,
  rateBp: number,
  cessBp: number,
  supplyType: SupplyType,
): LineTax & { inclusiveMinor: MinorUnits } {
  const taxable = BigInt(minorUnits(taxableMinor));
  const unit = BigInt(BASIS_POINTS_PER_UNIT);
  const gstMinor = Number(divideRounded(taxable * checkRate('rateBp', rateBp), unit, 'halfUp'));
  const cessMinor = minorUnits(
    Number(divideRounded(taxable * checkRate('cessBp', cessBp), unit, 'halfUp')),
  );
  return {
    taxableMinor: minorUnits(taxableMinor),
    ...splitGst(gstMinor, supplyType),
    cessMinor,
    inclusiveMinor: minorUnits(taxableMinor + gstMinor + cessMinor),
  };
}
