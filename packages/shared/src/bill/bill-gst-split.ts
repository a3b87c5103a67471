import { type SupplyType } from '../gst/index';
import { allocateMinor, type MinorUnits, minorUnits } from '../money/index';
import { compareLineInputs } from './bill-lines';
import { type BillLine } from './bill-types';

/**
 * CGST and SGST at bill level. Each line's GST comes from the line rule (gst/index.ts); halving
 * it line by line would give every odd line's paisa to CGST, so a bill of ten ₹10 lines at 18 %
 * would carry CGST 770 and SGST 760. Instead each rate group (a row of the bill's tax table: one
 * GST rate and cess rate) is halved once, with the odd paisa rule below, and the group's CGST is
 * shared back over its lines in proportion to their GST by largest remainder. A line's taxable
 * value, GST and cess do not change; only how its GST is split between the heads does.
 */

/**
 * The odd paisa rule of a GST split: a group total's odd paisa goes to CGST (a negative total
 * mirrors its positive), so CGST − SGST is 0 or 1 paisa per rate group of a bill.
 * @example
 * cgstHalfOf(1530); // 765 (SGST 765)
 * cgstHalfOf(459); // 230 (SGST 229)
 * cgstHalfOf(-459); // -230
 */
export function cgstHalfOf(gstMinor: number): MinorUnits {
  const [cgstMinor = minorUnits(0)] = allocateMinor(gstMinor, [1, 1]);
  return cgstMinor;
}

/**
 * Re-splits intra-state GST of computed lines per rate group (see the module comment); an
 * inter-state bill's lines are returned as they are (IGST is never split). Lines of equal weight
 * get leftover paise in a canonical order of their content, so the order of the lines on a bill
 * never changes any line's figures.
 * @example
 * splitBillGst(tenLinesOf153PaiseGst, 'intra'); // five lines CGST 77/SGST 76, five 76/77: 765 each
 */
export function splitBillGst(lines: readonly BillLine[], supplyType: SupplyType): BillLine[] {
  const result = [...lines];
  if (supplyType === 'inter') return result;
  type Member = { readonly index: number; readonly line: BillLine; readonly gstMinor: number };
  const groups = new Map<string, Member[]>();
  lines.forEach((line, index) => {
    const key = `${line.gstRateBp}/${line.cessRateBp}`;
    const member = { index, line, gstMinor: line.cgstMinor + line.sgstMinor };
    groups.set(key, [...(groups.get(key) ?? []), member]);
  });
  for (const members of groups.values()) {
    const ordered = [...members].sort(
      (a, b) => compareLineInputs(a.line, b.line) || a.index - b.index,
    );
    const groupGst = ordered.reduce((total, member) => total + member.gstMinor, 0);
    const shares = allocateMinor(
      cgstHalfOf(groupGst),
      ordered.map((member) => member.gstMinor),
    );
    ordered.forEach(({ index, line, gstMinor }, k) => {
      const cgstMinor = shares[k] ?? 0;
      result[index] = { ...line, cgstMinor, sgstMinor: gstMinor - cgstMinor };
    });
  }
  return result;
}
