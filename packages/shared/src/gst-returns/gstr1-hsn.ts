import type { Sale } from '../documents/sale';
import { uqcOf, uqcQuantity } from '../gst/uqc';
import type { BaseUnit } from '../units/quantity';
import { percentOfBp, rupeesNumber } from './decimal';
import { type RateSums, addLine, gstr1SectionOf, zeroSums } from './gstr1-classify';
import type { Gstr1HsnRow } from './gstr1-types';

/**
 * Table 12 of GSTR-1: outward supplies by HSN, UQC and rate, in two lists since the portal split
 * it (2025): supplies to registered buyers (`hsn_b2b`) and to everyone else (`hsn_b2c`). A credit
 * note is netted into the list of its original invoice. Quantities are summed in base units and
 * written once in the UQC (grams → KGS with three decimals).
 */
export function hsnSummaryOf(
  documents: readonly Sale[],
  originals: ReadonlyMap<string, Sale>,
  unitOf: (productId: string) => BaseUnit,
): { hsn_b2b: Gstr1HsnRow[]; hsn_b2c: Gstr1HsnRow[] } {
  type Acc = { hsn: string; unit: BaseUnit; rateBp: number; qtyBase: number; sums: RateSums };
  const lists = { b2b: new Map<string, Acc>(), b2c: new Map<string, Acc>() };
  for (const doc of documents) {
    const basis = doc.kind === 'return' ? (originals.get(doc.originalSaleId ?? '') ?? doc) : doc;
    const list = gstr1SectionOf(basis) === 'b2b' ? lists.b2b : lists.b2c;
    const sign = doc.kind === 'return' ? -1 : 1;
    for (const line of doc.lines) {
      const unit = unitOf(line.productId);
      const key = `${line.hsn}|${uqcOf(unit)}|${String(line.gstRateBp).padStart(6, '0')}`;
      const acc = list.get(key) ?? {
        hsn: line.hsn,
        unit,
        rateBp: line.gstRateBp,
        qtyBase: 0,
        sums: zeroSums(),
      };
      acc.qtyBase += sign * line.qtyBase;
      addLine(acc.sums, line, sign);
      list.set(key, acc);
    }
  }
  const rows = (list: Map<string, Acc>): Gstr1HsnRow[] =>
    [...list.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      // A product sold and wholly returned in the month leaves nothing to report.
      .filter(([, a]) => a.qtyBase !== 0 || Object.values(a.sums).some((v) => v !== 0))
      .map(([, a], index) => ({
        num: index + 1,
        hsn_sc: a.hsn,
        uqc: uqcOf(a.unit),
        qty: Number(uqcQuantity(a.unit, a.qtyBase)),
        rt: percentOfBp(a.rateBp),
        txval: rupeesNumber(a.sums.taxable),
        iamt: rupeesNumber(a.sums.igst),
        camt: rupeesNumber(a.sums.cgst),
        samt: rupeesNumber(a.sums.sgst),
        csamt: rupeesNumber(a.sums.cess),
      }));
  return { hsn_b2b: rows(lists.b2b), hsn_b2c: rows(lists.b2c) };
}
