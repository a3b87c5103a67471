import { hasSpecificCess, specificCessOf, type SupplyType, taxFromInclusive } from '../gst/index';
import { allocateMinor, minorUnits } from '../money/index';
import { lineAmount } from '../units/index';
import {
  type BillInvoiceKind,
  type BillIssue,
  type BillLine,
  type BillLineInput,
  type BillTaxBreakdownRow,
} from './bill-types';

/**
 * Line arithmetic of a bill. Amounts flow: gross (qty × price, half up) − line discount − share of
 * the bill discount = net (tax-inclusive) → taxable + tax by the GST rounding policy.
 */

/** A line whose tax-inclusive amounts are known but whose bill-discount share is not yet. */
type PricedLine = {
  readonly input: BillLineInput;
  readonly grossMinor: number;
  readonly mrpValueMinor: number;
};

/**
 * Prices each line: gross and MRP value for its quantity, both rounded half up.
 * @example
 * priceLines([{ ...line, qtyBase: 1250, unitPriceMinor: 6000, mrpMinor: 6500, priceBasisQty: 1000 }]);
 * // [{ input, grossMinor: 7500, mrpValueMinor: 8125 }]
 */
export function priceLines(lines: readonly BillLineInput[]): PricedLine[] {
  return lines.map((input) => ({
    input,
    grossMinor: lineAmount(input.qtyBase, input.unitPriceMinor, input.priceBasisQty, 'halfUp'),
    mrpValueMinor: lineAmount(input.qtyBase, input.mrpMinor, input.priceBasisQty, 'halfUp'),
  }));
}

/**
 * A canonical order of lines by their content (product, name, HSN, quantity, prices, discount,
 * rates), so leftover paise of an allocation never depend on where a line sits on the bill.
 * @example
 * [b, a].sort(compareLineInputs); // [a, b] when a's product id sorts first
 */
export function compareLineInputs(a: BillLineInput, b: BillLineInput): number {
  const keys = (l: BillLineInput) =>
    [
      l.productId,
      l.name,
      l.hsn,
      l.qtyBase,
      l.priceBasisQty,
      l.unitPriceMinor,
      l.mrpMinor,
      l.discountMinor,
      l.gstRateBp,
      l.cessRateBp,
      l.cessSpecificMinor ?? 0,
      l.cessSpecificPerQty ?? 0,
    ] as const;
  const ka = keys(a);
  const kb = keys(b);
  for (let i = 0; i < ka.length; i += 1) {
    const x = ka[i] ?? 0;
    const y = kb[i] ?? 0;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/**
 * Spreads the bill discount over lines in proportion to their value after line discounts, by
 * largest remainder. Leftover paise go to lines in a canonical order of their content, not their
 * position, so reordering the lines of a bill never changes any line's tax or the totals.
 * @example
 * allocateBillDiscount([{ input: a, grossMinor: 300, mrpValueMinor: 300 }, { input: b, grossMinor: 100, mrpValueMinor: 100 }], 100);
 * // [75, 25] (when neither line has its own discount)
 */
export function allocateBillDiscount(
  priced: readonly PricedLine[],
  billDiscountMinor: number,
): number[] {
  const order = priced
    .map((line, index) => ({ line, index }))
    .sort((a, b) => compareLineInputs(a.line.input, b.line.input) || a.index - b.index);
  const shares = allocateMinor(
    billDiscountMinor,
    order.map(({ line }) => line.grossMinor - line.input.discountMinor),
  );
  const byPosition = new Array<number>(priced.length).fill(0);
  order.forEach(({ index }, k) => {
    byPosition[index] = shares[k] ?? 0;
  });
  return byPosition;
}

/**
 * Lines whose specific cess is more than their net (after all discounts): such a price cannot
 * carry the cess, and the taxable value would come out negative, so the bill is refused. Only a
 * tax invoice charges cess; a bill of supply has none.
 * @example
 * specificCessIssues(priced, [0], 'tax-invoice'); // [] when every net covers its specific cess
 */
export function specificCessIssues(
  priced: readonly PricedLine[],
  discountShares: readonly number[],
  invoiceKind: BillInvoiceKind,
): BillIssue[] {
  if (invoiceKind === 'bill-of-supply') return [];
  return priced.flatMap(({ input, grossMinor }, index): BillIssue[] => {
    const netMinor = grossMinor - input.discountMinor - (discountShares[index] ?? 0);
    const specificMinor = specificCessOf(input.qtyBase, input);
    if (specificMinor <= netMinor) return [];
    return [
      {
        code: 'SPECIFIC_CESS_EXCEEDS_AMOUNT',
        message: `Line ${index + 1} (${input.name}): the specific cess ${specificMinor} is more than the line amount ${netMinor}.`,
        details: { lineNo: index + 1, productId: input.productId, specificMinor, netMinor },
      },
    ];
  });
}

/**
 * Completes the lines: total discount, net, and the tax split of the net. On a tax invoice the
 * specific cess (qty × amount per quantity, half up) comes out of the net first and the rest is
 * split into taxable value, GST and ad valorem cess by the rounding policy; the line's cess is
 * both cesses, so taxable + GST + cess = net still holds. On a bill of supply the whole net is
 * the taxable value and the line carries no tax and rates of 0.
 * @example
 * completeLines(priced, [0], 'intra')[0]?.cgstMinor;
 */
export function completeLines(
  priced: readonly PricedLine[],
  discountShares: readonly number[],
  supplyType: SupplyType,
  invoiceKind: BillInvoiceKind = 'tax-invoice',
): BillLine[] {
  return priced.map(({ input, grossMinor }, index): BillLine => {
    const discountMinor = input.discountMinor + (discountShares[index] ?? 0);
    const netMinor = grossMinor - discountMinor;
    const line = {
      lineNo: index + 1,
      productId: input.productId,
      name: input.name,
      hsn: input.hsn,
      qtyBase: input.qtyBase,
      priceBasisQty: input.priceBasisQty,
      unitPriceMinor: input.unitPriceMinor,
      mrpMinor: input.mrpMinor,
      discountMinor,
      gstRateBp: input.gstRateBp,
      cessRateBp: input.cessRateBp,
      grossMinor,
      netMinor,
    };
    if (invoiceKind === 'bill-of-supply') {
      const zero = minorUnits(0);
      // Overriding keeps the keys in the order of a tax invoice's line.
      return {
        ...line,
        gstRateBp: 0,
        cessRateBp: 0,
        taxableMinor: netMinor,
        cgstMinor: zero,
        sgstMinor: zero,
        igstMinor: zero,
        cessMinor: zero,
      };
    }
    if (!hasSpecificCess(input)) {
      return {
        ...line,
        ...taxFromInclusive(netMinor, input.gstRateBp, input.cessRateBp, supplyType),
      };
    }
    const specificMinor = specificCessOf(input.qtyBase, input);
    const tax = taxFromInclusive(
      netMinor - specificMinor,
      input.gstRateBp,
      input.cessRateBp,
      supplyType,
    );
    return {
      ...line,
      cessSpecificMinor: input.cessSpecificMinor ?? 0,
      cessSpecificPerQty: input.cessSpecificPerQty ?? 1,
      ...tax,
      cessMinor: minorUnits(tax.cessMinor + specificMinor),
    };
  });
}

/**
 * Sums line tax by (GST rate, cess rate), ascending; the rows add up to the bill's tax totals.
 * @example
 * taxBreakdownOf(lines); // [{ gstRateBp: 500, cessRateBp: 0, taxableMinor: 10000, ... }, ...]
 */
export function taxBreakdownOf(lines: readonly BillLine[]): BillTaxBreakdownRow[] {
  const rows = new Map<string, BillTaxBreakdownRow>();
  for (const line of lines) {
    const key = `${line.gstRateBp}/${line.cessRateBp}`;
    const row = rows.get(key);
    rows.set(key, {
      gstRateBp: line.gstRateBp,
      cessRateBp: line.cessRateBp,
      taxableMinor: (row?.taxableMinor ?? 0) + line.taxableMinor,
      cgstMinor: (row?.cgstMinor ?? 0) + line.cgstMinor,
      sgstMinor: (row?.sgstMinor ?? 0) + line.sgstMinor,
      igstMinor: (row?.igstMinor ?? 0) + line.igstMinor,
      cessMinor: (row?.cessMinor ?? 0) + line.cessMinor,
    });
  }
  return [...rows.values()].sort(
    (a, b) => a.gstRateBp - b.gstRateBp || a.cessRateBp - b.cessRateBp,
  );
}
