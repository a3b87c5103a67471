import { GstError } from './gst-error';

/**
 * Whether a selling price respects the MRP (Legal Metrology (Packaged Commodities) Rules 2011:
 * no retail sale above the maximum retail price, which includes all taxes). Both prices are per
 * the same price basis.
 * @example
 * isWithinMrp(9500, 10000); // true
 * isWithinMrp(10001, 10000); // false
 */
export function isWithinMrp(unitPriceMinor: number, mrpMinor: number): boolean {
  return unitPriceMinor <= mrpMinor;
}

/**
 * Throws `OVER_MRP` when a price is above the MRP. Loose goods without a printed MRP carry their
 * selling price as MRP; a zero MRP is not "no MRP".
 * @example
 * assertWithinMrp(10000, 10000); // ok
 * assertWithinMrp(10500, 10000, { productId: 'p1' }); // throws GstError OVER_MRP
 */
export function assertWithinMrp(
  unitPriceMinor: number,
  mrpMinor: number,
  details: Record<string, unknown> = {},
): void {
  if (!isWithinMrp(unitPriceMinor, mrpMinor)) {
    throw new GstError(
      'OVER_MRP',
      `Price ${unitPriceMinor} is above the MRP ${mrpMinor} (minor units).`,
      {
        ...details,
        unitPriceMinor,
        mrpMinor,
      },
    );
  }
}
